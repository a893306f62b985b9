/**
 * The durable step executor: jobs claimed from PostgreSQL under a lease, run step by step off any
 * transaction, retried with backoff, kept off nodes whose circuit is open.
 */
@NullMarked
package io.edukit.vmservice.worker.execution;

import org.jspecify.annotations.NullMarked;
