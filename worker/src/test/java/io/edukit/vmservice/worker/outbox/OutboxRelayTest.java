package io.edukit.vmservice.worker.outbox;

import io.cloudevents.CloudEvent;
import io.cloudevents.core.message.MessageReader;
import io.cloudevents.kafka.KafkaMessageFactory;
import io.edukit.vmservice.schemas.CloudEventHeaders;
import io.edukit.vmservice.schemas.MessageCodec;
import io.edukit.vmservice.schemas.Topics;
import io.edukit.vmservice.schemas.VmStatus;
import io.edukit.vmservice.schemas.VmStatusChanged;
import io.edukit.vmservice.testsupport.KafkaProbe;
import io.edukit.vmservice.worker.support.WorkerTest;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.kafka.test.EmbeddedKafkaBroker;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.kafka.core.KafkaTemplate;
import org.springframework.transaction.support.TransactionTemplate;

import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.stream.IntStream;
import java.util.stream.LongStream;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

@WorkerTest
class OutboxRelayTest {

    static final int VMS = 12;
    static final int EVENTS_PER_VM = 25;

    @Autowired
    OutboxRelay relay;
    @Autowired
    Outbox outbox;
    @Autowired
    TransactionTemplate transactions;
    @Autowired
    JdbcClient jdbc;
    @Autowired
    MessageCodec codec;
    @Autowired
    KafkaTemplate<String, byte[]> kafka;
    @Autowired
    OutboxProperties properties;
    /** This context's own broker: another context's @EmbeddedKafka rewrites the global broker.getBrokersAsString() property. */
    @Autowired
    EmbeddedKafkaBroker broker;

    @Test
    void aRelayRestartedMidwayLosesAndReordersNothing() {
        relay.stop();
        List<UUID> vms = IntStream.range(0, VMS).mapToObj(i -> UUID.randomUUID()).toList();
        for (int sequence = 1; sequence <= EVENTS_PER_VM; sequence++) {
            for (UUID vm : vms) {
                long seq = sequence;
                transactions.executeWithoutResult(tx -> outbox.append(List.of(anEvent(vm, seq))));
            }
        }
        int total = VMS * EVENTS_PER_VM;

        try (KafkaProbe subscriber = new KafkaProbe(broker.getBrokersAsString(), Topics.VM_EVENTS)) {
            relayBatches(3);
            assertThat(unsent()).as("stopped mid-way").isBetween(1L, (long) total - 1);

            relay.start();
            List<ConsumerRecord<String, byte[]>> records = subscriber.readUntil(
                    read -> distinctIds(ofVms(read, vms)).size() >= total, Duration.ofSeconds(60));

            assertInOrderPerVm(ofVms(records, vms));
        }
        await().untilAsserted(() -> assertThat(unsent()).isZero());
    }

    @Test
    void twoReplicasRelayingAtOnceKeepEachVmsEventsInOrder() throws Exception {
        OutboxRelay secondReplica = new OutboxRelay(jdbc, transactions, kafka, properties);
        List<UUID> vms = IntStream.range(0, VMS).mapToObj(i -> UUID.randomUUID()).toList();

        try (KafkaProbe subscriber = new KafkaProbe(broker.getBrokersAsString(), Topics.VM_EVENTS)) {
            secondReplica.start();
            try (ExecutorService writers = Executors.newFixedThreadPool(4)) {
                for (UUID vm : vms) {
                    writers.submit(() -> {
                        for (long sequence = 1; sequence <= EVENTS_PER_VM; sequence++) {
                            long seq = sequence;
                            transactions.executeWithoutResult(tx -> outbox.append(List.of(anEvent(vm, seq))));
                        }
                    });
                }
            }
            List<ConsumerRecord<String, byte[]>> records = subscriber.readUntil(
                    read -> distinctIds(ofVms(read, vms)).size() >= VMS * EVENTS_PER_VM, Duration.ofSeconds(60));

            assertInOrderPerVm(ofVms(records, vms));
        } finally {
            secondReplica.stop();
        }
    }

