package io.edukit.vmservice.schemas;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;
import org.junit.jupiter.params.provider.ValueSource;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;
import tools.jackson.databind.node.ObjectNode;

import java.io.IOException;
import java.io.InputStream;
import java.time.Instant;
import java.util.List;
import java.util.UUID;
import java.util.stream.Stream;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class MessageContractTest {

    static final String STUDENT_KEY =
            "ssh-ed25519 AAAAC3NzaC1lZDI1NTE5AAAAIKeDl/ezd7h4zxP2a4Ms4QFlxmRwD8OdeQaOCyEaCoX/ student@edukit";
    static final UUID VM = UUID.fromString("5f0c8a9e-2b1d-3f4a-8c7e-6d5b4a3c2b1a");

    final MessageCodec codec = new MessageCodec();
    final JsonMapper json = JsonMapper.builder().build();

    static VmRequested aVmRequest() {
        return new VmRequested(UUID.randomUUID(), VM, Instant.parse("2026-11-23T09:15:00Z"), "lab-portal",
                "debian-12", "ws-alice-01", 2, 2048, 20, List.of(STUDENT_KEY), "alice", "net-101", List.of("git"));
    }

    static Stream<VmCommand> everyCommand() {
        Instant now = Instant.parse("2026-11-23T10:00:00.123456Z");
        return Stream.of(
                aVmRequest(),
                new VmDeletionRequested(UUID.randomUUID(), VM, now, "lab-portal"),
                new VmReplayRequested(UUID.randomUUID(), VM, now, "ops-console"));
    }

    static Stream<VmStatusChanged> everyKindOfEvent() {
        Instant at = Instant.parse("2026-11-23T09:15:01Z");
        return Stream.of(
                new VmStatusChanged(VM, 1, VmStatus.REQUESTED, null, null, null, null, null, null, null, List.of(), "ws-alice-01", "alice", "net-101", at),
                new VmStatusChanged(VM, 2, VmStatus.PROVISIONING, VmStatus.REQUESTED, ProvisioningStep.CLONING, null, 1, null, "pve4", null, List.of(), "ws-alice-01", "alice", "net-101", at),
                new VmStatusChanged(VM, 3, VmStatus.FAILED, VmStatus.PROVISIONING, ProvisioningStep.RESIZING_DISK, "no space left on local-lvm", 5, true, "pve4", 100017, List.of(), "ws-alice-01", "alice", "net-101", at),
                new VmStatusChanged(VM, 4, VmStatus.RUNNING, VmStatus.PROVISIONING, null, null, null, null, "pve4", 100017, List.of("10.20.0.17"), "ws-alice-01", "alice", "net-101", at));
    }

    @ParameterizedTest
    @MethodSource("everyCommand")
    void everyCommandSerialisesToJsonThatValidatesAgainstItsSchemaAndReadsBackEqual(VmCommand command) {
        byte[] encoded = codec.encode(command);

        JsonNode document = json.readTree(encoded);
        String schema = MessageCodec.COMMAND_SCHEMAS.get(document.get("type").asString());
        assertThat(codec.violations(schema, document)).isEmpty();
        assertThat(codec.decodeCommand(encoded)).isEqualTo(command);
    }

    @ParameterizedTest
    @MethodSource("everyKindOfEvent")
    void everyEventSerialisesToJsonThatValidatesAgainstItsSchemaAndReadsBackEqual(VmStatusChanged event) {
        byte[] encoded = codec.encode(event);

        JsonNode document = json.readTree(encoded);
        assertThat(codec.violations(MessageCodec.EVENT_SCHEMA, document)).isEmpty();
        assertThat(document.get("occurredAt").asString()).isEqualTo("2026-11-23T09:15:01Z");
        assertThat(document.has("reason")).isEqualTo(event.reason() != null);
        assertThat(codec.decodeEvent(encoded)).isEqualTo(event);
    }

    @Test
    void goldenVmRequestedDeserialises() throws IOException {
        VmCommand command = codec.decodeCommand(golden("vm-requested.json"));

        assertThat(command).isEqualTo(new VmRequested(
                UUID.fromString("0b7f1c3e-7d2a-3c55-9a61-1f0f5c2d7e10"), VM, Instant.parse("2026-11-23T09:15:00Z"),
                "lab-portal", "debian-12", "ws-alice-01", 2, 2048, 20, List.of(STUDENT_KEY), "alice", "net-101", List.of()));
    }

    @Test
    void goldenDeletionAndReplayDeserialise() throws IOException {
        assertThat(codec.decodeCommand(golden("vm-deletion-requested.json"))).isEqualTo(new VmDeletionRequested(
                UUID.fromString("a3d2c1b0-9f8e-3d7c-8b6a-5f4e3d2c1b0a"), VM, Instant.parse("2026-11-23T17:00:00Z"), "lab-portal"));
        assertThat(codec.decodeCommand(golden("vm-replay-requested.json"))).isEqualTo(new VmReplayRequested(
                UUID.fromString("c4b3a291-8e7d-4c6b-9a59-483726150fed"), VM, Instant.parse("2026-11-23T10:02:00Z"), "ops-console"));
    }

    @Test
    void goldenStatusEventsDeserialise() throws IOException {
        VmStatusChanged running = codec.decodeEvent(golden("vm-status-changed.json"));
        VmStatusChanged failed = codec.decodeEvent(golden("vm-status-changed-failed.json"));

        assertThat(running.status()).isEqualTo(VmStatus.RUNNING);
        assertThat(running.sequence()).isEqualTo(7);
        assertThat(running.ipAddresses()).containsExactly("10.20.0.17");
        assertThat(running.occurredAt()).isEqualTo(Instant.parse("2026-11-23T09:16:41.250Z"));
        assertThat(failed.step()).isEqualTo(ProvisioningStep.CLONING);
        assertThat(failed.retryable()).isFalse();
        assertThat(failed.reason()).contains("not a template");
    }

    @Test
    void fieldsAddedWithinTheVersionAreIgnoredByReaders() throws IOException {
        ObjectNode document = (ObjectNode) json.readTree(golden("vm-requested.json"));
        document.put("priority", "high");

        assertThat(codec.decodeCommand(json.writeValueAsBytes(document))).isInstanceOf(VmRequested.class);
    }

    @ParameterizedTest(name = "{0}")
    @ValueSource(strings = {
            "missing hostname|/hostname|",
            "cores is a string|/cores|\"two\"",
            "cores above the bound|/cores|65",
            "memory below the bound|/memoryMb|128",
            "hostname with a newline|/hostname|\"ws-alice\\n\"",
            "hostname with an underscore|/hostname|\"ws_alice\"",
            "hostname carrying YAML|/hostname|\"ws\\nruncmd: [reboot]\"",
            "key with options|/sshPublicKeys|[\"command=\\\"rm -rf /\\\" ssh-ed25519 AAAA\"]",
            "no keys|/sshPublicKeys|[]",
            "upper-case uuid|/vmId|\"5F0C8A9E-2B1D-3F4A-8C7E-6D5B4A3C2B1A\"",
            "timestamp that is no date|/requestedAt|\"yesterday\"",
            "owner with a space|/ownerId|\"alice bob\"",
            "package with shell characters|/packages|[\"git;reboot\"]"
    })
    void aVmRequestedBreakingItsSchemaIsRejectedWithTheReason(String testCase) throws IOException {
        String[] parts = testCase.split("\\|", 3);
        ObjectNode document = (ObjectNode) json.readTree(golden("vm-requested.json"));
        String field = parts[1].substring(1);
        if (parts[2].isEmpty()) {
            document.remove(field);
        } else {
            document.set(field, json.readTree(parts[2]));
        }

        assertThatThrownBy(() -> codec.decodeCommand(json.writeValueAsBytes(document)))
                .isInstanceOf(InvalidMessageException.class)
                .satisfies(e -> assertThat(((InvalidMessageException) e).violations())
                        .anySatisfy(violation -> assertThat(violation).contains(field)));
    }

    @ParameterizedTest
    @ValueSource(strings = {"not json", "[1,2]", "{\"type\":\"VmExploded\"}", "{}"})
    void somethingThatIsNoCommandIsRejected(String document) {
        assertThatThrownBy(() -> codec.decodeCommand(document.getBytes()))
                .isInstanceOf(InvalidMessageException.class)
                .hasMessageMatching("(?s).*(not JSON|not a JSON object|unknown command type).*");
    }

    @Test
    void anInvalidMessageIsNeverWritten() {
        VmRequested invalid = new VmRequested(UUID.randomUUID(), VM, Instant.now(), "lab-portal",
                "debian-12", "ws_alice", 2, 2048, 20, List.of(STUDENT_KEY), "alice", "net-101", List.of());

        assertThatThrownBy(() -> codec.encode(invalid))
                .isInstanceOf(InvalidMessageException.class)
                .hasMessageContaining("/hostname");
    }

    private static byte[] golden(String name) throws IOException {
        try (InputStream in = MessageContractTest.class.getResourceAsStream("/golden/" + name)) {
            assertThat(in).as(name).isNotNull();
            return in.readAllBytes();
        }
    }
}
