package io.edukit.vmservice.worker;

import io.edukit.vmservice.schemas.MessageCodec;
import io.edukit.vmservice.schemas.Topics;
import jakarta.validation.constraints.Min;
import org.apache.kafka.clients.admin.NewTopic;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.kafka.config.TopicBuilder;
import org.springframework.scheduling.annotation.EnableScheduling;
import org.springframework.kafka.core.KafkaAdmin;
import org.springframework.validation.annotation.Validated;

import java.time.Clock;

@Configuration(proxyBeanMethods = false)
@EnableScheduling
@EnableConfigurationProperties(WorkerConfiguration.TopicProperties.class)
class WorkerConfiguration {

    @Bean
    MessageCodec messageCodec() {
        return new MessageCodec();
    }

    @Bean
    Clock clock() {
        return Clock.systemUTC();
    }

    /** The worker owns the topics: it creates them, or adds partitions up to the configured count. */
    @Bean
    KafkaAdmin.NewTopics vmServiceTopics(TopicProperties topics) {
        return new KafkaAdmin.NewTopics(
                topic(Topics.COMMANDS, topics), topic(Topics.COMMANDS_DLT, topics), topic(Topics.VM_EVENTS, topics));
    }

    private static NewTopic topic(String name, TopicProperties topics) {
        TopicBuilder topic = TopicBuilder.name(name).partitions(topics.partitions()).replicas(topics.replicationFactor());
        if (topics.replicationFactor() >= 3) {
            // acks=all means "all in-sync replicas": without this floor, one replica could be all.
            topic.config("min.insync.replicas", "2");
        }
        return topic.build();
    }

    /**
     * @param partitions        per topic; bounds how many command consumers (replicas × listener concurrency) share the commands
     * @param replicationFactor 3 on a production cluster, 1 on a single broker
     */
    @Validated
    @ConfigurationProperties("vmservice.kafka")
    record TopicProperties(@DefaultValue("12") @Min(1) int partitions, @DefaultValue("1") @Min(1) short replicationFactor) {
    }
}
