package io.edukit.vmservice.api.ops;

import com.fasterxml.jackson.annotation.JsonInclude;
import io.swagger.v3.oas.annotations.media.Schema;
import org.jspecify.annotations.Nullable;

import java.time.Instant;
import java.util.List;
import java.util.UUID;

/** A job in full, as OPS inspect it: its state, the work in progress, and every attempt at a step. */
@JsonInclude(JsonInclude.Include.NON_NULL)
@Schema(description = "A job in full, whatever its status, with every attempt at a step")
public record JobResource(
        UUID id,
        @Schema(allowableValues = {"REQUESTED", "PROVISIONING", "RUNNING", "FAILED", "DELETING", "DELETED"})
        String status,
        @Schema(description = "The step it is at, or failed at (the events' names); absent otherwise")
        @Nullable String step,
        @Schema(description = "Why it failed; absent unless FAILED") @Nullable String reason,
        @Schema(description = "Attempts made at the current (or failed) step") int attempts,
        @Schema(description = "When FAILED: true when a replay may succeed") @Nullable Boolean retryable,
        @Schema(description = "The last error of a step that is being retried") @Nullable String lastError,
        @Schema(description = "True when REQUESTED, PROVISIONING or DELETING and unchanged for longer than "
                + "vmservice.ops.stuck-after (30 min by default)") boolean stuck,
        String osImage,
        String hostname,
        int cores,
        int memoryMb,
        int diskGb,
        String ownerId,
        String courseId,
        @Schema(description = "The caller that asked for the VM") String requestedBy,
        @Nullable String node,
        @Nullable Integer proxmoxVmid,
        List<String> ipAddresses,
        @Schema(description = "When its step is due next; absent when no work is scheduled") @Nullable Instant nextAttemptAt,
        @Schema(description = "The worker replica holding the job now") @Nullable String leaseOwner,
        @Nullable Instant leaseExpiresAt,
        Instant createdAt,
        Instant updatedAt,
        @Schema(description = "Every attempt at a step, oldest first") List<Attempt> history) {

    @JsonInclude(JsonInclude.Include.NON_NULL)
    @Schema(description = "One attempt at a step")
    public record Attempt(
            @Schema(description = "The executor's name of the step",
                    allowableValues = {"CLONE", "CLOUD_INIT", "RESIZE", "START", "NETWORK", "DELETE"})
            String step,
            int attempt,
            @Schema(description = "The worker replica that made it") String worker,
            Instant startedAt,
            @Schema(description = "Absent while running, or when a crash cut it short") @Nullable Instant endedAt,
            @Schema(allowableValues = {"SUCCEEDED", "RETRYING", "FAILED", "WAITING", "CANCELLED", "SKIPPED"})
            @Nullable String outcome,
            @Schema(description = "What went wrong (its first 4096 characters)") @Nullable String error) {
    }
}
