package io.edukit.vmservice.proxmoxsim.qemu;

import io.edukit.vmservice.proxmoxsim.state.Drive;
import java.util.List;
import java.util.Map;
import org.jspecify.annotations.Nullable;

/** What a clone task has to do: the drives to copy and where they go, and the config the clone gets once they are. */
record ClonePlan(String node, int sourceVmid, int newid, boolean full, @Nullable String targetStorage, List<Drive> drives,
                 Map<String, String> config) {

    ClonePlan {
        drives = List.copyOf(drives);
        config = Map.copyOf(config);
    }

    long bytesToCopy() {
        return drives.stream().filter(d -> !d.isCloudInit()).mapToLong(Drive::sizeBytes).sum();
    }
}
