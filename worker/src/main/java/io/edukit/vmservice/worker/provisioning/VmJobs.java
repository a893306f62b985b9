package io.edukit.vmservice.worker.provisioning;

import org.jspecify.annotations.Nullable;

import java.util.Optional;

/** Where jobs are kept. Implementations run inside the caller's transaction. */
public interface VmJobs {

    Optional<VmJob> find(VmId id);

    /** The job, if {@code owner} holds its lease now by the database's clock. */
    Optional<VmJob> findLeasedBy(VmId id, String owner);

    /**
     * Stores a new job; false when a job with that id exists already.
     *
     * @param traceparent the trace its steps continue (W3C {@code traceparent}), null for none
     */
    boolean add(VmJob job, @Nullable String traceparent);

    /**
     * Stores a job a command changed, failing if somebody else changed it since it was read. Its
     * steps continue the command's trace from now on.
     *
     * @param traceparent the command's trace (W3C {@code traceparent}), null for none
     * @return the job as stored now, with the version the next update of it must name
     */
    VmJob update(VmJob job, @Nullable String traceparent);

    /**
     * Stores a job its steps changed, only while {@code owner} holds its lease by the database's
     * clock. Fails as {@link #update} does. The trace stays: steps continue the trace of the command
     * that asked for them, so that a request's or a deletion's work is one trace end to end.
     */
    VmJob updateLeased(VmJob job, String owner);
}
