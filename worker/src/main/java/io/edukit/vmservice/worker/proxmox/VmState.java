package io.edukit.vmservice.worker.proxmox;

import org.jspecify.annotations.Nullable;

/** {@code GET .../status/current}: whether the VM runs, and whether a lock holds it. */
public record VmState(String status, @Nullable String lock, boolean template, @Nullable String qmpStatus) {

    public boolean running() {
        return "running".equals(status);
    }
}
