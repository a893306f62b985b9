package io.edukit.vmservice.worker.provisioning;

import io.edukit.vmservice.schemas.ProvisioningStep;
import org.jspecify.annotations.Nullable;

/** The work a job does, in order: provisioning runs clone to network; deletion is a step of its own. */
public enum JobStep {
    CLONE(ProvisioningStep.CLONING),
    CLOUD_INIT(ProvisioningStep.CONFIGURING_CLOUD_INIT),
    RESIZE(ProvisioningStep.RESIZING_DISK),
    START(ProvisioningStep.STARTING),
    NETWORK(ProvisioningStep.WAITING_FOR_NETWORK),
    DELETE(null);

    private final @Nullable ProvisioningStep announcedAs;

    JobStep(@Nullable ProvisioningStep announcedAs) {
        this.announcedAs = announcedAs;
    }

    /** The step as events name it; none for deletion, whose status says it all. */
    public @Nullable ProvisioningStep announcedAs() {
        return announcedAs;
    }

    static JobStep of(ProvisioningStep step) {
        for (JobStep candidate : values()) {
            if (candidate.announcedAs == step) {
                return candidate;
            }
        }
        throw new IllegalArgumentException("no job step for " + step);
    }

    /** The provisioning step after this one, or null after the last. */
    @Nullable JobStep nextProvisioningStep() {
        return switch (this) {
            case CLONE -> CLOUD_INIT;
            case CLOUD_INIT -> RESIZE;
            case RESIZE -> START;
            case START -> NETWORK;
            case NETWORK, DELETE -> null;
        };
    }
}
