package io.edukit.vmservice.worker.provisioning;

import java.util.UUID;

/** The id of a VM, chosen by the API from the caller and the idempotency key. */
public record VmId(UUID value) {

    @Override
    public String toString() {
        return value.toString();
    }
}
