package io.edukit.vmservice.testsupport;

import org.apache.kafka.clients.consumer.Consumer;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.Producer;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;
import org.apache.kafka.common.serialization.ByteArraySerializer;
import org.apache.kafka.common.serialization.StringDeserializer;
import org.apache.kafka.common.serialization.StringSerializer;
import org.springframework.kafka.test.utils.KafkaTestUtils;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.function.Predicate;

/** Sends raw records and reads a topic from its start, as an outside producer and subscriber would. */
public final class KafkaProbe implements AutoCloseable {

    private final Producer<String, byte[]> producer;
    private final Consumer<String, byte[]> consumer;
    private final String topic;

    public KafkaProbe(String brokers, String topic) {
        this.producer = new KafkaProducer<>(KafkaTestUtils.producerProps(brokers), new StringSerializer(), new ByteArraySerializer());
        Map<String, Object> consumerProps = KafkaTestUtils.consumerProps(brokers, "probe-" + UUID.randomUUID(), false);
        consumerProps.put("auto.offset.reset", "earliest");
        this.consumer = new KafkaConsumer<>(consumerProps, new StringDeserializer(), new ByteArrayDeserializer());
        consumer.subscribe(List.of(topic));
        this.topic = topic;
    }

    public void send(String topic, String key, byte[] value) throws Exception {
        send(new ProducerRecord<>(topic, key, value));
    }

    /** Sends a record as given, with its headers, and waits for the broker's acknowledgement. */
    public void send(ProducerRecord<String, byte[]> record) throws Exception {
        producer.send(record).get();
    }

    /** Polls until {@code done} holds for what was read so far, or fails after the timeout. */
    public List<ConsumerRecord<String, byte[]>> readUntil(Predicate<List<ConsumerRecord<String, byte[]>>> done, Duration timeout) {
        List<ConsumerRecord<String, byte[]>> read = new ArrayList<>();
        Instant deadline = Instant.now().plus(timeout);
        while (!done.test(read)) {
            if (Instant.now().isAfter(deadline)) {
                throw new AssertionError("gave up after " + timeout + " with " + read.size() + " records read");
            }
            consumer.poll(Duration.ofMillis(200)).forEach(read::add);
        }
        return read;
    }

    /**
     * What this probe has not read yet of all the topic holds now, read to its end: for checking
     * that what a call published before it answered does not hold something. Unlike a window, it
     * cannot end before this probe has joined its group and caught up.
     */
    public List<ConsumerRecord<String, byte[]>> readToEnd(Duration timeout) {
        Map<TopicPartition, Long> end = consumer.endOffsets(consumer.partitionsFor(topic).stream()
                .map(partition -> new TopicPartition(topic, partition.partition())).toList());
        return readUntil(read -> consumer.assignment().containsAll(end.keySet())
                && end.entrySet().stream().allMatch(partition -> consumer.position(partition.getKey()) >= partition.getValue()), timeout);
    }

    /** Everything that arrives within the window: for checking that nothing more comes. */
    public List<ConsumerRecord<String, byte[]>> readFor(Duration window) {
        List<ConsumerRecord<String, byte[]>> read = new ArrayList<>();
        Instant end = Instant.now().plus(window);
        while (Instant.now().isBefore(end)) {
            consumer.poll(Duration.ofMillis(200)).forEach(read::add);
        }
        return read;
    }

    @Override
    public void close() {
        producer.close();
        consumer.close();
    }
}
