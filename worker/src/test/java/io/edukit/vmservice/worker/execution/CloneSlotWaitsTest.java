package io.edukit.vmservice.worker.execution;

import io.edukit.vmservice.worker.provisioning.FailureClass;
import io.edukit.vmservice.worker.provisioning.StepFailure;
import io.edukit.vmservice.worker.provisioning.VmId;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.util.List;
import java.util.UUID;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** How jobs wait for a node's clone slot on one replica; the looks themselves are stand-ins here. */
class CloneSlotWaitsTest {

    /** No poll comes within the test: only a freed slot can end a wait. */
    CloneSlots slots = new CloneSlots(null, 2, Duration.ofHours(1), Duration.ofHours(1));
    /** The common pool may have a single thread on a small machine; every waiter here needs one of its own. */
    ExecutorService threads = Executors.newVirtualThreadPerTaskExecutor();

    @AfterEach
    void stopThreads() {
        threads.shutdownNow();
    }

    @Test
    void aSlotFreedHereWakesTheWaitingJobAtOnce() throws Exception {
        AtomicBoolean free = new AtomicBoolean();
        List<String> looks = new CopyOnWriteArrayList<>();
        CompletableFuture<Void> waiting = CompletableFuture.runAsync(() -> slots.await("pve4", aJob(), false, () -> look(looks, "a", free)), threads);
        awaitLooks(looks, 1);

        free.set(true);
        slots.onFreed(new CloneSlotFreed("pve4", null));

        waiting.get(10, TimeUnit.SECONDS);
        assertThat(looks).containsExactly("a", "a");
    }

    @Test
    void oneJobAtATimeWaitsForANodesSlotTheOthersQueueBehindIt() throws Exception {
        AtomicBoolean free = new AtomicBoolean();
        List<String> looks = new CopyOnWriteArrayList<>();
        CompletableFuture<Void> first = CompletableFuture.runAsync(() -> slots.await("pve4", aJob(), false, () -> look(looks, "first", free)), threads);
        awaitLooks(looks, 1);
        CompletableFuture<Void> second = CompletableFuture.runAsync(() -> slots.await("pve4", aJob(), false, () -> look(looks, "second", free)), threads);
        CompletableFuture<Void> elsewhere = CompletableFuture.runAsync(() -> slots.await("pve5", aJob(), false, () -> look(looks, "elsewhere", new AtomicBoolean(true))), threads);
        elsewhere.get(10, TimeUnit.SECONDS);

        slots.onFreed(new CloneSlotFreed("pve5", null));
        Thread.sleep(200);
        assertThat(looks).as("another node's slot wakes nobody here; the second waits its turn").containsExactly("first", "elsewhere");

        free.set(true);
        slots.onFreed(new CloneSlotFreed("pve4", null));
        first.get(10, TimeUnit.SECONDS);
        second.get(10, TimeUnit.SECONDS);
        assertThat(looks).containsExactly("first", "elsewhere", "first", "second");
    }

    @Test
    void aJobThatKeptItsSlotFromAnEarlierAttemptDoesNotQueueBehindTheJobsWaitingForIt() throws Exception {
        List<String> looks = new CopyOnWriteArrayList<>();
        CompletableFuture<Void> waiting = CompletableFuture.runAsync(() -> slots.await("pve4", aJob(), false, () -> look(looks, "waiting", new AtomicBoolean())), threads);
        awaitLooks(looks, 1);

        CompletableFuture.runAsync(() -> slots.await("pve4", aJob(), true, () -> look(looks, "holding", new AtomicBoolean())), threads)
                .get(10, TimeUnit.SECONDS);

        assertThat(looks).as("it needs no look").containsExactly("waiting");
        assertThat(waiting).isNotDone();
    }

    @Test
    void aSlotHandedToTheWaitingJobEndsItsWaitWithoutAnotherLook() throws Exception {
        VmId waiter = new VmId(UUID.randomUUID());
        List<String> looks = new CopyOnWriteArrayList<>();
        CompletableFuture<Void> waiting = CompletableFuture.runAsync(() -> slots.await("pve4", waiter, false, () -> look(looks, "waiter", new AtomicBoolean())), threads);
        awaitLooks(looks, 1);

        slots.onFreed(new CloneSlotFreed("pve4", new VmId(UUID.randomUUID())));
        awaitLooks(looks, 2);
        assertThat(waiting).as("handed to another job: it looks again").isNotDone();

        slots.onFreed(new CloneSlotFreed("pve4", waiter));
        waiting.get(10, TimeUnit.SECONDS);
        assertThat(looks).hasSize(2);
    }

    @Test
    void aJobThatGetsNoSlotInTimeFailsTransiently() {
        CloneSlots briefly = new CloneSlots(null, 2, Duration.ofMillis(10), Duration.ofMillis(100));

        assertThatThrownBy(() -> briefly.await("pve4", aJob(), false, () -> false))
                .isInstanceOfSatisfying(StepFailure.class, failure -> assertThat(failure.failureClass()).isEqualTo(FailureClass.TRANSIENT))
                .hasMessage("every clone slot of node pve4 stayed taken for PT0.1S");
    }

    private static VmId aJob() {
        return new VmId(UUID.randomUUID());
    }

    private static boolean look(List<String> looks, String who, AtomicBoolean free) {
        looks.add(who);
        return free.get();
    }

    private static void awaitLooks(List<String> looks, int count) throws InterruptedException {
        for (int i = 0; i < 500 && looks.size() < count; i++) {
            Thread.sleep(10);
        }
        assertThat(looks).hasSize(count);
    }
}
