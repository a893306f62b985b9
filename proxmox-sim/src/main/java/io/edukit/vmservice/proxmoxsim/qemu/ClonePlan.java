package io.edukit.vmservice.proxmoxsim.qemu;

import io.edukit.vmservice.proxmoxsim.state.Drive;
import java.util.List;
import org.jspecify.annotations.Nullable;

/** What a clone task has to do: the drives to copy and where they go. */
record ClonePlan(String node, int sourceVmid, int newid, boolean full, @Nullable String targetStorage, List<Drive> drives) {

    ClonePlan {
        drives = List.copyOf(drives);
    }

    long bytesToCopy() {
        return drives.stream().filter(d -> !d.isCloudInit()).mapToLong(Drive::sizeBytes).sum();
    }
}
