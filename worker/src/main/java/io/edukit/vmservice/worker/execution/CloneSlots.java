package io.edukit.vmservice.worker.execution;

import io.edukit.vmservice.worker.provisioning.StepFailure;
import io.edukit.vmservice.worker.provisioning.VmId;
import io.edukit.vmservice.worker.proxmox.ProxmoxProperties;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Component;
import org.springframework.transaction.annotation.Propagation;
import org.springframework.transaction.annotation.Transactional;
import org.springframework.transaction.event.TransactionalEventListener;

import java.time.Duration;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.concurrent.atomic.AtomicReference;
import java.util.concurrent.locks.ReentrantLock;
import java.util.function.BooleanSupplier;

/**
 * {@code vmservice.max-concurrent-clones-per-node}, held cluster-wide where it matters: while a
 * clone runs on Proxmox. A job takes one of its node's slots just before its clone call, after its
 * template check and VMID reservation, and holds it until its clone step ends (or an attempt fails
 * with no clone task of its running); a job deleted meanwhile holds it until its deletion has
 * waited for that clone. Slots are counted in PostgreSQL under a per-node advisory
 * lock, so replicas share them; a job that finds its node full waits, woken at once by a slot
 * freed on this replica and at the next poll ({@code vmservice.executor.poll-interval}) for one
 * freed elsewhere.
 */
@Component
class CloneSlots {

    /** The first key of the per-node advisory locks (the second is the node's hash): "vmcs". */
    private static final int LOCK_SPACE = 0x766d6373;
    /** A job at the clone step, taken up. */
    static final String AT_CLONE_STEP = "status = 'PROVISIONING' and step = 'CLONING'";
    /** A job that holds its node's slot, at the clone step: its clone is about to start, or may run. */
    static final String HOLDS_SLOT = "(clone_slot or task_upid is not null)";
    /** A deletion that came while the job's clone may have run: it holds the slot until it has waited for that clone. */
    static final String DELETING_WITH_SLOT = "(status = 'DELETING' and clone_slot)";
    /** A job that holds its node's slot. */
    private static final String HOLDING = "((" + AT_CLONE_STEP + " and " + HOLDS_SLOT + ") or " + DELETING_WITH_SLOT + ")";

    private final JdbcClient jdbc;
    private final int perNode;
    private final Duration recheckEvery;
    private final Duration longestWait;
    private final Map<String, ReentrantLock> turns = new ConcurrentHashMap<>();
    private final Map<String, AtomicReference<CompletableFuture<Optional<VmId>>>> freedSignals = new ConcurrentHashMap<>();
    /** The job whose turn it is to wait for a node's slot, per node, on this replica. */
    private final Map<String, VmId> waiting = new ConcurrentHashMap<>();

    @Autowired
    CloneSlots(JdbcClient jdbc, ExecutorProperties executor, ProxmoxProperties proxmox) {
        // A slot is freed at the latest when its clone task times out.
        this(jdbc, executor.maxConcurrentClonesPerNode(), executor.executor().pollInterval(), proxmox.taskTimeout());
    }

    CloneSlots(JdbcClient jdbc, int perNode, Duration recheckEvery, Duration longestWait) {
        this.jdbc = jdbc;
        this.perNode = perNode;
        this.recheckEvery = recheckEvery;
        this.longestWait = longestWait;
    }

    /**
     * Whether {@code node} has a free slot. Holds the node's lock until the caller's transaction
     * ends, so that the slot it goes on to take in that transaction is not handed out twice.
     */
    @Transactional(propagation = Propagation.MANDATORY)
    public boolean freeOn(String node) {
        jdbc.sql("select pg_advisory_xact_lock(?, hashtext(?))").params(LOCK_SPACE, node).query((rs, row) -> 1).list();
        long held = jdbc.sql("select count(*) from vm_job where node = ? and " + HOLDING).param(node)
                .query(Long.class).single();
        return held < perNode;
    }

    /** Slots in use per node, across all replicas (nodes with none are left out). */
    Map<String, Integer> inUse() {
        Map<String, Integer> counts = new HashMap<>();
        jdbc.sql("select node, count(*) from vm_job where node is not null and " + HOLDING + " group by node")
                .query(rs -> {
                    counts.put(rs.getString(1), rs.getInt(2));
                });
        return counts;
    }

