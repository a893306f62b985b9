package io.edukit.vmservice.worker.provisioning;

/** Jobs became due in the current transaction: once it commits, the executor looks at once instead of at its next poll. */
public record JobsScheduled() {
}
