package io.edukit.vmservice.api.ops;

/** A record's place on the dead-letter topic: its partition and offset. */
public record DeadLetterPlace(int partition, long offset) {
}
