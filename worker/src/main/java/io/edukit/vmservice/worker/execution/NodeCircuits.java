package io.edukit.vmservice.worker.execution;

import io.edukit.vmservice.worker.provisioning.FailureClass;
import io.edukit.vmservice.worker.proxmox.ProxmoxException;
import io.edukit.vmservice.worker.snippets.SnippetStoreException;
import io.edukit.vmservice.worker.steps.Channel;
import io.github.resilience4j.circuitbreaker.CircuitBreaker;
import io.github.resilience4j.circuitbreaker.CircuitBreakerConfig;
import io.github.resilience4j.circuitbreaker.CircuitBreakerRegistry;
import io.github.resilience4j.micrometer.tagged.TaggedCircuitBreakerMetrics;
import io.micrometer.core.instrument.MeterRegistry;
import org.springframework.stereotype.Component;

import java.time.Duration;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.function.Supplier;

/**
 * A circuit breaker per Proxmox node and channel (its API, its SSH), fed by every call made
 * there: when a node keeps failing, its jobs wait instead of spending their attempts. Only a
 * transient failure of the node itself counts against it — an answer, even "does not exist" or
 * "permission denied", shows the node is there, and a locked VM or a booting guest is the VM's
 * business, not the node's.
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
                .permittedNumberOfCallsInHalfOpenState(3)
                .recordException(NodeCircuits::nodeFailure)
                .build());
    }

    /** Runs a call to the node through its channel's breaker; an open one throws {@code CallNotPermittedException}. */
    <T> T call(String node, Channel channel, Supplier<T> call) {
        return breaker(node, channel).executeSupplier(call);
    }

    void run(String node, Channel channel, Runnable call) {
        breaker(node, channel).executeRunnable(call);
    }

    /** Whether none of the channels to the node is open: a step that needs them may start. */
    boolean closed(String node, Set<Channel> channels) {
        return channels.stream().map(channel -> breaker(node, channel).getState())
                .noneMatch(state -> state == CircuitBreaker.State.OPEN || state == CircuitBreaker.State.FORCED_OPEN);
    }

    /** Whether a clone may be placed on the node now. */
    boolean available(String node) {
        return closed(node, Set.of(Channel.API));
    }

    /**
     * The breakers' state and calls as Micrometer meters ({@code resilience4j.circuitbreaker.*}),
     * tagged with the breaker's {@code name} ({@code pve4/api}), {@code node} and {@code channel}.
     */
    void bindTo(MeterRegistry meters) {
        TaggedCircuitBreakerMetrics.ofCircuitBreakerRegistry(registry).bindTo(meters);
    }

    /** Makes the node's breakers exist, one per channel, so that their state is reported before the first call. */
    void watch(String node) {
        for (Channel channel : Channel.values()) {
            breaker(node, channel);
        }
    }

    /** How long a job kept off a node waits before it looks again. */
    Duration retryBlockedAfter() {
        return waitInOpenState.dividedBy(4);
    }

    private CircuitBreaker breaker(String node, Channel channel) {
        String channelName = channel.name().toLowerCase(Locale.ROOT);
        return registry.circuitBreaker(node + "/" + channelName, Map.of("node", node, "channel", channelName));
    }

    private static boolean nodeFailure(Throwable failure) {
        return switch (failure) {
            case ProxmoxException proxmox -> proxmox.failureClass() == FailureClass.TRANSIENT && !proxmox.aboutTheVm();
            case SnippetStoreException ssh -> ssh.failureClass() == FailureClass.TRANSIENT;
            default -> false;
        };
    }
}
