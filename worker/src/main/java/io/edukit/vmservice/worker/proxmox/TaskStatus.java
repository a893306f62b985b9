package io.edukit.vmservice.worker.proxmox;

import org.jspecify.annotations.Nullable;

/** A task's status: {@code running}, or {@code stopped} with an exit status. */
public record TaskStatus(String status, @Nullable String exitStatus) {

    public boolean finished() {
        return "stopped".equals(status);
    }

    /** PVE counts {@code OK} and {@code WARNINGS: n} as success. */
    public boolean succeeded() {
        return finished() && exitStatus != null && (exitStatus.equals("OK") || exitStatus.startsWith("WARNINGS"));
    }
}
