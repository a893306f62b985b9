package io.edukit.vmservice.bench;

import io.edukit.vmservice.schemas.Topics;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.AdminClientConfig;
import org.apache.kafka.clients.admin.ListOffsetsResult;
import org.apache.kafka.clients.admin.OffsetSpec;
import org.apache.kafka.clients.admin.TopicDescription;
import org.apache.kafka.common.TopicPartition;

import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;

/**
 * Records written to each topic, from the sum of its partitions' end offsets: commands, status
 * events, dead letters, and consumer offset commits ({@code __consumer_offsets}).
 */
record KafkaCounters(Map<String, Long> endOffsets) {

    static final List<String> TOPICS = List.of(Topics.COMMANDS, Topics.VM_EVENTS, Topics.COMMANDS_DLT, "__consumer_offsets");

    KafkaCounters {
        endOffsets = Map.copyOf(endOffsets);
    }

    static KafkaCounters read(String bootstrapServers) {
        try (Admin admin = Admin.create(Map.of(AdminClientConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrapServers))) {
            Map<TopicPartition, OffsetSpec> latest = new HashMap<>();
            for (var described : admin.describeTopics(TOPICS).topicNameValues().values()) {
                TopicDescription topic;
                try {
                    topic = described.get(30, TimeUnit.SECONDS);
                } catch (ExecutionException notThereYet) {
                    continue; // e.g. no dead letter yet: nothing written to it
                }
                topic.partitions().forEach(partition ->
                        latest.put(new TopicPartition(topic.name(), partition.partition()), OffsetSpec.latest()));
            }
            Map<TopicPartition, ListOffsetsResult.ListOffsetsResultInfo> offsets =
                    admin.listOffsets(latest).all().get(30, TimeUnit.SECONDS);
            Map<String, Long> perTopic = new LinkedHashMap<>();
            TOPICS.forEach(topic -> perTopic.put(topic, 0L));
            offsets.forEach((partition, info) -> perTopic.merge(partition.topic(), info.offset(), Long::sum));
            return new KafkaCounters(perTopic);
        } catch (ExecutionException | TimeoutException e) {
            throw new IllegalStateException("cannot read the topics' end offsets", e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted", e);
        }
    }

    KafkaCounters since(KafkaCounters before) {
        Map<String, Long> delta = new LinkedHashMap<>();
        endOffsets.forEach((topic, offset) -> delta.put(topic, offset - before.endOffsets.getOrDefault(topic, 0L)));
        return new KafkaCounters(delta);
    }
}
