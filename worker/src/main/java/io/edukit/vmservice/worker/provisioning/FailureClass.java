package io.edukit.vmservice.worker.provisioning;

/** What a failure means for the step that met it. */
public enum FailureClass {
    /** Try again later: a lock, a timeout, a node under load. */
    TRANSIENT,
    /** Trying again changes nothing until somebody fixes something; the reason says what. */
    PERMANENT,
    /** The thing to create exists already (a VMID taken, say): decide, do not retry blindly. */
    CONFLICT,
    /** The thing to act on is not there: for a delete that means done. */
    NOT_FOUND
}
