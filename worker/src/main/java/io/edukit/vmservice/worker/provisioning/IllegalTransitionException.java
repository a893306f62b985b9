package io.edukit.vmservice.worker.provisioning;

import io.edukit.vmservice.schemas.VmStatus;

/** A command asked for a transition that the job's current status does not allow. */
public class IllegalTransitionException extends RuntimeException {

    public IllegalTransitionException(VmId id, VmStatus status, String action, String rule) {
        super("VM " + id + " is " + status + ": cannot " + action + " (" + rule + ")");
    }
}
