package io.edukit.vmservice.worker.commands;

import io.edukit.vmservice.schemas.MessageCodec;
import io.edukit.vmservice.schemas.Topics;
import io.edukit.vmservice.schemas.VmDeletionRequested;
import io.edukit.vmservice.schemas.VmRequested;
import io.edukit.vmservice.schemas.VmStatus;
import io.edukit.vmservice.testsupport.KafkaProbe;
import io.edukit.vmservice.worker.support.WorkerTest;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.kafka.test.EmbeddedKafkaBroker;
import org.springframework.dao.QueryTimeoutException;
import org.springframework.jdbc.CannotGetJdbcConnectionException;
import org.springframework.jdbc.core.simple.JdbcClient;

import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.UUID;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

@WorkerTest
class CommandConsumptionTest {

    /** The listener's first join of its group on a fresh broker can take most of Awaitility's default 10 s. */
    static final Duration APPLIED = Duration.ofSeconds(30);
    static final String KEY = "ssh-ed25519 AAAAC3NzaC1lZDI1NTE5AAAAIKeDl/ezd7h4zxP2a4Ms4QFlxmRwD8OdeQaOCyEaCoX/ student@edukit";

    @Autowired
    JdbcClient jdbc;
    @Autowired
    MessageCodec codec;
    /** This context's own broker: another context's @EmbeddedKafka rewrites the global broker.getBrokersAsString() property. */
    @Autowired
    EmbeddedKafkaBroker broker;

    KafkaProbe dlt;

    @BeforeEach
    void openProbe() {
        dlt = new KafkaProbe(broker.getBrokersAsString(), Topics.COMMANDS_DLT);
    }

    @AfterEach
    void closeProbe() {
        dlt.close();
    }

    static VmRequested aRequest(UUID vmId) {
        return new VmRequested(UUID.randomUUID(), vmId, Instant.now(), "lab-portal", "debian-12",
                "ws-" + vmId.toString().substring(0, 8), 2, 2048, 20, List.of(KEY), "alice", "net-101", List.of());
    }

    @Test
    void aRequestedVmIsRecordedAsRequestedWithOneEvent() throws Exception {
        VmRequested request = aRequest(UUID.randomUUID());

        send(request.vmId(), codec.encode(request));

        await().atMost(APPLIED).untilAsserted(() -> assertThat(status(request.vmId())).isEqualTo("REQUESTED"));
        assertThat(outboxSequences(request.vmId())).containsExactly(1L);
    }

    @Test
    void aRedeliveredCommandChangesNothing() throws Exception {
        VmRequested request = aRequest(UUID.randomUUID());
        VmDeletionRequested deletion = new VmDeletionRequested(UUID.randomUUID(), request.vmId(), Instant.now(), "lab-portal");

        send(request.vmId(), codec.encode(request));
        send(request.vmId(), codec.encode(request));
        send(request.vmId(), codec.encode(deletion));
        send(request.vmId(), codec.encode(deletion));

        await().atMost(APPLIED).untilAsserted(() -> assertThat(processedCommands(request.vmId())).isEqualTo(2));
        assertThat(status(request.vmId())).isEqualTo("DELETING");
        assertThat(outboxSequences(request.vmId())).as("one event per command, none per redelivery").containsExactly(1L, 2L);
    }

    @Test
    void aMalformedRecordEndsInTheDltWithItsReasonAndTheNextCommandOnItsPartitionIsStillApplied() throws Exception {
        VmRequested next = aRequest(UUID.randomUUID());

        send(next.vmId(), "{not json".getBytes(StandardCharsets.UTF_8));
        send(next.vmId(), codec.encode(next));

        ConsumerRecord<String, byte[]> dead = deadLetterFor(next.vmId());
        assertThat(new String(dead.value(), StandardCharsets.UTF_8)).isEqualTo("{not json");
        assertThat(reason(dead)).startsWith("message is not JSON");
        await().atMost(APPLIED).untilAsserted(() -> assertThat(status(next.vmId())).isEqualTo("REQUESTED"));
    }

    @Test
    void aRequestForAnImageOutsideTheCatalogEndsInTheDlt() throws Exception {
        VmRequested plan9 = forImage("plan9", Instant.now());

        send(plan9.vmId(), codec.encode(plan9));

        assertThat(reason(deadLetterFor(plan9.vmId()))).contains("OS image 'plan9', which is not an active image");
        assertThat(status(plan9.vmId())).isNull();
    }

