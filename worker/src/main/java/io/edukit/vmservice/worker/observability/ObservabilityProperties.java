package io.edukit.vmservice.worker.observability;

import jakarta.validation.Valid;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;
import org.springframework.validation.annotation.Validated;

import java.time.Duration;

/**
 * @param stuckAfter a job REQUESTED, PROVISIONING or DELETING that has not changed for this long is stuck
 * @param metrics    the gauges read from the database and the broker
 */
@Validated
@ConfigurationProperties("vmservice")
public record ObservabilityProperties(
        @DefaultValue("30m") Duration stuckAfter,
        @DefaultValue @Valid Metrics metrics) {

    /** @param refreshInterval how often those gauges are read again; a scrape reads the last values */
    public record Metrics(@DefaultValue("15s") Duration refreshInterval) {
    }
}
