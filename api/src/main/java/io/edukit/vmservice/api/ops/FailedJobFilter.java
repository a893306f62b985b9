package io.edukit.vmservice.api.ops;

import org.jspecify.annotations.Nullable;

import java.sql.Timestamp;
import java.time.Instant;

/** Which FAILED jobs to list or replay; a null criterion does not narrow. */
record FailedJobFilter(@Nullable String step, @Nullable String reasonContains, @Nullable String image,
                       @Nullable String node, @Nullable String owner, @Nullable Instant from, @Nullable Instant to) {

    JobConditions.Where where() {
        return new JobConditions("status = 'FAILED'")
                .and("step = ?", step)
                .and("failure_reason ilike ?", reasonContains == null ? null : "%" + likeEscaped(reasonContains) + "%")
                .and("os_image = ?", image)
                .and("node = ?", node)
                .and("owner_id = ?", owner)
                .and("updated_at >= ?", from == null ? null : Timestamp.from(from))
                .and("updated_at < ?", to == null ? null : Timestamp.from(to))
                .where();
    }

    /** The text as a LIKE pattern matches it literally: % and _ are not wildcards here. */
    private static String likeEscaped(String text) {
        return text.replace("\\", "\\\\").replace("%", "\\%").replace("_", "\\_");
    }
}
