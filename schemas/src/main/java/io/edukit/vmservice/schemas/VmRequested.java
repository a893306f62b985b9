package io.edukit.vmservice.schemas;

import java.time.Instant;
import java.util.List;
import java.util.UUID;

/**
 * Asks for a new VM from an OS image of the catalog. Validated by the API before it is sent.
 * {@code packages} are extra Debian packages for cloud-init to install.
 */
public record VmRequested(
        UUID commandId,
        UUID vmId,
        Instant requestedAt,
        String requestedBy,
        String osImage,
        String hostname,
        int cores,
        int memoryMb,
        int diskGb,
        List<String> sshPublicKeys,
        String ownerId,
        String courseId,
        List<String> packages) implements VmCommand {

    public static final String TYPE = "VmRequested";

    public VmRequested {
        sshPublicKeys = List.copyOf(sshPublicKeys);
        // Added within v1: a command written before it has none.
        packages = packages == null ? List.of() : List.copyOf(packages);
    }
}
