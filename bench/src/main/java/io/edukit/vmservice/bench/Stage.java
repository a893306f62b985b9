package io.edukit.vmservice.bench;

import io.edukit.vmservice.schemas.ProvisioningStep;
import io.edukit.vmservice.schemas.VmStatus;
import org.jspecify.annotations.Nullable;

/** Where a VM's status events say it is: its status, or its step while it is provisioning. */
enum Stage {
    REQUESTED, CLONING, CONFIGURING_CLOUD_INIT, RESIZING_DISK, STARTING, WAITING_FOR_NETWORK, RUNNING, FAILED;

    /** The stage an event announces; null for statuses a provisioning run does not go through (deletion). */
    static @Nullable Stage of(VmStatus status, @Nullable ProvisioningStep step) {
        return switch (status) {
            case REQUESTED -> REQUESTED;
            case PROVISIONING -> step == null ? null : valueOf(step.name());
            case RUNNING -> RUNNING;
            case FAILED -> FAILED;
            default -> null;
        };
    }

    boolean terminal() {
        return this == RUNNING || this == FAILED;
    }
}
