package io.edukit.vmservice.api.ops;

import io.edukit.vmservice.api.problems.InvalidRequestException;
import io.edukit.vmservice.api.problems.InvalidRequestException.FieldProblem;
import io.swagger.v3.oas.annotations.Parameter;
import org.jspecify.annotations.Nullable;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;

/** The filters of the in-progress list, as query parameters; every one given narrows it. */
record InProgressQuery(
        @Parameter(description = "REQUESTED, PROVISIONING or DELETING; all three when absent", example = "PROVISIONING")
        @Nullable String status,
        @Parameter(description = "The step the job is at", example = "CLONING")
        @Nullable String step,
        @Parameter(description = "The job's OS image", example = "debian-12")
        @Nullable String image,
        @Parameter(description = "The Proxmox node the job is placed on", example = "pve4")
        @Nullable String node,
        @Parameter(description = "The VM's owner (ownerId)")
        @Nullable String owner,
        @Parameter(description = "true: only the stuck jobs; false: only those that are not")
        @Nullable Boolean stuck) {

    static final Set<String> IN_PROGRESS = Set.of("REQUESTED", "PROVISIONING", "DELETING");
    /** {@link #IN_PROGRESS} as a condition on vm_job. */
    static final String IN_PROGRESS_SQL = "status in ('REQUESTED', 'PROVISIONING', 'DELETING')";

    /** The where clause these parameters ask for, or 400 naming each one that makes no sense. */
    JobConditions.Where where(Duration stuckAfter) {
        List<FieldProblem> problems = new ArrayList<>();
        String statusName = FailedJobQuery.oneOf("status", status, IN_PROGRESS, "is not a status in progress", problems);
        String stepName = FailedJobQuery.oneOf("step", step, FailedJobQuery.STEPS, "is no step", problems);
        if (!problems.isEmpty()) {
            throw new InvalidRequestException(problems);
        }
        JobConditions conditions = new JobConditions(IN_PROGRESS_SQL)
                .and("status = ?", statusName)
                .and("step = ?", stepName)
                .and("os_image = ?", FailedJobQuery.present(image))
                .and("node = ?", FailedJobQuery.present(node))
                .and("owner_id = ?", FailedJobQuery.present(owner));
        if (stuck != null) {
            conditions.and((stuck ? "" : "not ") + JobRecords.STUCK, seconds(stuckAfter));
        }
        return conditions.where();
    }

    static double seconds(Duration duration) {
        return duration.toMillis() / 1000.0;
    }
}
