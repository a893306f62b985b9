package io.edukit.vmservice.api.ops;

import io.swagger.v3.oas.annotations.media.Schema;
import jakarta.validation.constraints.Size;
import org.jspecify.annotations.Nullable;

/** Why a dead-lettered command is discarded; optional. */
@Schema(description = "Why the record is discarded")
public record DiscardRequest(@Size(max = 1000) @Nullable String reason) {
}
