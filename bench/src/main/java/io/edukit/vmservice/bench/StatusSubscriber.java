package io.edukit.vmservice.bench;

import io.edukit.vmservice.schemas.ProvisioningStep;
import io.edukit.vmservice.schemas.Topics;
import io.edukit.vmservice.schemas.VmStatus;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.ConsumerRecords;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;
import org.apache.kafka.common.serialization.StringDeserializer;
import org.jspecify.annotations.Nullable;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;

/**
 * A subscriber on the status topic, as an EduKit service would be one: it reads every partition
 * from where the topic ended when it started, and records when each VM's events arrive. It reads
 * only the few fields it needs (no schema validation), so that it costs the machine little.
 * It also keeps how long each event took from the worker's state change ({@code occurredAt}) to
 * here: the outbox relay and Kafka.
 */
final class StatusSubscriber implements AutoCloseable {

    private final KafkaConsumer<String, byte[]> consumer;
    private final VmTimelines timelines;
    private final JsonMapper json = JsonMapper.builder().build();
    private final List<Double> deliveryMillis = new ArrayList<>();
    private final Thread thread;
    private volatile boolean stopping;
    private volatile long events;
    private volatile long foreign;

    private StatusSubscriber(KafkaConsumer<String, byte[]> consumer, VmTimelines timelines) {
        this.consumer = consumer;
        this.timelines = timelines;
        this.thread = Thread.ofPlatform().name("bench-status-subscriber").daemon().unstarted(this::loop);
    }

    /** Subscribed from the topic's current end: the events of this run only. */
    static StatusSubscriber start(String bootstrapServers, VmTimelines timelines) {
        KafkaConsumer<String, byte[]> consumer = new KafkaConsumer<>(Map.of(
                ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrapServers,
                ConsumerConfig.ENABLE_AUTO_COMMIT_CONFIG, false,
                ConsumerConfig.CLIENT_ID_CONFIG, "bench-status-subscriber"),
                new StringDeserializer(), new ByteArrayDeserializer());
        List<TopicPartition> partitions = consumer.partitionsFor(Topics.VM_EVENTS, Duration.ofSeconds(30)).stream()
                .map(info -> new TopicPartition(info.topic(), info.partition())).toList();
        consumer.assign(partitions);
        consumer.seekToEnd(partitions);
        partitions.forEach(consumer::position);
        StatusSubscriber subscriber = new StatusSubscriber(consumer, timelines);
        subscriber.thread.start();
        return subscriber;
    }

    private void loop() {
        while (!stopping) {
            ConsumerRecords<String, byte[]> records = consumer.poll(Duration.ofMillis(100));
            long arrived = System.nanoTime();
            Instant arrivedAt = Instant.now();
            for (ConsumerRecord<String, byte[]> record : records) {
                events++;
                apply(record, arrived, arrivedAt);
            }
        }
        consumer.close(Duration.ofSeconds(2));
    }

    private void apply(ConsumerRecord<String, byte[]> record, long arrived, Instant arrivedAt) {
        VmTimeline vm = record.key() == null ? null : timelines.find(UUID.fromString(record.key())).orElse(null);
        if (vm == null) {
            foreign++;
            return;
        }
        JsonNode event = json.readTree(record.value());
        VmStatus status = VmStatus.valueOf(event.path("status").asString());
        String step = event.path("step").asString(null);
        Stage stage = Stage.of(status, step == null ? null : ProvisioningStep.valueOf(step));
        if (stage == null) {
            return;
        }
        Instant occurred = Instant.parse(event.path("occurredAt").asString());
        synchronized (deliveryMillis) {
            deliveryMillis.add(Duration.between(occurred, arrivedAt).toNanos() / 1e6);
        }
        timelines.arrived(vm, stage, arrived, intOrNull(event.get("proxmoxVmid")), textOrNull(event.get("node")),
                textOrNull(event.get("reason")));
    }

    private static @Nullable Integer intOrNull(@Nullable JsonNode node) {
        return node == null || node.isNull() ? null : node.asInt();
    }

    private static @Nullable String textOrNull(@Nullable JsonNode node) {
        return node == null || node.isNull() ? null : node.asString();
    }

    /** Status events read, this run's VMs' and others'. */
    long events() {
        return events;
    }

    /** How long each event took from the worker's state change to this subscriber, in milliseconds. */
    double[] deliveryMillis() {
        synchronized (deliveryMillis) {
            return deliveryMillis.stream().mapToDouble(Double::doubleValue).toArray();
        }
    }

    @Override
    public void close() throws InterruptedException {
        stopping = true;
        thread.join(5000);
    }
}
