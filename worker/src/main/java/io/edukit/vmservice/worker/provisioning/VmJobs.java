package io.edukit.vmservice.worker.provisioning;

import java.util.Optional;

/** Where jobs are kept. Implementations run inside the caller's transaction. */
public interface VmJobs {

    Optional<VmJob> find(VmId id);

    /** Stores a new job; false when a job with that id exists already. */
    boolean add(VmJob job);

    /** Stores a changed job, failing if somebody else changed it since it was read. */
    void update(VmJob job);
}
