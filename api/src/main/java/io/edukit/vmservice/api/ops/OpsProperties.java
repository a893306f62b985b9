package io.edukit.vmservice.api.ops;

import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

import java.time.Duration;

/**
 * @param stuckAfter            a job REQUESTED, PROVISIONING or DELETING whose {@code updated_at} is older than this is
 *                              flagged stuck; the same meaning as the worker's {@code vmservice.stuck-after}, keep them equal
 * @param deadLetterReadTimeout how long reading the dead-letter topic may take before the call answers 503
 */
@ConfigurationProperties("vmservice.ops")
record OpsProperties(@DefaultValue("30m") Duration stuckAfter, @DefaultValue("10s") Duration deadLetterReadTimeout) {
}
