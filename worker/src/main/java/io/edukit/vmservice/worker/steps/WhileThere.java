package io.edukit.vmservice.worker.steps;

import io.edukit.vmservice.worker.provisioning.FailureClass;
import io.edukit.vmservice.worker.proxmox.ProxmoxException;

import java.util.Optional;
import java.util.function.Supplier;

/** A call on a VM whose absence is an answer, not a failure: a step run again finds less than it made. */
final class WhileThere {

    private WhileThere() {
    }

    /** The call's result, or empty when Proxmox says the VM does not exist. */
    static <T> Optional<T> call(Supplier<T> call) {
        try {
            return Optional.of(call.get());
        } catch (ProxmoxException e) {
            if (e.failureClass() == FailureClass.NOT_FOUND) {
                return Optional.empty();
            }
            throw e;
        }
    }
}
