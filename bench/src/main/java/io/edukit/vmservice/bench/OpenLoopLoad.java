package io.edukit.vmservice.bench;

import java.util.concurrent.locks.LockSupport;

/**
 * Sends POSTs at a set rate, each at its planned moment whatever the answers do: a slow service
 * does not slow the load down (no coordinated omission). How late the sender itself fell behind
 * its plan is kept, so that a sender that could not keep up is seen.
 */
final class OpenLoopLoad {

    private final double perSecond;
    private volatile long worstLagNanos;

    OpenLoopLoad(double perSecond) {
        this.perSecond = perSecond;
    }

    void run(VmRequester requester, int count) {
        long start = System.nanoTime();
        for (int i = 0; i < count; i++) {
            long due = start + (long) (i * 1e9 / perSecond);
            long now;
            while ((now = System.nanoTime()) < due) {
                LockSupport.parkNanos(due - now);
            }
            worstLagNanos = Math.max(worstLagNanos, now - due);
            requester.send(i);
        }
    }

    /** How far behind its plan a POST was sent at worst, in milliseconds. */
    double worstLagMillis() {
        return worstLagNanos / 1e6;
    }
}
