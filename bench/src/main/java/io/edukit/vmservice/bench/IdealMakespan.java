package io.edukit.vmservice.bench;

import java.time.Duration;
import java.util.Arrays;
import java.util.PriorityQueue;

/**
 * What a perfect orchestrator would reach: it starts each VM's clone the moment the VM is asked
 * for and a clone slot is free (nodes × clones per node slots, all alike), keeps every slot busy,
 * and runs config, resize, start and the wait for the agent right after each clone, with no time of
 * its own. With clones all the same length, taking VMs in the order they were asked for is optimal.
 */
final class IdealMakespan {

    private IdealMakespan() {
    }

    /**
     * @param arrivals when each VM was asked for, any order, on one clock (nanoseconds)
     * @return from the first request to the last VM running
     */
    static Duration of(long[] arrivals, ProxmoxTiming timing, int nodes, int clonesPerNode) {
        if (arrivals.length == 0) {
            return Duration.ZERO;
        }
        long[] sorted = arrivals.clone();
        Arrays.sort(sorted);
        long clone = timing.cloneStep().toNanos();
        long after = timing.afterClone().toNanos();
        PriorityQueue<Long> slotsFreeAt = new PriorityQueue<>();
        for (int i = 0; i < nodes * clonesPerNode; i++) {
            slotsFreeAt.add(sorted[0]);
        }
        long lastRunning = sorted[0];
        for (long arrival : sorted) {
            long cloneStarts = Math.max(arrival, slotsFreeAt.remove());
            long cloneEnds = cloneStarts + clone;
            slotsFreeAt.add(cloneEnds);
            lastRunning = Math.max(lastRunning, cloneEnds + after);
        }
        return Duration.ofNanos(lastRunning - sorted[0]);
    }

    /** When {@code count} VMs are asked for evenly over {@code window} (the first at 0, the last at the window's end less one gap). */
    static long[] evenArrivals(int count, Duration window) {
        long[] arrivals = new long[count];
        for (int i = 0; i < count; i++) {
            arrivals[i] = window.toNanos() * i / count;
        }
        return arrivals;
    }
}
