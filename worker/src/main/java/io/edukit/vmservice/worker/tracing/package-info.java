/**
 * W3C trace context through the worker: from the command's header to the job, from the job to
 * each step's span, and from the span into each status event's header.
 */
@NullMarked
package io.edukit.vmservice.worker.tracing;

import org.jspecify.annotations.NullMarked;
