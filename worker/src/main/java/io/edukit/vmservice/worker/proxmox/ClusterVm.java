package io.edukit.vmservice.worker.proxmox;

import org.jspecify.annotations.Nullable;

/** One VM of {@code GET /cluster/resources?type=vm}. */
public record ClusterVm(int vmid, String node, @Nullable String name, @Nullable String status, boolean template) {
}
