package io.edukit.vmservice.api.ops;

import com.fasterxml.jackson.annotation.JsonInclude;
import io.swagger.v3.oas.annotations.media.Schema;
import org.jspecify.annotations.Nullable;

import java.util.List;
import java.util.UUID;

/** What a replay did, or in a dry run would do. */
@JsonInclude(JsonInclude.Include.NON_NULL)
@Schema(description = "What a replay published, or in a dry run would publish")
public record ReplayAnswer(
        @Schema(description = "VmReplayRequested commands published (0 in a dry run)") int published,
        @Schema(description = "The VMs replayed, or in a dry run those that would be") List<UUID> vmIds,
        @Schema(description = "Bulk replays only: true for a dry run") @Nullable Boolean dryRun,
        @Schema(description = "Bulk replays only: the FAILED jobs that match the filters; more than vmIds when "
                + "above the per-call limit") @Nullable Long matching,
        @Schema(description = "Bulk replays only: the most jobs one call replays") @Nullable Integer limit) {

    static ReplayAnswer one(UUID vmId) {
        return new ReplayAnswer(1, List.of(vmId), null, null, null);
    }

    static ReplayAnswer bulk(boolean dryRun, List<UUID> vmIds, long matching, int limit) {
        return new ReplayAnswer(dryRun ? 0 : vmIds.size(), List.copyOf(vmIds), dryRun, matching, limit);
    }
}
