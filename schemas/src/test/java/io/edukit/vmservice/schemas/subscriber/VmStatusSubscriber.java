package io.edukit.vmservice.schemas.subscriber;

// The Java example of the README's "Subscribing to VM status", line for line (SubscriberExampleTest
// checks that the README's lines are all here, and runs this class against a MockConsumer).

import org.apache.kafka.clients.consumer.*;
import org.apache.kafka.common.serialization.*;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.*;

class VmStatusSubscriber {
    final Map<String, Long> lastSequence = new HashMap<>(); // per VM id: the last event applied
    final Set<String> seenEventIds = new HashSet<>();       // ce_id of the events applied

    void run(String bootstrapServers) {
        Properties config = new Properties();
        config.put(ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrapServers);
        config.put(ConsumerConfig.GROUP_ID_CONFIG, "my-service.vm-status"); // your own group
        config.put(ConsumerConfig.AUTO_OFFSET_RESET_CONFIG, "earliest");
        config.put(ConsumerConfig.ENABLE_AUTO_COMMIT_CONFIG, "false");
        try (Consumer<String, byte[]> consumer =
                     new KafkaConsumer<>(config, new StringDeserializer(), new ByteArrayDeserializer())) {
            consumer.subscribe(List.of("vmservice.vm-events.v1"));
            while (!Thread.currentThread().isInterrupted()) {
                pollOnce(consumer);
            }
        }
    }

    void pollOnce(Consumer<String, byte[]> consumer) {
        for (ConsumerRecord<String, byte[]> record : consumer.poll(Duration.ofSeconds(1))) {
            String vmId = record.key();                                  // = ce_subject
            String eventId = header(record, "ce_id");
            long sequence = Long.parseLong(header(record, "ce_sequence")); // 1, 2, 3, … per VM
            if (!seenEventIds.add(eventId) || sequence <= lastSequence.getOrDefault(vmId, 0L)) {
                continue;                          // a redelivery, or older than what we applied
            }
            lastSequence.put(vmId, sequence);
            onStatus(vmId, new String(record.value(), StandardCharsets.UTF_8));
        }
        consumer.commitSync();                     // after applying: at least once, end to end
    }

    void onStatus(String vmId, String json) {
        // The VmStatusChanged JSON: status, step, reason, ipAddresses, … (ignore unknown fields)
    }

    static String header(ConsumerRecord<?, ?> record, String name) {
        return new String(record.headers().lastHeader(name).value(), StandardCharsets.UTF_8);
    }
}
