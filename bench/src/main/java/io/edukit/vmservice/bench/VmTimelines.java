package io.edukit.vmservice.bench;

import io.edukit.vmservice.devstack.LocalIssuer;
import org.jspecify.annotations.Nullable;

import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Consumer;

/**
 * Every VM of a run, by id, with running counts for the live table. The VM id is known before the
 * POST is sent (the API derives it from caller and Idempotency-Key), so an event can never arrive
 * for a VM the benchmark does not know yet.
 */
final class VmTimelines {

    private final String runId;
    private final Map<UUID, VmTimeline> byId = new ConcurrentHashMap<>();
    private final List<VmTimeline> inOrder = java.util.Collections.synchronizedList(new ArrayList<>());
    private final AtomicInteger sent = new AtomicInteger();
    private final AtomicInteger accepted = new AtomicInteger();
    private final AtomicInteger refused = new AtomicInteger();
    private final AtomicInteger running = new AtomicInteger();
    private final AtomicInteger failed = new AtomicInteger();
    private volatile Consumer<VmTimeline> onFinished = vm -> { };

    VmTimelines(String runId) {
        this.runId = runId;
    }

    /** Called once per VM when it ends: RUNNING, FAILED, or refused by the API. */
    void onFinished(Consumer<VmTimeline> listener) {
        this.onFinished = listener;
    }

    String idempotencyKey(int index) {
        return "bench-" + runId + "-" + index;
    }

    /** The API's own derivation: a name-based UUID of caller and key. */
    static UUID vmId(String caller, String idempotencyKey) {
        return UUID.nameUUIDFromBytes((caller + "\n" + idempotencyKey).getBytes(StandardCharsets.UTF_8));
    }

    VmTimeline register(int index) {
        VmTimeline vm = new VmTimeline(index, vmId(LocalIssuer.CALLER, idempotencyKey(index)));
        byId.put(vm.vmId(), vm);
        inOrder.add(vm);
        sent.incrementAndGet();
        return vm;
    }

    void answered(VmTimeline vm, long nanos, int status) {
        vm.answered(nanos, status);
        if (status == 202) {
            accepted.incrementAndGet();
        } else {
            refused.incrementAndGet();
            onFinished.accept(vm);
        }
    }

    Optional<VmTimeline> find(UUID vmId) {
        return Optional.ofNullable(byId.get(vmId));
    }

    /** The stage's event arrived for the VM; counts and tells the listener when it ends the VM's run. */
    void arrived(VmTimeline vm, Stage stage, long nanos, @Nullable Integer vmid, @Nullable String node,
                 @Nullable String reason) {
        if (vm.arrived(stage, nanos, vmid, node, reason) && stage.terminal()) {
            (stage == Stage.RUNNING ? running : failed).incrementAndGet();
            onFinished.accept(vm);
        }
    }

    List<VmTimeline> all() {
        synchronized (inOrder) {
            return List.copyOf(inOrder);
        }
    }

    /** How many VMs were sent, accepted, refused, and ended RUNNING or FAILED, so far. */
    Counts counts() {
        return new Counts(sent.get(), accepted.get(), refused.get(), running.get(), failed.get());
    }

    record Counts(int sent, int accepted, int refused, int running, int failed) {

        /** Requests that have not ended yet: sent, not refused, neither RUNNING nor FAILED. */
        int inFlight() {
            return sent - refused - running - failed;
        }

        /** Whether every request sent has been answered and every accepted VM has ended. */
        boolean allEnded() {
            return inFlight() == 0 && accepted + refused == sent;
        }

        int ended() {
            return running + failed + refused;
        }
    }
}
