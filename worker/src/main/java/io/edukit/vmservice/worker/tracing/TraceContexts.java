package io.edukit.vmservice.worker.tracing;

import io.edukit.vmservice.schemas.CloudEventHeaders;
import io.edukit.vmservice.worker.provisioning.VmId;
import io.micrometer.tracing.Span;
import io.micrometer.tracing.TraceContext;
import io.micrometer.tracing.Tracer;
import io.micrometer.tracing.propagation.Propagator;
import org.jspecify.annotations.Nullable;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.stereotype.Component;

import java.util.Map;

/**
 * The worker's seam to Micrometer Tracing: the W3C trace context ({@code traceparent}) of the work
 * under way, as text to keep in a row, and spans that continue a trace from such text. The
 * command listener runs in the span Spring Kafka continues from the command's header; a job's
 * steps run later, on the executor's threads, in spans continued from what the listener kept.
 * The text kept is W3C's whatever propagation is configured; it is read back through the
 * configured propagator, so that propagation must include W3C (as Spring Boot's default does).
 */
@Component
public class TraceContexts {

    private static final String TRACEPARENT = CloudEventHeaders.TRACEPARENT;

    private final Tracer tracer;
    private final Propagator propagator;

    TraceContexts(ObjectProvider<Tracer> tracer, ObjectProvider<Propagator> propagator) {
        this.tracer = tracer.getIfAvailable(() -> Tracer.NOOP);
        this.propagator = propagator.getIfAvailable(() -> Propagator.NOOP);
    }

    /**
     * The traceparent of the span in scope, or null outside any trace. Written out here rather than
     * by the propagator, which would also work out the baggage for every row that keeps it.
     */
    public @Nullable String current() {
        Span span = tracer.currentSpan();
        // Not Span.isNoop(): that is true of an unsampled span, whose trace is still passed on. The no-op tracer's has no ids.
        TraceContext context = span == null ? null : span.context();
        if (context == null || context.traceId().isEmpty()) {
            return null;
        }
        return "00-" + context.traceId() + "-" + context.spanId() + (Boolean.TRUE.equals(context.sampled()) ? "-01" : "-00");
    }

    /** The trace a job's steps continue, from the {@code traceparent} kept on its row. */
    public JobTrace jobTrace(VmId job, @Nullable String traceparent) {
        return new JobTrace(job, traceparent, this);
    }

    /** Starts a span that continues the trace {@code traceparent} names, or a trace of its own when there is none. */
    public Span start(@Nullable String traceparent, String name) {
        Span.Builder span = traceparent == null
                ? tracer.spanBuilder()
                : propagator.extract(Map.of(TRACEPARENT, traceparent), Map::get);
        return span.name(name).start();
    }

    /** Makes the span current on this thread, for the logs' trace ids and for {@link #current()}. */
    public Tracer.SpanInScope inScope(Span span) {
        return tracer.withSpan(span);
    }
}
