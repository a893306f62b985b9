package io.edukit.vmservice.schemas;

import com.fasterxml.jackson.annotation.JsonSubTypes;
import com.fasterxml.jackson.annotation.JsonTypeInfo;

import java.time.Instant;
import java.util.UUID;

/**
 * A command on {@link Topics#COMMANDS}. The JSON field {@code type} names the command; the
 * worker treats a second command with the same {@code commandId} as a duplicate.
 */
@JsonTypeInfo(use = JsonTypeInfo.Id.NAME, property = "type")
@JsonSubTypes({
        @JsonSubTypes.Type(value = VmRequested.class, name = VmRequested.TYPE),
        @JsonSubTypes.Type(value = VmDeletionRequested.class, name = VmDeletionRequested.TYPE),
        @JsonSubTypes.Type(value = VmReplayRequested.class, name = VmReplayRequested.TYPE)
})
public sealed interface VmCommand permits VmRequested, VmDeletionRequested, VmReplayRequested {

    UUID commandId();

    UUID vmId();

    Instant requestedAt();

    /** The caller on whose behalf the command was issued. */
    String requestedBy();
}
