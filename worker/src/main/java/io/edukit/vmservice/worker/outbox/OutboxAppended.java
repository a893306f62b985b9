package io.edukit.vmservice.worker.outbox;

/** Rows were added to the outbox; once their transaction commits the relay need not wait for its next poll. */
record OutboxAppended(int events) {
}
