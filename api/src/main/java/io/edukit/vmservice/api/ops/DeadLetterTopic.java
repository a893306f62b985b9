package io.edukit.vmservice.api.ops;

import io.edukit.vmservice.api.problems.ProblemException;
import io.edukit.vmservice.api.problems.ProblemType;
import io.edukit.vmservice.schemas.Topics;
import org.apache.kafka.clients.consumer.Consumer;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.common.KafkaException;
import org.apache.kafka.common.PartitionInfo;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;
import org.apache.kafka.common.serialization.StringDeserializer;
import org.springframework.boot.kafka.autoconfigure.KafkaProperties;
import org.springframework.stereotype.Component;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * Reads {@link Topics#COMMANDS_DLT} with a consumer of its own for each call: assigned every
 * partition, sought from the beginning (or the newest {@link #LIMIT} of a longer partition), read
 * to the end offsets taken at the start, closed. It joins no group and commits nothing, so
 * reading changes nothing on the broker.
 */
@Component
class DeadLetterTopic {

    /** The most records a list (and a republish-all) reads: the newest ones. */
    static final int LIMIT = 1000;

    static final String TOPIC = Topics.COMMANDS_DLT;

    private final KafkaProperties kafka;
    private final OpsProperties properties;

    DeadLetterTopic(KafkaProperties kafka, OpsProperties properties) {
        this.kafka = kafka;
        this.properties = properties;
    }

    /** What was read, newest first, and whether older records were left unread. */
    record Read(List<ConsumerRecord<String, byte[]>> records, boolean capped) {
    }

    /** The newest {@link #LIMIT} records at most, newest (by timestamp) first. */
    Read newest() {
        Duration timeout = properties.deadLetterReadTimeout();
        Instant deadline = Instant.now().plus(timeout);
        try (Consumer<String, byte[]> consumer = consumer()) {
            List<TopicPartition> partitions = partitions(consumer, timeout);
            if (partitions.isEmpty()) {
                return new Read(List.of(), false);
            }
            consumer.assign(partitions);
            consumer.seekToBeginning(partitions);
            Map<TopicPartition, Long> begin = consumer.beginningOffsets(partitions, timeout);
            Map<TopicPartition, Long> end = consumer.endOffsets(partitions, timeout);
            boolean capped = false;
            Map<TopicPartition, Long> remaining = new HashMap<>();
            for (TopicPartition partition : partitions) {
                long from = begin.get(partition);
                long to = end.get(partition);
                if (to - from > LIMIT) {
                    consumer.seek(partition, to - LIMIT);
                    capped = true;
                }
                if (to > from) {
                    remaining.put(partition, to);
                }
            }
            List<ConsumerRecord<String, byte[]>> read = new ArrayList<>();
            while (!remaining.isEmpty()) {
                if (Instant.now().isAfter(deadline)) {
                    throw unreadable("reading it took longer than " + timeout, null);
                }
                for (ConsumerRecord<String, byte[]> record : consumer.poll(Duration.ofMillis(200))) {
                    Long to = remaining.get(new TopicPartition(record.topic(), record.partition()));
                    if (to != null && record.offset() < to) {
                        read.add(record);
                    }
                }
                remaining.entrySet().removeIf(e -> consumer.position(e.getKey(), timeout) >= e.getValue());
            }
            read.sort(Comparator.<ConsumerRecord<String, byte[]>>comparingLong(ConsumerRecord::timestamp).reversed()
                    .thenComparing(ConsumerRecord::partition)
                    .thenComparing(Comparator.<ConsumerRecord<String, byte[]>>comparingLong(ConsumerRecord::offset).reversed()));
            if (read.size() > LIMIT) {
                capped = true;
                read = read.subList(0, LIMIT);
            }
            return new Read(List.copyOf(read), capped);
        } catch (KafkaException e) {
            throw unreadable(e.getMessage(), e);
        }
    }

    /** One record, if the topic holds it. */
    Optional<ConsumerRecord<String, byte[]>> one(int partition, long offset) {
        Duration timeout = properties.deadLetterReadTimeout();
        Instant deadline = Instant.now().plus(timeout);
        try (Consumer<String, byte[]> consumer = consumer()) {
            TopicPartition place = new TopicPartition(TOPIC, partition);
            if (!partitions(consumer, timeout).contains(place) || offset < 0) {
                return Optional.empty();
            }
            List<TopicPartition> assigned = List.of(place);
            consumer.assign(assigned);
            long begin = consumer.beginningOffsets(assigned, timeout).get(place);
            long end = consumer.endOffsets(assigned, timeout).get(place);
            if (offset < begin || offset >= end) {
                return Optional.empty();
            }
            consumer.seek(place, offset);
            while (consumer.position(place, timeout) <= offset) {
                if (Instant.now().isAfter(deadline)) {
                    throw unreadable("reading it took longer than " + timeout, null);
                }
                for (ConsumerRecord<String, byte[]> record : consumer.poll(Duration.ofMillis(200))) {
                    if (record.offset() == offset) {
                        return Optional.of(record);
                    }
                    if (record.offset() > offset) {
                        return Optional.empty();
                    }
                }
            }
            return Optional.empty();
        } catch (KafkaException e) {
            throw unreadable(e.getMessage(), e);
        }
    }

    private static List<TopicPartition> partitions(Consumer<String, byte[]> consumer, Duration timeout) {
        List<PartitionInfo> infos = consumer.partitionsFor(TOPIC, timeout);
        return infos == null ? List.of() : infos.stream().map(info -> new TopicPartition(TOPIC, info.partition())).toList();
    }

    private Consumer<String, byte[]> consumer() {
        Map<String, Object> config = new HashMap<>(kafka.buildConsumerProperties());
        config.remove(ConsumerConfig.GROUP_ID_CONFIG);
        config.put(ConsumerConfig.ENABLE_AUTO_COMMIT_CONFIG, false);
        config.put(ConsumerConfig.ALLOW_AUTO_CREATE_TOPICS_CONFIG, false);
        config.put(ConsumerConfig.CLIENT_ID_CONFIG, "vmservice-api-dead-letters");
        int millis = (int) properties.deadLetterReadTimeout().toMillis();
        config.put(ConsumerConfig.DEFAULT_API_TIMEOUT_MS_CONFIG, millis);
        config.put(ConsumerConfig.REQUEST_TIMEOUT_MS_CONFIG, millis);
        return new KafkaConsumer<>(config, new StringDeserializer(), new ByteArrayDeserializer());
    }

    private static ProblemException unreadable(String why, @org.jspecify.annotations.Nullable Throwable cause) {
        ProblemException problem = new ProblemException(ProblemType.DEAD_LETTERS_UNREADABLE,
                "The dead-letter topic " + TOPIC + " could not be read: " + why + ". Try again.");
        if (cause != null) {
            problem.initCause(cause);
        }
        return problem;
    }
}
