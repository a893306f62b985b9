package io.edukit.vmservice.kafkahealth;

import org.springframework.beans.factory.annotation.Value;
import org.springframework.boot.autoconfigure.AutoConfiguration;
import org.springframework.boot.autoconfigure.condition.ConditionalOnBean;
import org.springframework.boot.autoconfigure.condition.ConditionalOnMissingBean;
import org.springframework.boot.health.autoconfigure.contributor.ConditionalOnEnabledHealthIndicator;
import org.springframework.boot.kafka.autoconfigure.KafkaAutoConfiguration;
import org.springframework.context.annotation.Bean;
import org.springframework.kafka.core.KafkaAdmin;

/**
 * {@code /actuator/health/kafka} in every service that talks to Kafka; each names it in its
 * readiness group.
 */
@AutoConfiguration(after = KafkaAutoConfiguration.class)
@ConditionalOnBean(KafkaAdmin.class)
public class KafkaHealthConfiguration {

    @Bean
    @ConditionalOnMissingBean
    BrokerAdmin brokerAdmin(KafkaAdmin kafkaAdmin, @Value("${spring.application.name:vmservice}") String application) {
        return new BrokerAdmin(kafkaAdmin, application + "-health");
    }

    @Bean
    @ConditionalOnEnabledHealthIndicator("kafka")
    @ConditionalOnMissingBean(name = "kafkaHealthIndicator")
    KafkaHealthIndicator kafkaHealthIndicator(BrokerAdmin brokerAdmin) {
        return new KafkaHealthIndicator(brokerAdmin);
    }
}
