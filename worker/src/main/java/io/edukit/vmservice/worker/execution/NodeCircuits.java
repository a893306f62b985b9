package io.edukit.vmservice.worker.execution;

import io.edukit.vmservice.worker.steps.Channel;
import io.github.resilience4j.circuitbreaker.CircuitBreaker;
import io.github.resilience4j.circuitbreaker.CircuitBreakerConfig;
import io.github.resilience4j.circuitbreaker.CircuitBreakerRegistry;
import org.springframework.stereotype.Component;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.concurrent.TimeUnit;

/**
 * A circuit breaker per Proxmox node and channel (its API, its SSH): when a node keeps failing,
 * its jobs wait instead of spending their attempts. Each step takes a permit on the channels it
 * uses and reports how it went; only a transient failure on a channel counts against it — a
 * broken template says nothing about the node's health.
 */
@Component
class NodeCircuits {

    private final CircuitBreakerRegistry registry;
    private final Duration waitInOpenState;

    NodeCircuits(ExecutorProperties properties) {
        ExecutorProperties.CircuitBreaker settings = properties.circuitBreaker();
        this.waitInOpenState = settings.waitInOpenState();
        this.registry = CircuitBreakerRegistry.of(CircuitBreakerConfig.custom()
                .slidingWindowType(CircuitBreakerConfig.SlidingWindowType.COUNT_BASED)
                .slidingWindowSize(settings.slidingWindowSize())
                .minimumNumberOfCalls(settings.minimumNumberOfCalls())
                .failureRateThreshold(settings.failureRateThreshold())
                .waitDurationInOpenState(settings.waitInOpenState())
                .automaticTransitionFromOpenToHalfOpenEnabled(true)
                .permittedNumberOfCallsInHalfOpenState(2)
                .build());
    }

    /** Whether a clone may be placed on the node now: its API circuit is not open. */
    boolean available(String node) {
        return breaker(node, Channel.API).getState() != CircuitBreaker.State.OPEN
                && breaker(node, Channel.API).getState() != CircuitBreaker.State.FORCED_OPEN;
    }

    /** Permits on every channel a step uses, or none when one of them is open. */
    Permit enter(String node, Set<Channel> channels) {
        List<CircuitBreaker> acquired = new ArrayList<>();
        for (Channel channel : channels) {
            CircuitBreaker breaker = breaker(node, channel);
            if (!breaker.tryAcquirePermission()) {
                acquired.forEach(CircuitBreaker::releasePermission);
                return new Permit(List.of(), false, System.nanoTime());
            }
            acquired.add(breaker);
        }
        return new Permit(acquired, true, System.nanoTime());
    }

    /** How long a job kept off a node waits before it looks again. */
    Duration retryBlockedAfter() {
        return waitInOpenState.dividedBy(4);
    }

    private CircuitBreaker breaker(String node, Channel channel) {
        return registry.circuitBreaker(node + "/" + channel.name().toLowerCase(java.util.Locale.ROOT));
    }

    /** The permits a step holds; exactly one of its outcomes is reported. */
    record Permit(List<CircuitBreaker> breakers, boolean granted, long startedNanos) {

        void succeeded() {
            breakers.forEach(breaker -> breaker.onSuccess(elapsed(), TimeUnit.NANOSECONDS));
        }

        /** A transient failure on {@code channel} counts against it; the other channels are merely released. */
        void failedOn(Channel channel, Throwable failure) {
            for (CircuitBreaker breaker : breakers) {
                if (breaker.getName().endsWith("/" + channel.name().toLowerCase(java.util.Locale.ROOT))) {
                    breaker.onError(elapsed(), TimeUnit.NANOSECONDS, failure);
                } else {
                    breaker.releasePermission();
                }
            }
        }

        void released() {
            breakers.forEach(CircuitBreaker::releasePermission);
        }

        private long elapsed() {
            return System.nanoTime() - startedNanos;
        }
    }
}
