package io.edukit.vmservice.worker.execution;

import io.edukit.vmservice.worker.provisioning.FailureClass;
import io.edukit.vmservice.worker.provisioning.JobStep;
import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.Meter;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Timer;
import org.springframework.stereotype.Component;

import java.time.Duration;

/**
 * What the steps do, as Micrometer meters, recorded where an attempt's outcome is known:
 * <ul>
 * <li>{@value #DURATION} — a timer with a histogram, tags {@code step} and {@code outcome} (an
 *     {@link AttemptHistory.Outcome}, as the job's history names it);</li>
 * <li>{@value #ATTEMPTS} — attempts begun, tag {@code step} (a wait for an open circuit is none);</li>
 * <li>{@value #FAILURES} — failed attempts, tags {@code step}, {@code failure.class} (TRANSIENT,
 *     PERMANENT) and {@code outcome} (RETRYING or FAILED).</li>
 * </ul>
 */
@Component
class StepMetrics {

    static final String DURATION = "vmservice.step.duration";
    static final String ATTEMPTS = "vmservice.step.attempts";
    static final String FAILURES = "vmservice.step.failures";

    private static final Duration[] BUCKETS = {
            Duration.ofMillis(100), Duration.ofMillis(250), Duration.ofMillis(500), Duration.ofSeconds(1),
            Duration.ofMillis(2500), Duration.ofSeconds(5), Duration.ofSeconds(10), Duration.ofSeconds(30),
            Duration.ofMinutes(1), Duration.ofMinutes(2), Duration.ofMinutes(5), Duration.ofMinutes(10),
            Duration.ofMinutes(20)};

    private final Meter.MeterProvider<Counter> attempts;
    private final Meter.MeterProvider<Timer> durations;
    private final Meter.MeterProvider<Counter> failures;

    /** Built once: a builder per record would convert the buckets again at every step's end. */
    StepMetrics(MeterRegistry registry) {
        this.attempts = Counter.builder(ATTEMPTS)
                .description("Attempts begun at a step")
                .withRegistry(registry);
        this.durations = Timer.builder(DURATION)
                .description("How long an attempt at a step took, by how it ended")
                // Buckets from a config call to a clone or a guest's boot, which take minutes: a
                // histogram that aggregates across replicas, at 14 series per step and outcome.
                .serviceLevelObjectives(BUCKETS)
                .withRegistry(registry);
        this.failures = Counter.builder(FAILURES)
                .description("Failed attempts at a step, by failure class")
                .withRegistry(registry);
    }

    void attemptBegun(JobStep step) {
        attempts.withTags("step", step.name()).increment();
    }

    void attemptEnded(JobStep step, AttemptHistory.Outcome outcome, Duration took) {
        durations.withTags("step", step.name(), "outcome", outcome.name()).record(took);
    }

    void attemptFailed(JobStep step, FailureClass failureClass, boolean retrying) {
        failures.withTags("step", step.name(), "failure.class", failureClass.name(),
                "outcome", (retrying ? AttemptHistory.Outcome.RETRYING : AttemptHistory.Outcome.FAILED).name()).increment();
    }
}
