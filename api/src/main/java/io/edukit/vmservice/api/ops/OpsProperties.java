package io.edukit.vmservice.api.ops;

import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

import java.time.Duration;

/**
 * @param stuckAfter            a job REQUESTED, PROVISIONING or DELETING whose {@code updated_at} is older than this is
 *                              flagged stuck; the same meaning as the worker's {@code vmservice.stuck-after}, keep them equal
 * @param deadLetterReadTimeout how long reading the dead-letter topic may take before the call answers 503
 * @param templateCheckWait     how long a call that needs a template check waits for a worker's answer before it
 *                              answers 202 with the check to follow
 */
@ConfigurationProperties("vmservice.ops")
public record OpsProperties(
        @DefaultValue("30m") Duration stuckAfter,
        @DefaultValue("10s") Duration deadLetterReadTimeout,
        @DefaultValue("10s") Duration templateCheckWait) {
}
