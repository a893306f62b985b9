package io.edukit.vmservice.worker.execution;

import java.time.Duration;
import java.util.HashMap;
import java.util.Map;
import java.util.function.LongSupplier;
import java.util.function.Supplier;

/**
 * Our VMs per node (PROVISIONING or RUNNING), for placement. Counting them reads an index entry
 * per active job, and while a lab's requests queue a claim places jobs several times a second:
 * the count is taken at most once every {@code fresh}, and the placements this replica made since
 * are added to it. Placement only balances the nodes, so a count that old is enough; a placement
 * whose claim rolled back counts until the next count.
 */
final class ActiveVmsPerNode {

    private final Duration fresh;
    private final LongSupplier nanoTime;
    private Map<String, Integer> counts = new HashMap<>();
    private long countedAt;
    private boolean counted;

    ActiveVmsPerNode(Duration fresh, LongSupplier nanoTime) {
        this.fresh = fresh;
        this.nanoTime = nanoTime;
    }

    /** The VMs per node, counted by {@code count} when the last count is older than {@code fresh}. */
    synchronized Map<String, Integer> current(Supplier<Map<String, Integer>> count) {
        long now = nanoTime.getAsLong();
        if (!counted || now - countedAt >= fresh.toNanos()) {
            counts = new HashMap<>(count.get());
            countedAt = now;
            counted = true;
        }
        return Map.copyOf(counts);
    }

    synchronized void placed(String node) {
        counts.merge(node, 1, Integer::sum);
    }
}
