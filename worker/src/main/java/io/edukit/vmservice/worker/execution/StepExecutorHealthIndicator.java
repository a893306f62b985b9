package io.edukit.vmservice.worker.execution;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.health.contributor.Health;
import org.springframework.boot.health.contributor.HealthIndicator;
import org.springframework.stereotype.Component;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.function.BooleanSupplier;
import java.util.function.IntSupplier;
import java.util.function.Supplier;

/**
 * {@code /actuator/health/stepExecutor}, part of liveness: DOWN when the claim loop has not gone
 * round for {@code vmservice.executor.stalled-after} — a thread hung (on a database socket that
 * never answers, say) that only a restart frees. A claim that fails still counts as a pass: a
 * database away is for readiness to report, and a restart would not bring it back. A replica whose
 * executor is off, or not started yet, is UP.
 */
@Component
class StepExecutorHealthIndicator implements HealthIndicator {

    private final BooleanSupplier running;
    private final Supplier<Instant> lastPass;
    private final IntSupplier jobsInFlight;
    private final Duration stalledAfter;
    private final Clock clock;

    @Autowired
    StepExecutorHealthIndicator(StepExecutor executor, ExecutorProperties properties, Clock clock) {
        this(executor::isRunning, executor::lastPass, executor::jobsInFlight, properties.executor().stalledAfter(), clock);
    }

    StepExecutorHealthIndicator(BooleanSupplier running, Supplier<Instant> lastPass, IntSupplier jobsInFlight,
                                Duration stalledAfter, Clock clock) {
        this.running = running;
        this.lastPass = lastPass;
        this.jobsInFlight = jobsInFlight;
        this.stalledAfter = stalledAfter;
        this.clock = clock;
    }

    @Override
    public Health health() {
        if (!running.getAsBoolean()) {
            return Health.up().withDetail("executor", "not running on this replica").build();
        }
        Instant last = lastPass.get();
        Duration since = Duration.between(last, clock.instant());
        Health.Builder health = since.compareTo(stalledAfter) > 0 ? Health.down()
                .withDetail("error", "the claim loop has not gone round for " + since.toSeconds() + " s (limit "
                        + stalledAfter.toSeconds() + " s)")
                : Health.up();
        return health.withDetail("lastClaimPass", last.toString())
                .withDetail("jobsInFlight", jobsInFlight.getAsInt())
                .build();
    }
}
