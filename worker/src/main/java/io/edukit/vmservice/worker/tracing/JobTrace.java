package io.edukit.vmservice.worker.tracing;

import io.edukit.vmservice.worker.provisioning.VmId;
import io.micrometer.tracing.Span;
import io.micrometer.tracing.Tracer;
import org.jspecify.annotations.Nullable;

/** A job's trace, read once per run of the job: each step it runs is a span of it. */
public final class JobTrace {

    private final VmId job;
    private final @Nullable String traceparent;
    private final TraceContexts contexts;

    JobTrace(VmId job, @Nullable String traceparent, TraceContexts contexts) {
        this.job = job;
        this.traceparent = traceparent;
        this.contexts = contexts;
    }

    /** A span for one attempt at a step, current on this thread until the returned scope closes; end it after. */
    public StepSpan startStep(String step) {
        Span span = contexts.start(traceparent, "vmservice step " + step).tag("vmservice.vm_id", job.toString())
                .tag("vmservice.step", step);
        return new StepSpan(span, contexts.inScope(span));
    }

    /** The span of a step and its scope: closing ends both. */
    public record StepSpan(Span span, Tracer.SpanInScope scope) implements AutoCloseable {
        @Override
        public void close() {
            scope.close();
            span.end();
        }
    }
}
