package io.edukit.vmservice.worker.execution;

import io.edukit.vmservice.worker.provisioning.Placement;
import io.edukit.vmservice.worker.provisioning.PlacementPolicy;
import io.edukit.vmservice.worker.provisioning.VmId;
import org.jspecify.annotations.Nullable;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Component;
import org.springframework.transaction.annotation.Transactional;

import java.time.Duration;
import java.util.ArrayList;
import java.util.Collection;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.function.Predicate;

/**
 * Due work in PostgreSQL, shared by every replica. A job is due when its next-attempt time has
 * come and nobody holds a live lease on it; leases are measured by the database clock. Claims are
 * made one replica at a time (a transaction-scoped advisory lock) so that the clone cap per node
 * holds across replicas; rows are still taken with {@code FOR UPDATE SKIP LOCKED}, so a claim never
 * waits for a job that a step is writing.
 */
@Component
class JobQueue {

    /** Serialises claims cluster-wide: the clone slots counted must not change while they are handed out. */
    private static final long CLAIM_LOCK = 0x766d636c61696dL;

    private static final String DUE = """
            next_attempt_at <= statement_timestamp() and (lease_owner is null or lease_expires_at < statement_timestamp())""";
    private static final String AT_CLONE = "(status = 'REQUESTED' or (" + CloneSlots.AT_CLONE_STEP + "))";
    private static final String HOLDS_SLOT = CloneSlots.HOLDS_SLOT;

    private final JdbcClient jdbc;
    /** Counted at most once a second; a claim runs whenever a job is asked for, ends or frees a clone slot. */
    private final ActiveVmsPerNode activeVms = new ActiveVmsPerNode(Duration.ofSeconds(1), System::nanoTime);

    JobQueue(JdbcClient jdbc) {
        this.jdbc = jdbc;
    }

    /** A job leased by a claim, with the trace its steps continue: that of the last command applied to it by then. */
    public record Claimed(VmId id, @Nullable String traceparent) {
    }

    /**
     * Leases up to {@code limit} due jobs to {@code owner}: jobs past their clone first, by when they
     * are due, then jobs to clone. A job that is to clone is taken only while its node has fewer
     * than {@code atClonePerNode} jobs at the clone step and a closed circuit, and a job not yet
     * placed is placed now. (The clone cap itself is held by {@link CloneSlots} when a clone is
     * about to start.)
     */
    @Transactional
    public List<Claimed> claim(String owner, Duration lease, int limit, int atClonePerNode, PlacementPolicy policy,
                            Predicate<String> nodeAvailable) {
        jdbc.sql("select pg_advisory_xact_lock(?)").param(CLAIM_LOCK).query((rs, row) -> 1).list();
        List<UUID> claimed = new ArrayList<>(jdbc.sql("select vm_id from vm_job where " + DUE + " and not " + AT_CLONE
                        + " order by next_attempt_at limit ? for update skip locked")
                .param(limit)
                .query(UUID.class).list());
        int room = limit - claimed.size();
        Map<UUID, Placement> placed = new HashMap<>();
        if (room > 0) {
            claimed.addAll(claimClones(room, atClonePerNode, policy, nodeAvailable, placed));
        }
        if (claimed.isEmpty()) {
            return List.of();
        }
        return lease(claimed, placed, owner, lease);
    }

    /** Leases the claimed jobs and places those {@code placed} now, one statement for them all. */
    private List<Claimed> lease(List<UUID> claimed, Map<UUID, Placement> placed, String owner, Duration lease) {
        List<@Nullable Placement> placements = claimed.stream().map(placed::get).toList();
        // HashMap, since a job of no trace has a null trace_parent, which Map.of and Collectors.toMap refuse.
        Map<UUID, @Nullable String> traces = new HashMap<>();
        jdbc.sql("""
                        update vm_job j set lease_owner = ?, lease_expires_at = statement_timestamp() + ?::interval,
                            version = j.version + 1, node = coalesce(p.node, j.node),
                            template_vmid = coalesce(p.template_vmid, j.template_vmid), storage = coalesce(p.storage, j.storage)
                        from unnest(?::uuid[], ?::text[], ?::integer[], ?::text[]) as p (vm_id, node, template_vmid, storage)
                        where j.vm_id = p.vm_id
                        returning j.vm_id, j.trace_parent""")
                .params(owner, interval(lease), claimed.toArray(UUID[]::new),
                        placements.stream().map(p -> p == null ? null : p.node()).toArray(String[]::new),
                        placements.stream().map(p -> p == null ? null : p.templateVmid()).toArray(Integer[]::new),
                        placements.stream().map(p -> p == null ? null : p.storage()).toArray(String[]::new))
                .query(rs -> {
                    traces.put(rs.getObject("vm_id", UUID.class), rs.getString("trace_parent"));
                });
        return claimed.stream().map(id -> new Claimed(new VmId(id), traces.get(id))).toList();
    }

