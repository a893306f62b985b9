package io.edukit.vmservice.api.ops;

import com.fasterxml.jackson.annotation.JsonInclude;
import io.swagger.v3.oas.annotations.media.Schema;
import org.jspecify.annotations.Nullable;

import java.time.Instant;
import java.util.List;
import java.util.UUID;

/** A FAILED job as the failed-job list shows it. */
@JsonInclude(JsonInclude.Include.NON_NULL)
@Schema(description = "A FAILED job: where it failed, why, and whether a replay may help")
public record FailedJob(
        UUID id,
        String hostname,
        String ownerId,
        String courseId,
        String osImage,
        @Schema(description = "The Proxmox node it was placed on; absent if it failed before placement", example = "pve4")
        @Nullable String node,
        @Schema(description = "Its VMID on Proxmox; absent if none was reserved", example = "100000")
        @Nullable Integer proxmoxVmid,
        @Schema(description = "The step it failed at; absent for a failed deletion",
                allowableValues = {"CLONING", "CONFIGURING_CLOUD_INIT", "RESIZING_DISK", "STARTING", "WAITING_FOR_NETWORK"})
        @Nullable String step,
        @Schema(description = "What went wrong") @Nullable String reason,
        @Schema(description = "Attempts made at the failed step") int attempts,
        @Schema(description = "True when the failure was transient and a replay may succeed") @Nullable Boolean retryable,
        @Schema(description = "When it failed") Instant updatedAt,
        @Schema(description = "Every attempt at a step, oldest first, as GET /jobs/{id} shows them")
        List<JobResource.Attempt> history) {

    FailedJob withHistory(List<JobResource.Attempt> tried) {
        return new FailedJob(id, hostname, ownerId, courseId, osImage, node, proxmoxVmid, step, reason, attempts,
                retryable, updatedAt, List.copyOf(tried));
    }
}
