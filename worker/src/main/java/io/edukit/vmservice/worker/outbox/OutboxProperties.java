package io.edukit.vmservice.worker.outbox;

import jakarta.validation.constraints.Min;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;
import org.springframework.validation.annotation.Validated;

import java.time.Duration;

/**
 * @param pollInterval how often the relay looks for events written by other replicas; its own are sent at once
 * @param batchSize    events sent per transaction
 * @param sendTimeout  how long the relay waits for a batch's sends to end: above the producer's delivery.timeout.ms
 * @param retention    how long a sent event stays in the table (for OPS and audits; Kafka keeps its own copy)
 * @param pruneEvery   how often sent events past their retention are deleted
 */
@Validated
@ConfigurationProperties("vmservice.outbox")
record OutboxProperties(
        @DefaultValue("500ms") Duration pollInterval,
        @DefaultValue("500") @Min(1) int batchSize,
        @DefaultValue("35s") Duration sendTimeout,
        @DefaultValue("7d") Duration retention,
        @DefaultValue("10m") Duration pruneEvery) {
}