    /** The jobs to clone that can go on now; those it places are in {@code placed}, with their placement. */
    private List<UUID> claimClones(int room, int clonesPerNode, PlacementPolicy policy, Predicate<String> nodeAvailable,
                                   Map<UUID, Placement> placed) {
        Map<String, Integer> inFlight = atCloneInFlight();
        Map<String, List<Placement>> placements = placements();
        Map<String, Integer> slots = new HashMap<>();
        placements.values().stream().flatMap(List::stream).map(Placement::node).distinct()
                .forEach(node -> slots.put(node, clonesPerNode - inFlight.getOrDefault(node, 0)));
        inFlight.forEach((node, count) -> slots.putIfAbsent(node, clonesPerNode - count));
        Predicate<String> canTakeClone = node -> slots.getOrDefault(node, clonesPerNode) > 0 && nodeAvailable.test(node);
        List<CloneCandidate> candidates = slots.values().stream().anyMatch(free -> free > 0)
                ? cloneCandidates(AT_CLONE, room * 4)
                : whileEveryNodeIsFull(room * 4);
        Map<String, Integer> vmsPerNode = new HashMap<>(candidates.isEmpty() ? Map.of() : activeVms.current(() -> countPerNode(
                "select node, count(*) from vm_job where node is not null and status in ('PROVISIONING', 'RUNNING') group by node")));
        List<UUID> taken = new ArrayList<>();
        for (CloneCandidate candidate : candidates) {
            if (taken.size() == room) {
                break;
            }
            List<Placement> options = placements.getOrDefault(candidate.osImage(), List.of());
            if (candidate.cloning()) {
                // It holds a clone slot, its clone may run: it counts against its node already.
                taken.add(candidate.vmId());
            } else if (candidate.node() != null) {
                if (canTakeClone.test(candidate.node())) {
                    slots.merge(candidate.node(), -1, Integer::sum);
                    taken.add(candidate.vmId());
                }
            } else if (options.isEmpty()) {
                // The clone step fails such a job with a reason; leaving it REQUESTED would hide it.
                taken.add(candidate.vmId());
            } else {
                policy.choose(options, vmsPerNode, canTakeClone).ifPresent(placement -> {
                    placed.put(candidate.vmId(), placement);
                    slots.merge(placement.node(), -1, Integer::sum);
                    vmsPerNode.merge(placement.node(), 1, Integer::sum);
                    activeVms.placed(placement.node());
                    taken.add(candidate.vmId());
                });
            }
        }
        return taken;
    }

    /**
     * Every node full (the usual case while a lab's requests queue): only the jobs that hold a slot
     * can go on, and those whose image has nowhere to go, which the clone step fails with the
     * reason. Each is looked up by its own index, not by walking the queue: a claim runs several
     * times a second, and thousands of jobs may wait.
     */
    private List<CloneCandidate> whileEveryNodeIsFull(int limit) {
        List<CloneCandidate> candidates = new ArrayList<>(
                cloneCandidates("(" + CloneSlots.AT_CLONE_STEP + ") and " + HOLDS_SLOT, limit));
        List<String> nowhereToGo = jdbc.sql("""
                        select name from os_image i
                        where not exists (select 1 from os_image_placement p where p.os_image = i.name)""")
                .query(String.class).list();
        if (!nowhereToGo.isEmpty()) {
            candidates.addAll(cloneCandidates("status = 'REQUESTED' and node is null and os_image = any(?)", limit,
                    (Object) nowhereToGo.toArray(String[]::new)));
        }
        return candidates;
    }

