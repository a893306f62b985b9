package io.edukit.vmservice.schemas;

import com.fasterxml.jackson.annotation.JsonInclude;
import org.jspecify.annotations.Nullable;

import java.time.Instant;
import java.util.List;
import java.util.UUID;

/**
 * A VM's status changed. Published on {@link Topics#VM_EVENTS} as the data of a CloudEvent of
 * type {@link #CLOUD_EVENT_TYPE}; {@code sequence} grows by one per VM, so subscribers order by
 * it and dedupe by the CloudEvent id. {@code node} and {@code proxmoxVmid} say where the VM
 * lives once it has been placed; {@code reason} explains a FAILED job, or notes why a RUNNING VM
 * came without addresses.
 */
@JsonInclude(JsonInclude.Include.NON_NULL)
public record VmStatusChanged(
        UUID vmId,
        long sequence,
        VmStatus status,
        @Nullable VmStatus previousStatus,
        @Nullable ProvisioningStep step,
        @Nullable String reason,
        @Nullable Integer attempts,
        @Nullable Boolean retryable,
        @Nullable String node,
        @Nullable Integer proxmoxVmid,
        List<String> ipAddresses,
        String hostname,
        String ownerId,
        String courseId,
        Instant occurredAt) {

    public static final String CLOUD_EVENT_TYPE = "edukit.vmservice.vm.status-changed.v1";

    /** CloudEvents {@code source} of every status event. */
    public static final String CLOUD_EVENT_SOURCE = "urn:edukit:vmservice";

    public VmStatusChanged {
        ipAddresses = List.copyOf(ipAddresses);
    }
}
