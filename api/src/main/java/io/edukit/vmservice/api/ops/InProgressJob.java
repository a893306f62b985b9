package io.edukit.vmservice.api.ops;

import com.fasterxml.jackson.annotation.JsonInclude;
import io.swagger.v3.oas.annotations.media.Schema;
import org.jspecify.annotations.Nullable;

import java.time.Instant;
import java.util.UUID;

/** A job on its way, as the in-progress list shows it. */
@JsonInclude(JsonInclude.Include.NON_NULL)
@Schema(description = "A job REQUESTED, PROVISIONING or DELETING: where it is, what it last hit, and whether it is stuck")
public record InProgressJob(
        UUID id,
        @Schema(allowableValues = {"REQUESTED", "PROVISIONING", "DELETING"}) String status,
        @Schema(description = "The step it is at", example = "CLONING") @Nullable String step,
        String hostname,
        String ownerId,
        String osImage,
        @Schema(description = "The Proxmox node it is placed on, once placed", example = "pve4") @Nullable String node,
        @Schema(description = "Its VMID on Proxmox, once reserved", example = "100000") @Nullable Integer proxmoxVmid,
        @Schema(description = "Attempts made at the current step") int attempts,
        @Schema(description = "The last error at the current step, while it is retried") @Nullable String lastError,
        @Schema(description = "When the executor next takes it up (absent while a replica runs it)") @Nullable Instant nextAttemptAt,
        @Schema(description = "The worker replica running it now") @Nullable String leaseOwner,
        @Schema(description = "Its last progress: a step begun, ended, failed or retried") Instant updatedAt,
        @Schema(description = "True when it made no progress for longer than vmservice.ops.stuck-after") boolean stuck) {
}
