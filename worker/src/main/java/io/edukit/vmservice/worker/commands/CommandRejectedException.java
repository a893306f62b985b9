package io.edukit.vmservice.worker.commands;

/** A well-formed command that cannot be applied, such as deleting a VM nobody asked for. */
class CommandRejectedException extends RuntimeException {

    CommandRejectedException(String reason) {
        super(reason);
    }
}
