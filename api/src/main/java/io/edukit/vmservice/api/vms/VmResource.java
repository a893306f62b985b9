package io.edukit.vmservice.api.vms;

import com.fasterxml.jackson.annotation.JsonInclude;
import io.swagger.v3.oas.annotations.media.Schema;
import org.jspecify.annotations.Nullable;

import java.time.Instant;
import java.util.List;
import java.util.Objects;
import java.util.UUID;

/**
 * A VM as callers see it. Fields that do not apply to the VM's status are left out:
 * {@code step} while PROVISIONING (and, when FAILED, the step that failed); {@code node} and
 * {@code proxmoxVmid} once the VM has been placed; {@code ipAddresses} filled when RUNNING;
 * {@code note} when RUNNING without an address; {@code failure} only when FAILED.
 */
@JsonInclude(JsonInclude.Include.NON_NULL)
@Schema(description = "A VM as callers see it. Fields that do not apply to the VM's status are left out.")
public record VmResource(
        UUID id,
        @Schema(description = "REQUESTED → PROVISIONING → RUNNING; FAILED; DELETING → DELETED",
                allowableValues = {"REQUESTED", "PROVISIONING", "RUNNING", "FAILED", "DELETING", "DELETED"})
        String status,
        @Schema(description = "The step a PROVISIONING VM is at, or the step a FAILED VM failed at; absent otherwise "
                + "(and for a failed deletion)",
                allowableValues = {"CLONING", "CONFIGURING_CLOUD_INIT", "RESIZING_DISK", "STARTING", "WAITING_FOR_NETWORK"})
        @Nullable String step,
        String osImage,
        String hostname,
        int cores,
        int memoryMb,
        int diskGb,
        String ownerId,
        String courseId,
        @Schema(description = "The guest's IPv4 addresses as its agent reported them: filled when RUNNING, empty otherwise "
                + "(and when RUNNING without an address, see note)")
        List<String> ipAddresses,
        @Schema(description = "The Proxmox node the VM was placed on; absent until it is placed", example = "pve4")
        @Nullable String node,
        @Schema(description = "The VM's id on Proxmox (VMID); absent until one is reserved. Once DELETED, the VMID "
                + "it had, which Proxmox may give to another VM", example = "100000")
        @Nullable Integer proxmoxVmid,
        @Schema(description = "Why a RUNNING VM has no address (the guest agent reported none in time); absent otherwise")
        @Nullable String note,
        @Schema(description = "Why a FAILED VM failed; absent unless FAILED")
        @Nullable Failure failure,
        Instant createdAt,
        @Schema(description = "When the VM last changed: its status, its step, or a retry of its step")
        Instant updatedAt) {

    /** A request the worker has not made a job of yet, as {@link VmViews} shows one. */
    static VmResource requested(UUID id, CreateVmRequest request, Instant createdAt, Instant confirmedAt) {
        return new VmResource(id, "REQUESTED", null, Objects.requireNonNull(request.osImage()),
                Objects.requireNonNull(request.hostname()), Objects.requireNonNull(request.cores()),
                Objects.requireNonNull(request.memoryMb()), Objects.requireNonNull(request.diskGb()),
                Objects.requireNonNull(request.ownerId()), Objects.requireNonNull(request.courseId()), List.of(),
                null, null, null, null, createdAt, confirmedAt);
    }

    @Schema(description = "Why a VM is FAILED")
    public record Failure(
            @Schema(description = "What went wrong, precisely enough to act on") String reason,
            @Schema(description = "Attempts made at the failed step") int attempts,
            @Schema(description = "True when the failure was transient and a replay may succeed; false when "
                    + "something must be fixed first") boolean retryable) {
    }
}
