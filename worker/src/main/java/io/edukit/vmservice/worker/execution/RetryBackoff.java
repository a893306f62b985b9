package io.edukit.vmservice.worker.execution;

import io.github.resilience4j.core.IntervalFunction;
import org.springframework.stereotype.Component;

import java.time.Duration;

/** The pause before the next attempt at a step: exponential with jitter, from resilience4j. */
@Component
class RetryBackoff {

    private final IntervalFunction intervals;

    RetryBackoff(ExecutorProperties properties) {
        ExecutorProperties.Retry retry = properties.retry();
        this.intervals = IntervalFunction.ofExponentialRandomBackoff(retry.initialBackoff(), retry.multiplier(),
                retry.jitter(), retry.maxBackoff());
    }

    /** @param failedAttempts attempts made so far at the step, at least 1 */
    Duration after(int failedAttempts) {
        return Duration.ofMillis(intervals.apply(Math.max(1, failedAttempts)));
    }
}
