package io.edukit.vmservice.api.ops;

import java.util.List;

/** One page of FAILED jobs, newest failure first. */
public record FailedJobPage(List<FailedJob> items, int page, int size, long totalItems, int totalPages) {

    static FailedJobPage of(List<FailedJob> items, int page, int size, long totalItems) {
        return new FailedJobPage(items, page, size, totalItems, (int) ((totalItems + size - 1) / size));
    }
}
