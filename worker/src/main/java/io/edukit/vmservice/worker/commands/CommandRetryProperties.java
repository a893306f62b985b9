package io.edukit.vmservice.worker.commands;

import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

import java.time.Duration;

/** Backoff for commands that fail for a passing reason (the database is unreachable, say). */
@ConfigurationProperties("vmservice.commands.retry")
record CommandRetryProperties(
        @DefaultValue("500ms") Duration initialInterval,
        @DefaultValue("2.0") double multiplier,
        @DefaultValue("30s") Duration maxInterval,
        @DefaultValue("5m") Duration maxElapsedTime) {
}
