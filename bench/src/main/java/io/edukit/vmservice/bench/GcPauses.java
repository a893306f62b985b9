package io.edukit.vmservice.bench;

/**
 * The time the worker and the API spent in GC pauses so far, from their actuators, in
 * milliseconds (NaN where it could not be read). Two readings apart give what a run cost, without
 * the services' start and the warm-up.
 */
record GcPauses(double workerMillis, double apiMillis) {

    static GcPauses read(StackUnderTest stack) {
        return new GcPauses(stack.worker().gcPauseMillis().orElse(Double.NaN), stack.api().gcPauseMillis().orElse(Double.NaN));
    }

    GcPauses since(GcPauses before) {
        return new GcPauses(workerMillis - before.workerMillis, apiMillis - before.apiMillis);
    }
}
