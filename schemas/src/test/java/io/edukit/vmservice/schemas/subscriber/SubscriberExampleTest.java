package io.edukit.vmservice.schemas.subscriber;

import io.edukit.vmservice.schemas.CloudEventHeaders;
import io.edukit.vmservice.schemas.MessageCodec;
import io.edukit.vmservice.schemas.ProvisioningStep;
import io.edukit.vmservice.schemas.Topics;
import io.edukit.vmservice.schemas.VmStatus;
import io.edukit.vmservice.schemas.VmStatusChanged;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.MockConsumer;
import org.apache.kafka.clients.consumer.OffsetAndMetadata;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.header.internals.RecordHeaders;
import org.apache.kafka.common.record.TimestampType;
import org.junit.jupiter.api.Test;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.UUID;

import static org.assertj.core.api.Assertions.assertThat;

/** The README's subscriber example: it is the code of {@link VmStatusSubscriber}, and it does what the README says. */
class SubscriberExampleTest {

    static final UUID VM_A = UUID.fromString("5f0c8a9e-2b1d-3f4a-8c7e-6d5b4a3c2b1a");
    static final UUID VM_B = UUID.fromString("0e1d2c3b-4a59-3687-9a5b-4c3d2e1f0a9b");
    static final TopicPartition P0 = new TopicPartition(Topics.VM_EVENTS, 0);
    static final TopicPartition P1 = new TopicPartition(Topics.VM_EVENTS, 1);

    final MessageCodec codec = new MessageCodec();
    final MockConsumer<String, byte[]> consumer = new MockConsumer<>("earliest");
    final List<String> applied = new ArrayList<>();
    final VmStatusSubscriber subscriber = new VmStatusSubscriber() {
        @Override
        void onStatus(String vmId, String json) {
            VmStatusChanged event = codec.decodeEvent(json.getBytes(StandardCharsets.UTF_8));
            assertThat(event.vmId().toString()).isEqualTo(vmId);
            applied.add(vmId.substring(0, 4) + "#" + event.sequence() + " " + event.status());
        }
    };
    long[] offsets = new long[2];

    @Test
    void appliesEachEventOnceAndNeverGoesBackToAnOlderOne() {
        consumer.subscribe(List.of(Topics.VM_EVENTS));
        consumer.rebalance(List.of(P0, P1));
        consumer.updateBeginningOffsets(Map.of(P0, 0L, P1, 0L));
        UUID a1 = UUID.randomUUID();
        UUID a2 = UUID.randomUUID();
        send(P0, VM_A, a1, 1, VmStatus.REQUESTED);
        send(P0, VM_A, a2, 2, VmStatus.PROVISIONING);
        send(P0, VM_A, a1, 1, VmStatus.REQUESTED);      // the relay sent its batch again
        send(P0, VM_A, a2, 2, VmStatus.PROVISIONING);
        send(P0, VM_A, UUID.randomUUID(), 3, VmStatus.PROVISIONING);
        send(P1, VM_B, UUID.randomUUID(), 1, VmStatus.REQUESTED);
        send(P1, VM_A, UUID.randomUUID(), 5, VmStatus.RUNNING);  // after the partitions were raised, VM A moved

        subscriber.pollOnce(consumer);
        send(P0, VM_A, UUID.randomUUID(), 4, VmStatus.PROVISIONING); // read late: older than #5
        send(P1, VM_B, UUID.randomUUID(), 2, VmStatus.PROVISIONING);
        subscriber.pollOnce(consumer);

        assertThat(applied.stream().filter(a -> a.startsWith("5f0c")))
                .containsExactly("5f0c#1 REQUESTED", "5f0c#2 PROVISIONING", "5f0c#3 PROVISIONING", "5f0c#5 RUNNING");
        assertThat(applied.stream().filter(a -> a.startsWith("0e1d")))
                .containsExactly("0e1d#1 REQUESTED", "0e1d#2 PROVISIONING");
        assertThat(subscriber.lastSequence).containsEntry(VM_A.toString(), 5L).containsEntry(VM_B.toString(), 2L);
        assertThat(consumer.committed(Set.of(P0, P1)))
                .containsEntry(P0, new OffsetAndMetadata(6))
                .containsEntry(P1, new OffsetAndMetadata(3));
    }

    /** The README's Java block, line by line and in order, is this module's VmStatusSubscriber. */
    @Test
    void theReadmeExampleIsTheCodeThatThisTestRuns() throws IOException {
        List<String> readme = Files.readAllLines(Path.of("..", "README.md"));
        int section = readme.indexOf("## Subscribing to VM status");
        assertThat(section).as("README section").isNotNegative();
        int start = section;
        while (!readme.get(start).equals("```java")) {
            assertThat(readme.get(++start)).as("a ```java block in the section").doesNotStartWith("## ");
        }
        List<String> example = new ArrayList<>();
        for (int i = start + 1; !readme.get(i).equals("```"); i++) {
            if (!readme.get(i).isBlank()) {
                example.add(readme.get(i).strip());
            }
        }
        List<String> source = Files.readAllLines(
                Path.of("src/test/java/io/edukit/vmservice/schemas/subscriber/VmStatusSubscriber.java")).stream()
                .map(String::strip).toList();

        assertThat(example).hasSizeGreaterThan(20);
        int at = 0;
        for (String line : example) {
            int found = source.subList(at, source.size()).indexOf(line);
            assertThat(found).as("README line, in VmStatusSubscriber.java after line " + at + ": " + line).isNotNegative();
            at += found + 1;
        }
    }

    private void send(TopicPartition partition, UUID vm, UUID eventId, long sequence, VmStatus status) {
        Instant at = Instant.parse("2026-11-23T09:15:00Z").plusSeconds(sequence);
        VmStatusChanged event = new VmStatusChanged(vm, sequence, status, null,
                status == VmStatus.PROVISIONING ? ProvisioningStep.CLONING : null, null,
                status == VmStatus.PROVISIONING ? 0 : null, null, null, null,
                status == VmStatus.RUNNING ? List.of("10.20.0.17") : List.of(), "ws-01", "alice", "net-101", at);
        RecordHeaders headers = new RecordHeaders();
        header(headers, CloudEventHeaders.SPEC_VERSION, CloudEventHeaders.SPEC_VERSION_1_0);
        header(headers, CloudEventHeaders.ID, eventId.toString());
        header(headers, CloudEventHeaders.SOURCE, VmStatusChanged.CLOUD_EVENT_SOURCE);
        header(headers, CloudEventHeaders.TYPE, VmStatusChanged.CLOUD_EVENT_TYPE);
        header(headers, CloudEventHeaders.SUBJECT, vm.toString());
        header(headers, CloudEventHeaders.TIME, at.toString());
        header(headers, CloudEventHeaders.SEQUENCE, CloudEventHeaders.sequence(sequence));
        header(headers, CloudEventHeaders.CONTENT_TYPE, CloudEventHeaders.JSON);
        byte[] value = codec.encode(event);
        consumer.addRecord(new ConsumerRecord<>(partition.topic(), partition.partition(), offsets[partition.partition()]++,
                at.toEpochMilli(), TimestampType.CREATE_TIME, 36, value.length, vm.toString(), value, headers, Optional.empty()));
    }

    private static void header(RecordHeaders headers, String name, String value) {
        headers.add(name, value.getBytes(StandardCharsets.UTF_8));
    }
}