    @Test
    void eachEventIsABinaryModeCloudEventKeyedByItsVm() {
        UUID vm = UUID.randomUUID();
        VmStatusChanged sent = anEvent(vm, 1);

        try (KafkaProbe subscriber = new KafkaProbe(broker.getBrokersAsString(), Topics.VM_EVENTS)) {
            transactions.executeWithoutResult(tx -> outbox.append(List.of(sent)));
            ConsumerRecord<String, byte[]> record = subscriber.readUntil(
                    read -> read.stream().anyMatch(r -> vm.toString().equals(r.key())), Duration.ofSeconds(30))
                    .stream().filter(r -> vm.toString().equals(r.key())).findFirst().orElseThrow();

            assertThat(record.headers()).extracting(h -> h.key()).as("the headers the AsyncAPI document lists")
                    .containsExactlyInAnyOrderElementsOf(CloudEventHeaders.ALL);
            assertThat(header(record, "ce_specversion")).isEqualTo("1.0");
            assertThat(header(record, "ce_type")).isEqualTo("edukit.vmservice.vm.status-changed.v1");
            assertThat(header(record, "ce_source")).isEqualTo("urn:edukit:vmservice");
            assertThat(header(record, "ce_subject")).isEqualTo(vm.toString());
            assertThat(header(record, "ce_sequence")).isEqualTo("0000000000000000001");
            assertThat(header(record, "ce_time")).isEqualTo("2026-11-23T09:00:01Z");
            assertThat(header(record, "content-type")).isEqualTo("application/json");
            assertThat(UUID.fromString(header(record, "ce_id"))).isNotNull();
            assertThat(codec.decodeEvent(record.value())).isEqualTo(sent);
        }
    }

    /** After dropping redeliveries (same ce_id), every VM has sequences 1..N in order. */
    private static void assertInOrderPerVm(List<ConsumerRecord<String, byte[]>> records) {
        Map<String, List<Long>> sequencesByVm = new LinkedHashMap<>();
        Set<String> seen = new HashSet<>();
        for (ConsumerRecord<String, byte[]> record : records) {
            CloudEvent event = cloudEvent(record);
            if (seen.add(event.getId())) {
                sequencesByVm.computeIfAbsent(record.key(), k -> new ArrayList<>())
                        .add(Long.parseLong(String.valueOf(event.getExtension("sequence"))));
            }
        }
        List<Long> inOrder = LongStream.rangeClosed(1, EVENTS_PER_VM).boxed().toList();
        assertThat(sequencesByVm).hasSize(VMS);
        sequencesByVm.forEach((vm, sequences) -> assertThat(sequences).as("events of VM %s", vm).isEqualTo(inOrder));
    }

    private void relayBatches(int batches) {
        for (int i = 0; i < batches; i++) {
            relay.relayBatch();
        }
    }

    private long unsent() {
        return jdbc.sql("select count(*) from outbox_event where sent_at is null").query(Long.class).single();
    }

    private static VmStatusChanged anEvent(UUID vm, long sequence) {
        return new VmStatusChanged(vm, sequence, sequence == 1 ? VmStatus.REQUESTED : VmStatus.PROVISIONING,
                sequence == 1 ? null : VmStatus.REQUESTED, null, null, sequence == 1 ? null : 0, null, null, null,
                List.of(), "ws-1", "alice", "net-101", Instant.parse("2026-11-23T09:00:00Z").plusSeconds(sequence));
    }

    private static List<ConsumerRecord<String, byte[]>> ofVms(List<ConsumerRecord<String, byte[]>> records, List<UUID> vms) {
        Set<String> keys = new HashSet<>();
        vms.forEach(vm -> keys.add(vm.toString()));
        return records.stream().filter(record -> keys.contains(record.key())).toList();
    }

    private static Set<String> distinctIds(List<ConsumerRecord<String, byte[]>> records) {
        Set<String> ids = new HashSet<>();
        records.forEach(record -> ids.add(header(record, "ce_id")));
        return ids;
    }

    private static CloudEvent cloudEvent(ConsumerRecord<String, byte[]> record) {
        MessageReader reader = KafkaMessageFactory.createReader(record);
        return reader.toEvent();
    }

    private static String header(ConsumerRecord<String, byte[]> record, String name) {
        return new String(record.headers().lastHeader(name).value(), StandardCharsets.UTF_8);
    }
}
