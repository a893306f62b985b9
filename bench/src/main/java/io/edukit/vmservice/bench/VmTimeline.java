package io.edukit.vmservice.bench;

import org.jspecify.annotations.Nullable;

import java.util.UUID;

/**
 * One VM as the benchmark saw it, all on this JVM's {@link System#nanoTime()} clock: when its POST
 * was sent and answered, and when the first event of each stage arrived at the subscriber.
 */
final class VmTimeline {

    private final int index;
    private final UUID vmId;
    private final long[] stageArrivals = new long[Stage.values().length];
    private volatile long sentNanos;
    private volatile long answeredNanos;
    private volatile int httpStatus;
    private volatile @Nullable Integer proxmoxVmid;
    private volatile @Nullable String node;
    private volatile @Nullable String failure;

    VmTimeline(int index, UUID vmId) {
        this.index = index;
        this.vmId = vmId;
    }

    int index() {
        return index;
    }

    UUID vmId() {
        return vmId;
    }

    void sent(long nanos) {
        sentNanos = nanos;
    }

    void answered(long nanos, int status) {
        answeredNanos = nanos;
        httpStatus = status;
    }

    /** Records the stage's first arrival; false when it was seen before (a redelivery). */
    synchronized boolean arrived(Stage stage, long nanos, @Nullable Integer vmid, @Nullable String nodeName,
                                 @Nullable String reason) {
        if (vmid != null) {
            proxmoxVmid = vmid;
        }
        if (nodeName != null) {
            node = nodeName;
        }
        if (stage == Stage.FAILED) {
            failure = reason;
        }
        if (stageArrivals[stage.ordinal()] != 0) {
            return false;
        }
        stageArrivals[stage.ordinal()] = nanos;
        return true;
    }

    long sentNanos() {
        return sentNanos;
    }

    long answeredNanos() {
        return answeredNanos;
    }

    int httpStatus() {
        return httpStatus;
    }

    /** When the stage's first event arrived; 0 when none did. */
    synchronized long arrival(Stage stage) {
        return stageArrivals[stage.ordinal()];
    }

    boolean running() {
        return arrival(Stage.RUNNING) != 0;
    }

    boolean failed() {
        return arrival(Stage.FAILED) != 0 && !running();
    }

    @Nullable Integer proxmoxVmid() {
        return proxmoxVmid;
    }

    @Nullable String node() {
        return node;
    }

    @Nullable String failure() {
        return failure;
    }

    /** POST sent to RUNNING event arrived, in milliseconds; NaN while not running. */
    double postToRunningMillis() {
        long running = arrival(Stage.RUNNING);
        return running == 0 ? Double.NaN : (running - sentNanos) / 1e6;
    }
}
