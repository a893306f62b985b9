package io.edukit.vmservice.worker.workflow;

import io.edukit.vmservice.schemas.MessageCodec;
import io.edukit.vmservice.schemas.Topics;
import io.edukit.vmservice.schemas.VmCommand;
import io.edukit.vmservice.schemas.VmDeletionRequested;
import io.edukit.vmservice.schemas.VmReplayRequested;
import io.edukit.vmservice.schemas.VmRequested;
import io.edukit.vmservice.schemas.VmStatusChanged;
import io.edukit.vmservice.testsupport.KafkaProbe;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.jspecify.annotations.Nullable;
import org.springframework.jdbc.core.simple.JdbcClient;

import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.Collection;
import java.util.List;
import java.util.UUID;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/** Sends commands as the API does, and reads what the worker made of them from its database. */
final class Jobs implements AutoCloseable {

    static final String KEY = "ssh-ed25519 AAAAC3NzaC1lZDI1NTE5AAAAIKeDl/ezd7h4zxP2a4Ms4QFlxmRwD8OdeQaOCyEaCoX/ student@edukit";

    private final JdbcClient jdbc;
    private final MessageCodec codec;
    private final KafkaProbe commands;

    Jobs(JdbcClient jdbc, MessageCodec codec, String brokers) {
        this.jdbc = jdbc;
        this.codec = codec;
        this.commands = new KafkaProbe(brokers, Topics.COMMANDS);
    }

    static VmRequested aRequest() {
        UUID vmId = UUID.randomUUID();
        return new VmRequested(UUID.randomUUID(), vmId, Instant.now(), "lab-portal", "debian-12",
                "ws-" + vmId.toString().substring(0, 8), 2, 2048, 20, List.of(KEY), "alice", "net-101", List.of("git"));
    }

    VmRequested request() {
        VmRequested request = aRequest();
        send(request);
        return request;
    }

    void send(VmCommand command) {
        send(new ProducerRecord<>(Topics.COMMANDS, command.vmId().toString(), codec.encode(command)));
    }

    /** Sends the command as the API does for a request that came with this W3C trace context. */
    void send(VmCommand command, String traceparent) {
        ProducerRecord<String, byte[]> record = new ProducerRecord<>(Topics.COMMANDS, command.vmId().toString(), codec.encode(command));
        record.headers().add("traceparent", traceparent.getBytes(StandardCharsets.US_ASCII));
        send(record);
    }

    private void send(ProducerRecord<String, byte[]> record) {
        try {
            commands.send(record);
        } catch (Exception e) {
            throw new IllegalStateException("cannot send the command for VM " + record.key(), e);
        }
    }

    void delete(UUID vmId) {
        send(new VmDeletionRequested(UUID.randomUUID(), vmId, Instant.now(), "lab-portal"));
    }

    void delete(UUID vmId, String traceparent) {
        send(new VmDeletionRequested(UUID.randomUUID(), vmId, Instant.now(), "lab-portal"), traceparent);
    }

    /** @return the replay command's id */
    UUID replay(UUID vmId) {
        VmReplayRequested replay = new VmReplayRequested(UUID.randomUUID(), vmId, Instant.now(), "ops");
        send(replay);
        return replay.commandId();
    }

    /** Whether the worker has applied the command (or found it changed nothing). */
    boolean applied(UUID commandId) {
        return jdbc.sql("select count(*) from processed_command where command_id = ?").param(commandId).query(Long.class).single() == 1;
    }

    @Nullable String status(UUID vmId) {
        return jdbc.sql("select status from vm_job where vm_id = ?").param(vmId).query(String.class).optional().orElse(null);
    }

    void awaitStatus(UUID vmId, String status, Duration within) {
        await().atMost(within).pollInterval(Duration.ofMillis(100))
                .untilAsserted(() -> assertThat(status(vmId)).as("status of VM %s", vmId).isEqualTo(status));
    }

    void awaitAll(Collection<UUID> vmIds, String status, Duration within) {
        await().atMost(within).pollInterval(Duration.ofMillis(250)).untilAsserted(() -> assertThat(
                jdbc.sql("select count(*) from vm_job where vm_id = any(?) and status = ?")
                        .params(vmIds.toArray(UUID[]::new), status).query(Long.class).single())
                .as("VMs %s, of %d", status, vmIds.size()).isEqualTo(vmIds.size()));
    }

    int vmid(UUID vmId) {
        return jdbc.sql("select proxmox_vmid from vm_job where vm_id = ?").param(vmId).query(Integer.class).single();
    }

    /** The VM's status events as the outbox holds them, by sequence. */
    List<VmStatusChanged> events(UUID vmId) {
        return jdbc.sql("select payload from outbox_event where vm_id = ? order by sequence").param(vmId)
                .query(String.class).list().stream()
                .map(payload -> codec.decodeEvent(payload.getBytes(StandardCharsets.UTF_8)))
                .toList();
    }

    /** The trace id of each of the VM's status events as the outbox holds them, by sequence: {@code STATUS trace-id}. */
    List<String> eventTraceIds(UUID vmId) {
        return jdbc.sql("select payload, trace_parent from outbox_event where vm_id = ? order by sequence").param(vmId)
                .query((rs, row) -> {
                    String traceparent = rs.getString("trace_parent");
                    return codec.decodeEvent(rs.getString("payload").getBytes(StandardCharsets.UTF_8)).status() + " "
                            + (traceparent == null ? "none" : traceparent.split("-")[1]);
                })
                .list();
    }

    /** Outcomes of the attempts at the VM's steps, oldest first, as {@code STEP:OUTCOME}. */
    List<String> history(UUID vmId) {
        return jdbc.sql("select step || ':' || outcome from vm_job_attempt where vm_id = ? order by id").param(vmId)
                .query(String.class).list();
    }

    /**
     * For each attempt after the VM's first, whether it began in the transaction that ended the one
     * before: its start is that transaction's time, the other's end.
     */
    List<Boolean> attemptsBegunAsThePreviousEnded(UUID vmId) {
        return jdbc.sql("""
                        select started_at = previous_end from (
                            select id, started_at, lag(ended_at) over (order by id) as previous_end
                            from vm_job_attempt where vm_id = ?) attempts
                        where previous_end is not null order by id""")
                .param(vmId).query(Boolean.class).list();
    }

    long attemptsWithOutcome(Collection<UUID> vmIds, String outcome) {
        return jdbc.sql("select count(*) from vm_job_attempt where vm_id = any(?) and outcome = ?")
                .params(vmIds.toArray(UUID[]::new), outcome).query(Long.class).single();
    }

    @Override
    public void close() {
        commands.close();
    }
}
