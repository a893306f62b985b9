package io.edukit.vmservice.api.ops;

import io.swagger.v3.oas.annotations.media.Schema;
import org.jspecify.annotations.Nullable;

import java.time.Instant;

/** What OPS did with a dead-lettered command; each record is acted upon at most once. */
@Schema(description = "What was done with a dead-lettered command")
public record DeadLetterAction(
        @Schema(description = "REPUBLISHED or DISCARDED") String action,
        @Schema(description = "The caller who did it, from the token") String actor,
        @Schema(description = "Why, as given when discarding") @Nullable String reason,
        Instant actedAt) {

    static final String REPUBLISHED = "REPUBLISHED";
    static final String DISCARDED = "DISCARDED";
}
