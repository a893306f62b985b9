package io.edukit.vmservice.worker.execution;

import io.edukit.vmservice.worker.provisioning.VmId;
import org.jspecify.annotations.Nullable;

/**
 * A clone slot of {@code node} is given back in the current transaction: once it commits, a job
 * waiting for one looks at once. {@code handedTo} is the waiting job it went to in the same
 * transaction, if any: that job need not look.
 */
record CloneSlotFreed(String node, @Nullable VmId handedTo) {
}
