package io.edukit.vmservice.api.commands;

import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

import java.time.Duration;

/**
 * @param sendTimeout how long a request waits for Kafka to acknowledge its command before it answers 503;
 *                    longer than the producer's {@code delivery.timeout.ms}, so that the send is over by then
 */
@ConfigurationProperties("vmservice.commands")
record CommandProperties(@DefaultValue("6s") Duration sendTimeout) {
}
