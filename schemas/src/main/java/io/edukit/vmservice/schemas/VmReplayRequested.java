package io.edukit.vmservice.schemas;

import java.time.Instant;
import java.util.UUID;

/** Asks for a FAILED job to run again from its failed step. */
public record VmReplayRequested(
        UUID commandId,
        UUID vmId,
        Instant requestedAt,
        String requestedBy) implements VmCommand {

    public static final String TYPE = "VmReplayRequested";
}
