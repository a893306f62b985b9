package io.edukit.vmservice.kafkahealth;

import org.junit.jupiter.api.Test;
import org.springframework.boot.autoconfigure.AutoConfigurations;
import org.springframework.boot.health.contributor.Health;
import org.springframework.boot.health.contributor.HealthIndicator;
import org.springframework.boot.health.contributor.Status;
import org.springframework.boot.kafka.autoconfigure.KafkaAutoConfiguration;
import org.springframework.boot.test.context.runner.ApplicationContextRunner;
import org.springframework.kafka.test.EmbeddedKafkaBroker;
import org.springframework.kafka.test.context.EmbeddedKafka;

import java.time.Duration;
import java.time.Instant;

import static org.assertj.core.api.Assertions.assertThat;

/** The check against a real in-process KRaft broker, and against an address where none listens. */
@EmbeddedKafka
class KafkaHealthIndicatorTest {

    final ApplicationContextRunner service = new ApplicationContextRunner()
            .withConfiguration(AutoConfigurations.of(KafkaAutoConfiguration.class, KafkaHealthConfiguration.class))
            .withPropertyValues("spring.application.name=vmservice-test");

    @Test
    void upWithTheClusterIdAndItsBrokersWhenTheBrokerAnswers(EmbeddedKafkaBroker broker) {
        service.withPropertyValues("spring.kafka.bootstrap-servers=" + broker.getBrokersAsString()).run(context -> {
            Health health = context.getBean("kafkaHealthIndicator", HealthIndicator.class).health();

            assertThat(health.getStatus()).isEqualTo(Status.UP);
            assertThat(health.getDetails()).containsEntry("brokers", 1).containsKey("clusterId");
            assertThat(context.getBean(BrokerAdmin.class).admin().describeCluster().clusterId().get())
                    .isEqualTo(health.getDetails().get("clusterId"));
        });
    }

    @Test
    void downWithinItsBoundWhenNoBrokerListens() {
        service.withPropertyValues("spring.kafka.bootstrap-servers=127.0.0.1:9").run(context -> {
            Instant asked = Instant.now();
            Health health = context.getBean("kafkaHealthIndicator", HealthIndicator.class).health();

            assertThat(health.getStatus()).isEqualTo(Status.DOWN);
            assertThat(health.getDetails()).containsKey("error");
            assertThat(Duration.between(asked, Instant.now())).isLessThan(BrokerAdmin.TIMEOUT.multipliedBy(3));
        });
    }

    @Test
    void offWhenTheSettingTurnsItOff() {
        service.withPropertyValues("spring.kafka.bootstrap-servers=127.0.0.1:9", "management.health.kafka.enabled=false")
                .run(context -> assertThat(context).doesNotHaveBean(KafkaHealthIndicator.class).hasSingleBean(BrokerAdmin.class));
    }

    @Test
    void absentWhereTheServiceHasNoKafka() {
        new ApplicationContextRunner().withConfiguration(AutoConfigurations.of(KafkaHealthConfiguration.class))
                .run(context -> assertThat(context).doesNotHaveBean(KafkaHealthIndicator.class));
    }
}
