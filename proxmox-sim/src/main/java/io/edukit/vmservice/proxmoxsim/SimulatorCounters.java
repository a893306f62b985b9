package io.edukit.vmservice.proxmoxsim;

import io.edukit.vmservice.proxmoxsim.counters.CallCounters;

/**
 * Live counters: calls per endpoint, task polls, clones per description marker and the peak of
 * concurrent clone tasks per node. Read a consistent picture with {@link #snapshot()}.
 */
public final class SimulatorCounters {

    private final CallCounters counters;

    SimulatorCounters(CallCounters counters) {
        this.counters = counters;
    }

    public CountersSnapshot snapshot() {
        return counters.snapshot();
    }

    public long calls(Operation operation) {
        return snapshot().calls(operation);
    }

    public long taskPolls() {
        return snapshot().taskPolls();
    }

    public long clonesWithMarker(String marker) {
        return snapshot().clonesWithMarker(marker);
    }

    public int peakConcurrentClones(String node) {
        return snapshot().peakConcurrentClones(node);
    }

    /** Starts counting afresh (clones running now stay counted as running). */
    public void reset() {
        counters.reset();
    }
}
