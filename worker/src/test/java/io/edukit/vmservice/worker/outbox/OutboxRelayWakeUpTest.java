package io.edukit.vmservice.worker.outbox;

import io.edukit.vmservice.schemas.Topics;
import io.edukit.vmservice.schemas.VmStatus;
import io.edukit.vmservice.schemas.VmStatusChanged;
import io.edukit.vmservice.testsupport.KafkaProbe;
import io.edukit.vmservice.worker.support.WorkerTest;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.kafka.test.EmbeddedKafkaBroker;
import org.springframework.test.context.TestPropertySource;
import org.springframework.transaction.support.TransactionTemplate;

import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.UUID;

import static org.assertj.core.api.Assertions.assertThat;

/** With a poll far too slow to explain it, an event still leaves as soon as its transaction commits. */
@WorkerTest
@TestPropertySource(properties = "vmservice.outbox.poll-interval=60s")
class OutboxRelayWakeUpTest {

    @Autowired
    Outbox outbox;
    @Autowired
    TransactionTemplate transactions;
    /** This context's own broker: another context's @EmbeddedKafka rewrites the global broker.getBrokersAsString() property. */
    @Autowired
    EmbeddedKafkaBroker broker;

    @Test
    void aCommittedEventWakesTheRelay() {
        UUID vm = UUID.randomUUID();
        try (KafkaProbe subscriber = new KafkaProbe(broker.getBrokersAsString(), Topics.VM_EVENTS)) {
            transactions.executeWithoutResult(tx -> outbox.append(List.of(new VmStatusChanged(vm, 1, VmStatus.REQUESTED,
                    null, null, null, null, null, null, null, List.of(), "ws-1", "alice", "net-101", Instant.now()))));

            assertThat(subscriber.readUntil(read -> read.stream().anyMatch(r -> vm.toString().equals(r.key())),
                    Duration.ofSeconds(15))).isNotEmpty();
        }
    }
}
