package io.edukit.vmservice.worker.templatechecks;

import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

import java.time.Duration;

/**
 * @param pollInterval how often a replica looks for checks OPS asked for; the API waits for the answer,
 *                     so this is most of what a check costs when the templates answer at once
 * @param claimTimeout how long a claimed check stays this replica's; a check of a replica that died is
 *                     taken over after that. Keep it above the time a check takes on a node that does not answer
 */
@ConfigurationProperties("vmservice.template-checks")
record TemplateCheckProperties(@DefaultValue("250ms") Duration pollInterval, @DefaultValue("2m") Duration claimTimeout) {
}
