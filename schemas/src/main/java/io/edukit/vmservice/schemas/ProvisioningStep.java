package io.edukit.vmservice.schemas;

/** The step a PROVISIONING (or FAILED) VM is at, in the order they run. */
public enum ProvisioningStep {
    CLONING,
    CONFIGURING_CLOUD_INIT,
    RESIZING_DISK,
    STARTING,
    WAITING_FOR_NETWORK
}
