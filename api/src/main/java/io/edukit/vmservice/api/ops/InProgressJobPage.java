package io.edukit.vmservice.api.ops;

import java.util.List;

/** One page of jobs in progress, the longest without progress first. */
public record InProgressJobPage(List<InProgressJob> items, int page, int size, long totalItems, int totalPages) {

    static InProgressJobPage of(List<InProgressJob> items, int page, int size, long totalItems) {
        return new InProgressJobPage(items, page, size, totalItems, (int) ((totalItems + size - 1) / size));
    }
}
