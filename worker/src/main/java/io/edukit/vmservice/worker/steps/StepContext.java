package io.edukit.vmservice.worker.steps;

import io.edukit.vmservice.worker.provisioning.VmJob;

import java.util.function.Consumer;

/** What a running step sees of its job, and how it stores what it made before going on. */
public interface StepContext {

    /** The job as it was when the step began, or as the last {@link #record} left it. */
    VmJob job();

    /**
     * Applies a change to the job and stores it in one transaction, with whatever else the change
     * writes (a VMID reservation): it is durable before the step makes anything that depends on it.
     * Throws {@link StepCancelledException} when the job was taken over or asked to stop meanwhile.
     */
    VmJob record(Consumer<VmJob> change);

    /**
     * Ends the step if its job moved on from it meanwhile — a deletion asked for — with
     * {@link StepCancelledException}, or with {@code LeaseLostException} if the job is no longer
     * this replica's: for a step that waits long without writing, which would only learn so at its end.
     */
    void stopIfMovedOn();

    /**
     * Waits for one of the clone slots of the job's node and records it on the job; returns at
     * once when the job holds one already. The slot may have been handed over by the job that gave
     * it back, in its own transaction; either way the job returned holds it. Throws
     * {@link StepCancelledException} like {@link #record}, {@code LeaseLostException} when the job
     * is no longer this replica's, and a transient {@code StepFailure} when no slot came free in time.
     */
    VmJob takeCloneSlot();
}
