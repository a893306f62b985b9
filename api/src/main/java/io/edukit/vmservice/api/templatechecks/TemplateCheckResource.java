package io.edukit.vmservice.api.templatechecks;

import com.fasterxml.jackson.annotation.JsonInclude;
import io.swagger.v3.oas.annotations.media.Schema;
import org.jspecify.annotations.Nullable;

import java.time.Instant;
import java.util.List;
import java.util.UUID;

/** A template check, or a catalog change that needed none, and what came of it: a row of {@code template_check}. */
@JsonInclude(JsonInclude.Include.NON_NULL)
@Schema(description = "A template check OPS asked for, or a catalog change made without one, and what came of it")
public record TemplateCheckResource(
        UUID id,
        @Schema(allowableValues = {"VERIFY", "ADD", "UPDATE", "ACTIVATE", "DEACTIVATE"}) String purpose,
        @Schema(description = "The image; absent for a verification of every active image") @Nullable String osImage,
        @Schema(description = "The caller who asked, from the token") String requestedBy,
        Instant requestedAt,
        @Schema(description = "PENDING until a worker has inspected the templates", allowableValues = {"PENDING", "COMPLETED"})
        String status,
        @Nullable Instant completedAt,
        @Schema(description = "PASSED: every template is fit to clone; FAILED: one is not; NOT_NEEDED: a change that needs "
                + "no check. Absent while pending", allowableValues = {"PASSED", "FAILED", "NOT_NEEDED"})
        @Nullable String verdict,
        @Schema(description = "True once the catalog change was made; a verification changes nothing") boolean applied,
        @Schema(description = "Why it failed with nothing to inspect, or why a change that passed was not made")
        @Nullable String note,
        @Schema(description = "ADD and UPDATE: the image as asked for") @Nullable OsImageRequest proposed,
        @Schema(description = "One per placement inspected, in order; absent while pending and when no check was needed")
        @Nullable List<PlacementResult> results) {

    static final String PENDING = "PENDING";
    static final String COMPLETED = "COMPLETED";
    static final String FAILED = "FAILED";

    boolean completed() {
        return COMPLETED.equals(status);
    }

    boolean failed() {
        return FAILED.equals(verdict);
    }
}
