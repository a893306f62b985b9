package io.edukit.vmservice.schemas;

import java.time.Instant;
import java.util.UUID;

/** Asks for a VM to be stopped, destroyed and forgotten. */
public record VmDeletionRequested(
        UUID commandId,
        UUID vmId,
        Instant requestedAt,
        String requestedBy) implements VmCommand {

    public static final String TYPE = "VmDeletionRequested";
}
