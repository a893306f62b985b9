package io.edukit.vmservice.worker.provisioning;

import java.util.Optional;

/** Where jobs are kept. Implementations run inside the caller's transaction. */
public interface VmJobs {

    Optional<VmJob> find(VmId id);

    /** The job, if {@code owner} holds its lease now by the database's clock. */
    Optional<VmJob> findLeasedBy(VmId id, String owner);

    /** Stores a new job; false when a job with that id exists already. */
    boolean add(VmJob job);

    /**
     * Stores a changed job, failing if somebody else changed it since it was read.
     *
     * @return the job as stored now, with the version the next update of it must name
     */
    VmJob update(VmJob job);

    /** As {@link #update}, and only while {@code owner} holds the job's lease by the database's clock. */
    VmJob updateLeased(VmJob job, String owner);
}