    private List<CloneCandidate> cloneCandidates(String where, int limit, Object... params) {
        List<Object> all = new ArrayList<>(List.of(params));
        all.add(limit);
        return jdbc.sql("select vm_id, os_image, node, " + HOLDS_SLOT + " as cloning from vm_job where " + DUE + " and "
                        + where + " order by next_attempt_at limit ? for update skip locked")
                .params(all)
                .query((rs, row) -> new CloneCandidate(rs.getObject("vm_id", UUID.class), rs.getString("os_image"),
                        rs.getString("node"), rs.getBoolean("cloning")))
                .list();
    }

    /**
     * Jobs at the clone step that a replica works on or that hold a clone slot, and deletions that
     * still hold one, per node (nodes with none are left out).
     */
    Map<String, Integer> atCloneInFlight() {
        return countPerNode("select node, count(*) from vm_job where node is not null and (("
                + AT_CLONE + " and ((lease_owner is not null and lease_expires_at >= statement_timestamp())"
                + " or " + HOLDS_SLOT + ")) or " + CloneSlots.DELETING_WITH_SLOT + ") group by node");
    }

    private Map<String, List<Placement>> placements() {
        Map<String, List<Placement>> byImage = new HashMap<>();
        jdbc.sql("select os_image, node, template_vmid, storage from os_image_placement")
                .query(rs -> {
                    byImage.computeIfAbsent(rs.getString("os_image"), image -> new ArrayList<>())
                            .add(new Placement(rs.getString("node"), rs.getInt("template_vmid"), rs.getString("storage")));
                });
        return byImage;
    }

    private Map<String, Integer> countPerNode(String sql) {
        Map<String, Integer> counts = new HashMap<>();
        jdbc.sql(sql).query(rs -> {
            counts.put(rs.getString(1), rs.getInt(2));
        });
        return counts;
    }

    /** Extends the leases of the jobs this replica works on; returns how many it still held. */
    public int renew(String owner, Collection<VmId> jobs, Duration lease) {
        if (jobs.isEmpty()) {
            return 0;
        }
        return jdbc.sql("update vm_job set lease_expires_at = statement_timestamp() + ?::interval where lease_owner = ? and vm_id = any(?)")
                .params(interval(lease), owner, ids(jobs))
                .update();
    }

    /** Whether {@code owner} still holds the job's lease. */
    public boolean holds(String owner, VmId job) {
        return jdbc.sql("select count(*) from vm_job where vm_id = ? and lease_owner = ? and lease_expires_at >= statement_timestamp()")
                .params(job.value(), owner)
                .query(Long.class).single() == 1;
    }

    /**
     * Gives the job back, due after {@code delay} (or never, when it has ended). Only the lease
     * holder can: a replica that lost its lease changes nothing.
     */
    public void release(String owner, VmId job, Duration delay) {
        jdbc.sql("""
                        update vm_job set lease_owner = null, lease_expires_at = null,
                            next_attempt_at = case when status in ('REQUESTED', 'PROVISIONING', 'DELETING')
                                                   then statement_timestamp() + ?::interval end
                        where vm_id = ? and lease_owner = ?""")
                .params(interval(delay), job.value(), owner)
                .update();
    }

    /** A stopping replica hands back every job it still holds but {@code stillRunning}, due at once for the others. */
    public int releaseAll(String owner, Collection<VmId> stillRunning) {
        return jdbc.sql("""
                        update vm_job set lease_owner = null, lease_expires_at = null, next_attempt_at = statement_timestamp()
                        where lease_owner = ? and status in ('REQUESTED', 'PROVISIONING', 'DELETING')
                          and vm_id <> all(?)""")
                .params(owner, ids(stillRunning))
                .update();
    }

    private static String interval(Duration duration) {
        return duration.toMillis() + " milliseconds";
    }

    private static UUID[] ids(Collection<VmId> jobs) {
        return jobs.stream().map(VmId::value).toArray(UUID[]::new);
    }

    private record CloneCandidate(UUID vmId, String osImage, @Nullable String node, boolean cloning) {
    }
}
