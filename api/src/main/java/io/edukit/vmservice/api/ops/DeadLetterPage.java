package io.edukit.vmservice.api.ops;

import io.swagger.v3.oas.annotations.media.Schema;

import java.util.List;

/** One page of the dead-lettered commands read, newest first. */
@Schema(description = "A page of dead-lettered commands, newest first")
public record DeadLetterPage(
        List<DeadLetter> items, int page, int size,
        @Schema(description = "Records read: the newest ones, at most limit") long totalItems,
        int totalPages,
        @Schema(description = "The most records a list reads") int limit,
        @Schema(description = "True when the topic holds older records than those read") boolean capped) {

    static DeadLetterPage of(List<DeadLetter> items, int page, int size, long totalItems, int limit, boolean capped) {
        return new DeadLetterPage(items, page, size, totalItems, (int) ((totalItems + size - 1) / size), limit, capped);
    }
}
