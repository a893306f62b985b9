package io.edukit.vmservice.worker.execution;

/** A clone slot of {@code node} is given back in the current transaction: once it commits, a job waiting for one looks at once. */
record CloneSlotFreed(String node) {
}
