package io.edukit.vmservice.worker.execution;

import jakarta.validation.Valid;
import jakarta.validation.constraints.DecimalMax;
import jakarta.validation.constraints.DecimalMin;
import jakarta.validation.constraints.Min;
import org.jspecify.annotations.Nullable;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;
import org.springframework.validation.annotation.Validated;

import java.time.Duration;
import java.util.Map;

/**
 * How the durable step executor shares work between replicas and how hard it presses Proxmox.
 *
 * @param maxConcurrentClonesPerNode clones in flight per node, cluster-wide
 * @param nodeWeights                how many VMs a node takes relative to the others (default 1 each)
 * @param executor                   this replica's share of the work
 * @param retry                      transient failures: how often and how far apart
 * @param circuitBreaker             per node and channel: when to stop calling a node that keeps failing
 */
@Validated
@ConfigurationProperties("vmservice")
public record ExecutorProperties(
        @DefaultValue("2") @Min(1) int maxConcurrentClonesPerNode,
        @DefaultValue Map<String, Integer> nodeWeights,
        @DefaultValue @Valid Executor executor,
        @DefaultValue @Valid Retry retry,
        @DefaultValue @Valid CircuitBreaker circuitBreaker) {

    /**
     * @param enabled       false makes a replica that only consumes commands and relays events
     * @param workerId      names this replica in leases and the job history; default host name and a random suffix
     * @param concurrency   jobs this replica works on at once
     * @param pollInterval  how often it looks for due work besides being woken by new commands
     * @param lease         how long a job stays this replica's without renewal; another replica takes it over after that
     * @param shutdownGrace how long a stopping replica lets running steps finish before it hands them back
     * @param stalledAfter  how long the claim loop may go without a pass before liveness reports the
     *                      executor DOWN, so that the orchestrator restarts the replica
     */
    public record Executor(
            @DefaultValue("true") boolean enabled,
            @Nullable String workerId,
            @DefaultValue("64") @Min(1) int concurrency,
            @DefaultValue("500ms") Duration pollInterval,
            @DefaultValue("30s") Duration lease,
            @DefaultValue("20s") Duration shutdownGrace,
            @DefaultValue("1m") Duration stalledAfter) {
    }

    /**
     * @param maxAttempts    attempts at one step before the job is FAILED (retryable)
     * @param initialBackoff the pause after the first failure; it grows by {@code multiplier} up to {@code maxBackoff}
     * @param jitter         the random share of each pause, so that failed jobs do not return together
     * @param readRetries    how often a read from Proxmox (a config, a state, a VMID check) or a clone call
     *                       that failed transiently is asked again in place, before the step fails and waits
     *                       its backoff
     * @param readRetryPause the pause before each such call is asked again
     */
    public record Retry(
            @DefaultValue("8") @Min(1) int maxAttempts,
            @DefaultValue("2s") Duration initialBackoff,
            @DefaultValue("2.0") @DecimalMin("1.0") double multiplier,
            @DefaultValue("2m") Duration maxBackoff,
            @DefaultValue("0.5") @DecimalMin("0.0") @DecimalMax("1.0") double jitter,
            @DefaultValue("2") @Min(0) int readRetries,
            @DefaultValue("200ms") Duration readRetryPause) {
    }

    /**
     * @param failureRateThreshold percentage of failed steps that opens a node's circuit
     * @param slidingWindowSize    the last steps counted
     * @param minimumNumberOfCalls steps counted before the rate means anything
     * @param waitInOpenState      how long an open circuit keeps jobs off the node before a few may try
     */
    public record CircuitBreaker(
            @DefaultValue("50") @Min(1) int failureRateThreshold,
            @DefaultValue("20") @Min(1) int slidingWindowSize,
            @DefaultValue("10") @Min(1) int minimumNumberOfCalls,
            @DefaultValue("30s") Duration waitInOpenState) {
    }
}
