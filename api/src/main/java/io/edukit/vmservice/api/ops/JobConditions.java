package io.edukit.vmservice.api.ops;

import org.jspecify.annotations.Nullable;

import java.util.ArrayList;
import java.util.List;

/** A where clause over vm_job built from optional criteria: a criterion without a value does not narrow. */
final class JobConditions {

    /** The clause and its parameters, in order. */
    record Where(String sql, List<Object> params) {
    }

    private final List<String> conditions = new ArrayList<>();
    private final List<Object> params = new ArrayList<>();

    JobConditions(String always) {
        conditions.add(always);
    }

    JobConditions and(String condition, @Nullable Object value) {
        if (value != null) {
            conditions.add(condition);
            params.add(value);
        }
        return this;
    }

    Where where() {
        return new Where(String.join(" and ", conditions), List.copyOf(params));
    }
}
