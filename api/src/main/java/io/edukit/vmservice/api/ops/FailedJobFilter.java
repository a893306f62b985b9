package io.edukit.vmservice.api.ops;

import org.jspecify.annotations.Nullable;

import java.sql.Timestamp;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;

/** Which FAILED jobs to list or replay; a null criterion does not narrow. */
record FailedJobFilter(@Nullable String step, @Nullable String reasonContains, @Nullable String image,
                       @Nullable String node, @Nullable String owner, @Nullable Instant from, @Nullable Instant to) {

    /** A where clause over vm_job with its parameters, in order. */
    record Where(String sql, List<Object> params) {
    }

    Where where() {
        List<String> conditions = new ArrayList<>(List.of("status = 'FAILED'"));
        List<Object> params = new ArrayList<>();
        add(conditions, params, "step = ?", step);
        add(conditions, params, "failure_reason ilike ?", reasonContains == null ? null : "%" + likeEscaped(reasonContains) + "%");
        add(conditions, params, "os_image = ?", image);
        add(conditions, params, "node = ?", node);
        add(conditions, params, "owner_id = ?", owner);
        add(conditions, params, "updated_at >= ?", from == null ? null : Timestamp.from(from));
        add(conditions, params, "updated_at < ?", to == null ? null : Timestamp.from(to));
        return new Where(String.join(" and ", conditions), params);
    }

    private static void add(List<String> conditions, List<Object> params, String condition, @Nullable Object value) {
        if (value != null) {
            conditions.add(condition);
            params.add(value);
        }
    }

    /** The text as a LIKE pattern matches it literally: % and _ are not wildcards here. */
    private static String likeEscaped(String text) {
        return text.replace("\\", "\\\\").replace("%", "\\%").replace("_", "\\_");
    }
}
