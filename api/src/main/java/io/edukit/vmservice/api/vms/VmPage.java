package io.edukit.vmservice.api.vms;

import java.util.List;

/** One page of VMs, newest first. */
public record VmPage(List<VmResource> items, int page, int size, long totalItems, int totalPages) {

    static VmPage of(List<VmResource> items, int page, int size, long totalItems) {
        return new VmPage(items, page, size, totalItems, (int) ((totalItems + size - 1) / size));
    }
}
