package io.edukit.vmservice.api.ops;

import io.edukit.vmservice.api.problems.InvalidRequestException;
import io.edukit.vmservice.api.problems.InvalidRequestException.FieldProblem;
import io.swagger.v3.oas.annotations.Parameter;
import org.jspecify.annotations.Nullable;

import java.time.Instant;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Set;

/**
 * The filters of the failed-job list and of a bulk replay, as query parameters; every one given
 * narrows the result, a blank one is ignored. {@link #filter()} checks them.
 */
record FailedJobQuery(
        @Parameter(description = "The step the job failed at: CLONING, CONFIGURING_CLOUD_INIT, RESIZING_DISK, STARTING or "
                + "WAITING_FOR_NETWORK (a failed deletion has none)", example = "STARTING")
        @Nullable String step,
        @Parameter(description = "Text the failure reason contains, in any case", example = "locked")
        @Nullable String reason,
        @Parameter(description = "The job's OS image", example = "debian-12")
        @Nullable String image,
        @Parameter(description = "The Proxmox node the job was placed on", example = "pve4")
        @Nullable String node,
        @Parameter(description = "The VM's owner (ownerId)")
        @Nullable String owner,
        @Parameter(description = "Failed at or after this instant (ISO-8601, bounds updatedAt)", example = "2025-03-01T00:00:00Z")
        @Nullable String from,
        @Parameter(description = "Failed before this instant (ISO-8601, bounds updatedAt)", example = "2025-03-02T00:00:00Z")
        @Nullable String to) {

    /** The values vm_job.step takes (the events' names). */
    static final Set<String> STEPS = Set.of("CLONING", "CONFIGURING_CLOUD_INIT", "RESIZING_DISK", "STARTING", "WAITING_FOR_NETWORK");

    /** The filter these parameters ask for, or 400 naming each parameter that makes no sense. */
    FailedJobFilter filter() {
        List<FieldProblem> problems = new ArrayList<>();
        String stepName = oneOf("step", step, STEPS, "is no step", problems);
        Instant since = instant("from", from, problems);
        Instant until = instant("to", to, problems);
        if (since != null && until != null && !since.isBefore(until)) {
            problems.add(new FieldProblem("from", "must be before to"));
        }
        if (!problems.isEmpty()) {
            throw new InvalidRequestException(problems);
        }
        return new FailedJobFilter(stepName, present(reason), present(image), present(node), present(owner), since, until);
    }

    private static @Nullable Instant instant(String field, @Nullable String value, List<FieldProblem> problems) {
        String given = present(value);
        if (given == null) {
            return null;
        }
        try {
            return Instant.parse(given);
        } catch (DateTimeParseException e) {
            problems.add(new FieldProblem(field, "'" + value + "' is no ISO-8601 instant, such as 2025-03-01T10:00:00Z"));
            return null;
        }
    }

    /**
     * The value in upper case when it is one of {@code allowed} (any case given), null when blank;
     * otherwise null, and a problem naming the field and the values it takes.
     */
    static @Nullable String oneOf(String field, @Nullable String value, Set<String> allowed, String isNot,
                                  List<FieldProblem> problems) {
        String given = present(value);
        String name = given == null ? null : given.toUpperCase(Locale.ROOT);
        if (name != null && !allowed.contains(name)) {
            problems.add(new FieldProblem(field, "'" + value + "' " + isNot + "; one of " + String.join(", ", allowed.stream().sorted().toList())));
            return null;
        }
        return name;
    }

    static @Nullable String present(@Nullable String value) {
        return value == null || value.isBlank() ? null : value.strip();
    }
}