    /**
     * Waits for a slot of {@code node} for {@code job} until {@code tryTake}, which looks in a
     * transaction (with {@link #freeOn}), took one, or until a job that gave its slot back handed it
     * over ({@link #handOver}). On this replica one job at a time waits for a node's slot, the
     * others queue behind it: a freed slot goes to one job, not to a crowd. A job that kept its slot
     * from an earlier attempt does not queue: the jobs ahead of it may be waiting for that very slot.
     *
     * @throws StepFailure (transient) when no slot came free within {@link ProxmoxProperties#taskTimeout()}, or the wait was interrupted
     */
    void await(String node, VmId job, boolean heldAlready, BooleanSupplier tryTake) {
        if (heldAlready) {
            return;
        }
        long deadline = System.nanoTime() + longestWait.toNanos();
        ReentrantLock turn = turns.computeIfAbsent(node, name -> new ReentrantLock(true));
        try {
            if (!turn.tryLock(longestWait.toNanos(), TimeUnit.NANOSECONDS)) {
                throw allTaken(node);
            }
            waiting.put(node, job);
            try {
                while (true) {
                    // Taken before the look, so that a slot freed during it is not missed.
                    CompletableFuture<Optional<VmId>> freed = nextFreed(node);
                    if (tryTake.getAsBoolean()) {
                        return;
                    }
                    if (System.nanoTime() > deadline) {
                        throw allTaken(node);
                    }
                    if (waitFor(freed).filter(job::equals).isPresent()) {
                        return;
                    }
                }
            } finally {
                waiting.remove(node, job);
                turn.unlock();
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw StepFailure.transientFailure("interrupted while waiting for a clone slot of node " + node);
        }
    }

    /**
     * In the transaction that gives a slot of {@code node} back: hands it over to the job that has
     * waited longest at the node's clone step, ready to clone (its VMID reserved) — the job whose
     * turn it is on this replica, or one that another replica ({@code owner} is this one) runs,
     * which finds the slot at its next look. The count of the node's slots stays as it was, so no
     * lock is needed; a job locked by another transaction is passed over, not waited for.
     *
     * @return the job that holds the slot now, if one did take it
     */
    @Transactional(propagation = Propagation.MANDATORY)
    public Optional<VmId> handOver(String node, String owner) {
        VmId turn = waiting.get(node);
        List<UUID> taken = jdbc.sql("update vm_job set clone_slot = true, version = version + 1"
                        + " where vm_id = (select vm_id from vm_job where node = :node and " + AT_CLONE_STEP + """
                                         and not clone_slot and task_upid is null and proxmox_vmid is not null
                                         and lease_expires_at >= statement_timestamp()
                                         and (lease_owner <> :owner or vm_id = cast(:turn as uuid))
                                       order by step_started_at limit 1 for update skip locked)
                        returning vm_id""")
                .param("node", node)
                .param("owner", owner)
                .param("turn", turn == null ? null : turn.value())
                .query(UUID.class).list();
        return taken.stream().findFirst().map(VmId::new);
    }

    /** A slot was given back here: the job it was handed to goes on, or the job whose turn it is looks at once. */
    @TransactionalEventListener
    void onFreed(CloneSlotFreed freed) {
        nextFreed(freed.node());
        freedSignals.get(freed.node()).getAndSet(new CompletableFuture<>()).complete(Optional.ofNullable(freed.handedTo()));
    }

    private CompletableFuture<Optional<VmId>> nextFreed(String node) {
        return freedSignals.computeIfAbsent(node, name -> new AtomicReference<>(new CompletableFuture<>())).get();
    }

    /**
     * Until a slot may have been freed here, or until it is time to look again for one freed by
     * another replica.
     *
     * @return the job a slot was handed to, if that is what ended the wait
     */
    private Optional<VmId> waitFor(CompletableFuture<Optional<VmId>> freed) throws InterruptedException {
        try {
            return freed.get(recheckEvery.toMillis(), TimeUnit.MILLISECONDS);
        } catch (TimeoutException | ExecutionException e) {
            return Optional.empty();
        }
    }

    private StepFailure allTaken(String node) {
        return StepFailure.transientFailure("every clone slot of node " + node + " stayed taken for " + longestWait);
    }
}
