package io.edukit.vmservice.schemas;

/** Where a VM stands. RUNNING, FAILED and DELETED are where a job rests; FAILED may be replayed. */
public enum VmStatus {
    REQUESTED,
    PROVISIONING,
    RUNNING,
    FAILED,
    DELETING,
    DELETED
}
