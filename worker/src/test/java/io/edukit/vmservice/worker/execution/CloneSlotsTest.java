package io.edukit.vmservice.worker.execution;

import io.edukit.vmservice.worker.provisioning.VmId;
import io.edukit.vmservice.worker.support.WorkerTest;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.transaction.support.TransactionTemplate;

import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.UUID;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;

import static org.assertj.core.api.Assertions.assertThat;

/** The clone cap per node, counted in PostgreSQL (the worker's default: 2 per node). */
@WorkerTest
class CloneSlotsTest {

    @Autowired
    CloneSlots slots;
    @Autowired
    JdbcClient jdbc;
    @Autowired
    TransactionTemplate transactions;

    @BeforeEach
    void noJobs() {
        jdbc.sql("delete from vm_job_attempt").update();
        jdbc.sql("delete from vm_job").update();
    }

    @Test
    void aSlotIsHeldByAJobAboutToCloneOrWhoseCloneTaskMayRunAndOnlyAtTheCloneStep() {
        atClone("pve4", "clone_slot = true");
        atClone("pve4", "task_upid = 'UPID:pve4:1'");
        atClone("pve5", "clone_slot = false");
        UUID resizing = atClone("pve5", "clone_slot = true");
        jdbc.sql("update vm_job set step = 'RESIZING_DISK' where vm_id = ?").param(resizing).update();

        assertThat(slots.inUse()).containsExactly(Map.entry("pve4", 2));
        assertThat(freeOn("pve4")).as("both of pve4's slots are held").isFalse();
        assertThat(freeOn("pve5")).isTrue();
    }

    @Test
    void aJobDeletedWhileItsCloneMayRunStillHoldsItsNodesSlot() {
        atClone("pve4", "status = 'DELETING', step = null, clone_slot = true");
        atClone("pve4", "status = 'DELETING', step = null, clone_slot = false");
        atClone("pve4", "task_upid = 'UPID:pve4:1'");

        assertThat(slots.inUse()).containsExactly(Map.entry("pve4", 2));
        assertThat(freeOn("pve4")).isFalse();
    }

    @Test
    void aNodesSlotsAreCountedOneTransactionAtATime() throws Exception {
        atClone("pve4", "clone_slot = true");
        UUID taking = atClone("pve4", "clone_slot = false");
        CountDownLatch counted = new CountDownLatch(1);
        CountDownLatch mayCommit = new CountDownLatch(1);
        CompletableFuture<Boolean> first = CompletableFuture.supplyAsync(() -> Boolean.TRUE.equals(transactions.execute(tx -> {
            boolean free = slots.freeOn("pve4");
            jdbc.sql("update vm_job set clone_slot = true where vm_id = ?").param(taking).update();
            counted.countDown();
            await(mayCommit);
            return free;
        })));
        assertThat(counted.await(10, TimeUnit.SECONDS)).isTrue();

        CompletableFuture<Boolean> second = CompletableFuture.supplyAsync(() -> freeOn("pve4"));
        Thread.sleep(300);
        assertThat(second).as("waits for the node's lock while the first takes the last slot").isNotDone();
        mayCommit.countDown();

        assertThat(first.get(10, TimeUnit.SECONDS)).isTrue();
        assertThat(second.get(10, TimeUnit.SECONDS)).as("counts the slot the first took").isFalse();
    }

    @Test
    void aSlotGivenBackGoesToTheReadyJobThatWaitedLongestOnAnyReplica() {
        UUID elsewhere = atClone("pve4", "proxmox_vmid = 100020, lease_owner = 'replica-b', lease_expires_at = now() + interval '1 minute', step_started_at = now() - interval '10 seconds'");
        UUID later = atClone("pve4", "proxmox_vmid = 100021, lease_owner = 'replica-b', lease_expires_at = now() + interval '1 minute', step_started_at = now()");
        atClone("pve4", "proxmox_vmid = 100022, lease_owner = 'replica-a', lease_expires_at = now() + interval '1 minute', step_started_at = now() - interval '20 seconds'");
        atClone("pve4", "lease_owner = 'replica-b', lease_expires_at = now() + interval '1 minute', step_started_at = now() - interval '30 seconds'");

        assertThat(handOver("pve4")).as("not this replica's job that is not its turn, not one without a VMID")
                .contains(new VmId(elsewhere));
        assertThat(handOver("pve4")).contains(new VmId(later));
        assertThat(handOver("pve4")).isEmpty();
    }

    @Test
    void aSlotGivenBackIsHandedToTheJobWhoseTurnItIsHereInTheSameTransaction() throws Exception {
        UUID waiting = atClone("pve4", "proxmox_vmid = 100023, lease_owner = 'replica-a', lease_expires_at = now() + interval '1 minute'");
        CountDownLatch looked = new CountDownLatch(1);
        CompletableFuture<Void> waiter = CompletableFuture.runAsync(() -> slots.await("pve4", new VmId(waiting), false, () -> {
            looked.countDown();
            return false;
        }), Executors.newVirtualThreadPerTaskExecutor());
        assertThat(looked.await(10, TimeUnit.SECONDS)).isTrue();

        assertThat(handOver("pve4")).contains(new VmId(waiting));
        assertThat(handOver("pve5")).as("nobody waits there").isEmpty();
        assertThat(slots.inUse()).containsExactly(Map.entry("pve4", 1));

        slots.onFreed(new CloneSlotFreed("pve4", new VmId(waiting)));
        waiter.get(10, TimeUnit.SECONDS);
        assertThat(handOver("pve4")).as("nobody waits any more").isEmpty();
    }

    private UUID atClone(String node, String assignment) {
        UUID id = UUID.randomUUID();
        jdbc.sql("""
                        insert into vm_job (vm_id, status, step, os_image, hostname, cores, memory_mb, disk_gb, ssh_public_keys,
                            owner_id, course_id, requested_by, last_sequence, version, created_at, updated_at, next_attempt_at,
                            node, template_vmid, storage)
                        values (?, 'PROVISIONING', 'CLONING', 'debian-12', 'ws', 1, 512, 8, '{}', 'alice', 'net-101', 'lab', 2, 1,
                            now(), now(), now(), ?, 9999, 'local-lvm')""")
                .params(id, node).update();
        jdbc.sql("update vm_job set " + assignment + " where vm_id = ?").param(id).update();
        return id;
    }

    private Optional<VmId> handOver(String node) {
        return Objects.requireNonNull(transactions.execute(tx -> slots.handOver(node, "replica-a")));
    }

    private boolean freeOn(String node) {
        return Boolean.TRUE.equals(transactions.execute(tx -> slots.freeOn(node)));
    }

    private static void await(CountDownLatch latch) {
        try {
            latch.await(10, TimeUnit.SECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
