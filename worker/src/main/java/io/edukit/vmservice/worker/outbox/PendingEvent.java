package io.edukit.vmservice.worker.outbox;

import io.cloudevents.CloudEvent;
import io.cloudevents.core.builder.CloudEventBuilder;
import io.cloudevents.kafka.KafkaMessageFactory;
import io.edukit.vmservice.schemas.CloudEventHeaders;
import io.edukit.vmservice.schemas.VmStatusChanged;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.jspecify.annotations.Nullable;

import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.UUID;

/**
 * An outbox row not yet sent, and the Kafka record that carries it as a binary-mode CloudEvent with
 * the headers the AsyncAPI document promises ({@link CloudEventHeaders}), and the W3C trace context
 * of the work that changed the VM's status.
 */
record PendingEvent(long id, UUID eventId, UUID vmId, long sequence, String payload, Instant occurredAt,
                    @Nullable String traceparent) {

    private static final URI SOURCE = URI.create(VmStatusChanged.CLOUD_EVENT_SOURCE);

    ProducerRecord<String, byte[]> toRecord(String topic) {
        CloudEvent event = CloudEventBuilder.v1()
                .withId(eventId.toString())
                .withType(VmStatusChanged.CLOUD_EVENT_TYPE)
                .withSource(SOURCE)
                .withSubject(vmId.toString())
                .withTime(occurredAt.atOffset(ZoneOffset.UTC))
                .withExtension("sequence", CloudEventHeaders.sequence(sequence))
                .withData(CloudEventHeaders.JSON, payload.getBytes(StandardCharsets.UTF_8))
                .build();
        ProducerRecord<String, byte[]> record = KafkaMessageFactory.createWriter(topic, vmId.toString()).writeBinary(event);
        if (traceparent != null) {
            record.headers().add(CloudEventHeaders.TRACEPARENT, traceparent.getBytes(StandardCharsets.US_ASCII));
        }
        return record;
    }
}