    @Test
    void aRequestMadeBeforeItsImageWasDeactivatedStillBecomesAJobOneMadeAfterEndsInTheDlt() throws Exception {
        jdbc.sql("""
                insert into os_image (name, proxmox_template_id, node, storage, architecture, min_disk_size_gb, min_ram_mb,
                                      active, deactivated_at)
                values ('retired-os', '9001', 'pve4', 'local-lvm', 'x86_64', 4, 512, false, now())""").update();
        VmRequested before = forImage("retired-os", Instant.now().minus(Duration.ofMinutes(1)));
        VmRequested after = forImage("retired-os", Instant.now().plus(Duration.ofMinutes(1)));

        send(before.vmId(), codec.encode(before));
        send(after.vmId(), codec.encode(after));

        assertThat(reason(deadLetterFor(after.vmId()))).contains("OS image 'retired-os', which is not an active image");
        await().atMost(APPLIED).untilAsserted(() -> assertThat(status(before.vmId())).isEqualTo("REQUESTED"));
        assertThat(status(after.vmId())).isNull();
    }

    private static VmRequested forImage(String image, Instant requestedAt) {
        VmRequested request = aRequest(UUID.randomUUID());
        return new VmRequested(request.commandId(), request.vmId(), requestedAt, request.requestedBy(), image,
                request.hostname(), 2, 2048, 20, request.sshPublicKeys(), "alice", "net-101", List.of());
    }

    @Test
    void onlyAnUnreachableDatabaseIsWaitedForWithoutLimit() {
        assertThat(CommandConsumerConfiguration.databaseAway(new RuntimeException(
                new CannotGetJdbcConnectionException("Failed to obtain JDBC Connection")))).isTrue();
        assertThat(CommandConsumerConfiguration.databaseAway(new QueryTimeoutException("canceling statement"))).isTrue();
        assertThat(CommandConsumerConfiguration.databaseAway(new IllegalStateException("a bug"))).isFalse();
    }

    @Test
    void aCommandBreakingItsSchemaEndsInTheDltNamingTheViolation() throws Exception {
        UUID vmId = UUID.randomUUID();
        String document = new String(codec.encode(aRequest(vmId)), StandardCharsets.UTF_8).replace("\"cores\":2", "\"cores\":640");

        send(vmId, document.getBytes(StandardCharsets.UTF_8));

        assertThat(reason(deadLetterFor(vmId))).contains("/cores");
        assertThat(status(vmId)).isNull();
    }

    @Test
    void deletingAVmThatWasNeverRequestedEndsInTheDlt() throws Exception {
        UUID vmId = UUID.randomUUID();

        send(vmId, codec.encode(new VmDeletionRequested(UUID.randomUUID(), vmId, Instant.now(), "lab-portal")));

        assertThat(reason(deadLetterFor(vmId))).contains("which has no job");
    }

    @Test
    void deletingARequestedVmMarksItDeletingWithTheNextSequence() throws Exception {
        VmRequested request = aRequest(UUID.randomUUID());
        send(request.vmId(), codec.encode(request));
        VmDeletionRequested deletion = new VmDeletionRequested(UUID.randomUUID(), request.vmId(), Instant.now(), "lab-portal");

        send(request.vmId(), codec.encode(deletion));

        await().atMost(APPLIED).untilAsserted(() -> assertThat(status(request.vmId())).isEqualTo(VmStatus.DELETING.name()));
        assertThat(outboxSequences(request.vmId())).containsExactly(1L, 2L);
    }

    private void send(UUID vmId, byte[] value) throws Exception {
        dlt.send(Topics.COMMANDS, vmId.toString(), value);
    }

    private ConsumerRecord<String, byte[]> deadLetterFor(UUID vmId) {
        List<ConsumerRecord<String, byte[]>> read = dlt.readUntil(
                records -> records.stream().anyMatch(r -> vmId.toString().equals(r.key())), Duration.ofSeconds(30));
        return read.stream().filter(r -> vmId.toString().equals(r.key())).findFirst().orElseThrow();
    }

    private static String reason(ConsumerRecord<String, byte[]> record) {
        return new String(record.headers().lastHeader(CommandConsumerConfiguration.REASON_HEADER).value(), StandardCharsets.UTF_8);
    }

    private String status(UUID vmId) {
        return jdbc.sql("select status from vm_job where vm_id = ?").param(vmId).query(String.class).optional().orElse(null);
    }

    private long processedCommands(UUID vmId) {
        return jdbc.sql("select count(*) from processed_command where vm_id = ?").param(vmId).query(Long.class).single();
    }

    private List<Long> outboxSequences(UUID vmId) {
        return jdbc.sql("select sequence from outbox_event where vm_id = ? order by id").param(vmId).query(Long.class).list();
    }
}
