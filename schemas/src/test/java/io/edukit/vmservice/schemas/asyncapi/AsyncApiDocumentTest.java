package io.edukit.vmservice.schemas.asyncapi;

import com.networknt.schema.Schema;
import com.networknt.schema.SchemaRegistry;
import com.networknt.schema.SpecificationVersion;
import io.cloudevents.CloudEvent;
import io.cloudevents.core.builder.CloudEventBuilder;
import io.cloudevents.kafka.KafkaMessageFactory;
import io.edukit.vmservice.schemas.CloudEventHeaders;
import io.edukit.vmservice.schemas.MessageCodec;
import io.edukit.vmservice.schemas.ProvisioningStep;
import io.edukit.vmservice.schemas.Topics;
import io.edukit.vmservice.schemas.VmDeletionRequested;
import io.edukit.vmservice.schemas.VmReplayRequested;
import io.edukit.vmservice.schemas.VmRequested;
import io.edukit.vmservice.schemas.VmStatus;
import io.edukit.vmservice.schemas.VmStatusChanged;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.header.Header;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;
import org.junit.jupiter.params.provider.ValueSource;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.node.ArrayNode;
import tools.jackson.databind.node.ObjectNode;

import java.io.IOException;
import java.io.InputStream;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.ArrayDeque;
import java.util.Arrays;
import java.util.HashMap;
import java.util.HashSet;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.UUID;
import java.util.stream.Collectors;
import java.util.stream.Stream;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The AsyncAPI document is valid AsyncAPI 3.0.0 by the official JSON Schema, names payload
 * schemas that exist and that the golden documents and its own examples pass, lists the
 * CloudEvents headers the relay writes, and agrees with the Java contract (topics, types, states).
 */
class AsyncApiDocumentTest {

    static final String OFFICIAL_SCHEMA_SHA256 = "d4571a420e6ffb7fcc7066c95a6db1202f299a3c51daa103d0706bf30f95e626";

    static Schema official;
    static AsyncApiDocument document;
    final MessageCodec codec = new MessageCodec();

    @BeforeAll
    static void load() {
        official = AsyncApiDocument.officialSchema();
        document = AsyncApiDocument.load();
    }

    // --- (a) valid AsyncAPI 3.0.0 -------------------------------------------------------------

    @Test
    void theOfficialSchemaIsTheUnmodifiedCopyOfTheNpmPackage() throws Exception {
        try (InputStream in = AsyncApiDocumentTest.class.getResourceAsStream(AsyncApiDocument.OFFICIAL_SCHEMA)) {
            byte[] bytes = in.readAllBytes();
            assertThat(HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(bytes)))
                    .isEqualTo(OFFICIAL_SCHEMA_SHA256);
        }
    }

    @Test
    void theDocumentIsValidAsyncApi300() {
        assertThat(document.root.path("asyncapi").asString()).isEqualTo("3.0.0");
        assertThat(AsyncApiDocument.violations(official, document.root)).isEmpty();
    }

    /** The payload schemas inlined, as a bundler would: each must be a valid AsyncAPI Schema Object too. */
    @Test
    void theDocumentWithItsPayloadSchemasInlinedIsValidAsyncApi300() {
        ObjectNode bundled = document.copy();
        bundled.path("components").path("messages").values().forEach(message -> {
            JsonNode payload = message.path("payload");
            if (payload.has("$ref") && !payload.get("$ref").asString().startsWith("#")) {
                ((ObjectNode) message).set("payload",
                        AsyncApiDocument.readJson(document.referencedFile(payload.get("$ref").asString())));
            }
        });
        assertThat(bundled.toString()).doesNotContain(".schema.json\"}");

        assertThat(AsyncApiDocument.violations(official, bundled)).isEmpty();
    }

    /** The validation is live: documents that break AsyncAPI 3.0.0 in typical ways are refused. */
    @ParameterizedTest(name = "{0}")
    @ValueSource(strings = {
            "an AsyncAPI 2 document|/asyncapi|\"2.6.0\"",
            "no info|/info|",
            "an operation with the AsyncAPI 2 action 'publish'|/operations/publishVmStatusChanged/action|\"publish\"",
            "a channel with a v2 'subscribe'|/channels/vmEvents/subscribe|{\"message\":{}}",
            "an unknown Kafka channel binding field|/channels/vmEvents/bindings/kafka/partitionCount|12",
            "a message with a misspelt field|/components/messages/VmStatusChanged/contenttype|\"application/json\"",
            "an operation without a channel|/operations/applyCommand/channel|",
            "a server without a protocol|/servers/kafka/protocol|",
            "a payload schema with an unknown type|/components/messages/VmStatusChanged/payload|{\"type\":\"objekt\"}"
    })
    void aDocumentBreakingAsyncApi300IsRefused(String testCase) {
        String[] parts = testCase.split("\\|", 3);
        ObjectNode broken = document.copy();
        String path = parts[1];
        ObjectNode parent = (ObjectNode) broken.at(path.substring(0, path.lastIndexOf('/')));
        String field = path.substring(path.lastIndexOf('/') + 1);
        if (parts[2].isEmpty()) {
            assertThat(parent.remove(field)).as("the field to remove exists").isNotNull();
        } else {
            parent.set(field, AsyncApiDocument.JSON.readTree(parts[2]));
        }

        assertThat(AsyncApiDocument.violations(official, broken)).isNotEmpty();
    }

    // --- (b) payloads by reference, goldens and examples ---------------------------------------

    @Test
    void everyPayloadReferenceResolvesAndEverySchemaFileIsReferenced() throws IOException {
        Set<String> referenced = new TreeSet<>();
        document.messages().forEach((name, message) -> {
            JsonNode payload = message.path("payload");
            if (name.equals("DeadLetteredCommand")) {
                assertThat(payload.has("$ref")).as("a dead letter is any bytes").isFalse();
                return;
            }
            String ref = payload.path("$ref").asString();
            assertThat(ref).as(name + "'s payload is a reference to a JSON Schema file").endsWith(".schema.json");
            Path file = document.referencedFile(ref);
            assertThat(file).as(name + "'s payload " + ref).isRegularFile();
            assertThat(AsyncApiDocument.readJson(file).path("title").asString()).as("the title of " + ref).isEqualTo(name);
            referenced.add(file.getFileName().toString());
        });

        Path v1 = document.referencedFile("../schemas/v1/");
        try (Stream<Path> files = Files.list(v1)) {
            assertThat(referenced).containsExactlyElementsOf(
                    files.map(f -> f.getFileName().toString()).filter(f -> f.endsWith(".schema.json")).sorted().toList());
        }
    }

    static Stream<String> goldenDocuments() throws Exception {
        URI golden = AsyncApiDocumentTest.class.getResource("/golden/").toURI();
        try (Stream<Path> files = Files.list(Path.of(golden))) {
            List<String> names = files.map(f -> f.getFileName().toString()).filter(f -> f.endsWith(".json")).sorted().toList();
            assertThat(names).hasSizeGreaterThanOrEqualTo(5);
            return names.stream();
        }
    }

    /**
     * A golden document is the message whose payload schema file its name begins with
     * ({@code vm-status-changed-failed.json} → {@code vm-status-changed.schema.json}); it passes
     * that schema (through {@link MessageCodec}) and no other message's.
     */
    @ParameterizedTest
    @MethodSource("goldenDocuments")
    void everyGoldenDocumentValidatesAgainstTheSchemaItsMessageNames(String golden) throws IOException {
        JsonNode goldenDocument;
        try (InputStream in = AsyncApiDocumentTest.class.getResourceAsStream("/golden/" + golden)) {
            goldenDocument = AsyncApiDocument.JSON.readTree(in);
        }
        Map<String, String> schemaByMessage = new HashMap<>();
        document.messages().forEach((name, message) -> {
            if (message.path("payload").has("$ref")) {
                schemaByMessage.put(name, AsyncApiDocument.schemaName(message.path("payload").path("$ref").asString()));
            }
        });
        String message = schemaByMessage.entrySet().stream()
                .filter(e -> golden.startsWith(e.getValue()))
                .max((a, b) -> Integer.compare(a.getValue().length(), b.getValue().length()))
                .map(Map.Entry::getKey)
                .orElseThrow(() -> new AssertionError(golden + " names no message's schema"));

        assertThat(codec.violations(schemaByMessage.get(message), goldenDocument)).as(golden + " as " + message).isEmpty();
        schemaByMessage.forEach((other, schema) -> {
            if (!other.equals(message)) {
                assertThat(codec.violations(schema, goldenDocument)).as(golden + " is no " + other).isNotEmpty();
            }
        });
    }

    @Test
    void everyStatusEventExampleOfTheDocumentPassesItsPayloadSchemaAndHeaders() {
        JsonNode message = document.messages().get("VmStatusChanged");
        Schema headers = draft7(document.resolveLocal(message.path("headers")));
        String schema = AsyncApiDocument.schemaName(message.path("payload").path("$ref").asString());
        Set<String> statuses = new HashSet<>();
        for (JsonNode example : message.path("examples").values()) {
            String name = example.path("name").asString();
            JsonNode payload = example.path("payload");
            assertThat(codec.violations(schema, payload)).as(name).isEmpty();
            assertThat(AsyncApiDocument.violations(headers, example.path("headers"))).as(name).isEmpty();
            assertThat(CloudEventHeaders.parseSequence(example.path("headers").path(CloudEventHeaders.SEQUENCE).asString()))
                    .as(name).isEqualTo(codec.decodeEvent(AsyncApiDocument.JSON.writeValueAsBytes(payload)).sequence());
            assertThat(example.path("headers").path(CloudEventHeaders.SUBJECT).asString()).as(name).isEqualTo(payload.path("vmId").asString());
            assertThat(example.path("headers").path(CloudEventHeaders.TIME).asString()).as(name).isEqualTo(payload.path("occurredAt").asString());
            statuses.add(payload.path("status").asString());
        }
        assertThat(statuses).contains("REQUESTED", "PROVISIONING", "RUNNING", "FAILED", "DELETED");
        document.messages().forEach((name, other) -> {
            if (!other.equals(message)) {
                assertThat(other.has("examples")).as(name + " has examples this test does not check").isFalse();
            }
        });
    }

    @Test
    void theReplayExampleIsWhatAReplayEmits() {
        Map<String, JsonNode> examples = new HashMap<>();
        document.messages().get("VmStatusChanged").path("examples").values()
                .forEach(e -> examples.put(e.path("name").asString(), e.path("payload")));
        JsonNode failed = examples.get("failed");
        JsonNode replayed = examples.get("replayed");

        assertThat(replayed.path("previousStatus").asString()).isEqualTo("FAILED");
        assertThat(replayed.path("status").asString()).isEqualTo("PROVISIONING");
        assertThat(replayed.path("step").asString()).isEqualTo(failed.path("step").asString());
        assertThat(replayed.path("attempts").asInt()).isZero();
        assertThat(replayed.path("sequence").asLong()).isEqualTo(failed.path("sequence").asLong() + 1);
        assertThat(replayed.has("reason")).isFalse();
        assertThat(replayed.has("retryable")).isFalse();
    }

    @Test
    void aPayloadBreakingItsSchemaIsCaught() {
        ObjectNode payload = (ObjectNode) document.messages().get("VmStatusChanged").path("examples").get(0).path("payload").deepCopy();
        payload.put("status", "EXPLODED");

        assertThat(codec.violations("vm-status-changed", payload)).anySatisfy(v -> assertThat(v).contains("status"));
    }

    // --- (c) the CloudEvents headers the relay writes ------------------------------------------

    @Test
    void theDocumentListsExactlyTheCloudEventHeadersOfTheContract() {
        JsonNode headers = document.resolveLocal(document.messages().get("VmStatusChanged").path("headers"));

        assertThat(strings(headers.path("required"))).containsExactlyElementsOf(CloudEventHeaders.ALL);
        assertThat(headers.path("properties").propertyNames()).as("the CloudEvents headers, then the optional trace context")
                .containsExactlyElementsOf(Stream.concat(CloudEventHeaders.ALL.stream(), Stream.of(CloudEventHeaders.TRACEPARENT)).toList());
        assertThat(headers.at("/properties/ce_type/const").asString()).isEqualTo(VmStatusChanged.CLOUD_EVENT_TYPE);
        assertThat(headers.at("/properties/ce_source/const").asString()).isEqualTo(VmStatusChanged.CLOUD_EVENT_SOURCE);
        assertThat(headers.at("/properties/ce_specversion/const").asString()).isEqualTo(CloudEventHeaders.SPEC_VERSION_1_0);
        assertThat(headers.at("/properties/content-type/const").asString()).isEqualTo(CloudEventHeaders.JSON);
        assertThat(headers.at("/properties/ce_sequence/pattern").asString())
                .isEqualTo("^[0-9]{" + CloudEventHeaders.SEQUENCE_DIGITS + "}$");
    }

    /**
     * A status event built the way the worker's outbox relay builds it (CloudEvents SDK, binary
     * mode, {@code PendingEvent.toRecord}) carries exactly {@link CloudEventHeaders#ALL}, and its
     * headers pass the document's header schema.
     */
    @Test
    void aRecordWrittenAsTheRelayWritesItCarriesExactlyTheDocumentedHeaders() {
        UUID vm = UUID.fromString("5f0c8a9e-2b1d-3f4a-8c7e-6d5b4a3c2b1a");
        VmStatusChanged changed = new VmStatusChanged(vm, 12, VmStatus.PROVISIONING, VmStatus.PROVISIONING,
                ProvisioningStep.STARTING, null, 0, null, "pve4", 100017, List.of(), "ws-alice-01", "alice", "net-101",
                Instant.parse("2026-11-23T09:16:02.125Z"));
        CloudEvent event = CloudEventBuilder.v1()
                .withId(UUID.randomUUID().toString())
                .withType(VmStatusChanged.CLOUD_EVENT_TYPE)
                .withSource(URI.create(VmStatusChanged.CLOUD_EVENT_SOURCE))
                .withSubject(vm.toString())
                .withTime(changed.occurredAt().atOffset(ZoneOffset.UTC))
                .withExtension("sequence", CloudEventHeaders.sequence(changed.sequence()))
                .withData(CloudEventHeaders.JSON, codec.encode(changed))
                .build();
        ProducerRecord<String, byte[]> record = KafkaMessageFactory.createWriter(Topics.VM_EVENTS, vm.toString()).writeBinary(event);

        ObjectNode headers = AsyncApiDocument.JSON.createObjectNode();
        for (Header header : record.headers()) {
            headers.put(header.key(), new String(header.value(), StandardCharsets.UTF_8));
        }
        assertThat(headers.propertyNames()).containsExactlyInAnyOrderElementsOf(CloudEventHeaders.ALL);
        assertThat(AsyncApiDocument.violations(
                draft7(document.resolveLocal(document.messages().get("VmStatusChanged").path("headers"))), headers)).isEmpty();
        assertThat(headers.path(CloudEventHeaders.SEQUENCE).asString()).isEqualTo("0000000000000000012");
        assertThat(record.key()).isEqualTo(headers.path(CloudEventHeaders.SUBJECT).asString());
        assertThat(codec.decodeEvent(record.value())).isEqualTo(changed);
    }

    // --- the document agrees with the Java contract --------------------------------------------

    @Test
    void channelsMessagesAndKeysAgreeWithTheJavaContract() {
        String commands = document.channelOf(Topics.COMMANDS);
        String deadLetters = document.channelOf(Topics.COMMANDS_DLT);
        String events = document.channelOf(Topics.VM_EVENTS);

        assertThat(document.messagesOf(commands)).extracting(m -> m.path("name").asString())
                .containsExactlyInAnyOrder(VmRequested.TYPE, VmDeletionRequested.TYPE, VmReplayRequested.TYPE);
        assertThat(document.messagesOf(events)).extracting(m -> m.path("name").asString()).containsExactly("VmStatusChanged");
        assertThat(strings(document.resolveLocal(document.messagesOf(deadLetters).getFirst().path("headers")).path("required")))
                .containsExactly(Topics.DLT_REASON_HEADER);
        for (String channel : List.of(commands, deadLetters, events)) {
            assertThat(document.root.path("channels").path(channel).at("/bindings/kafka/topic").asString())
                    .isEqualTo(document.root.path("channels").path(channel).path("address").asString());
        }
        // The discriminator: each command's schema fixes its "type" to the message's name.
        for (JsonNode command : document.messagesOf(commands)) {
            JsonNode schema = AsyncApiDocument.readJson(document.referencedFile(command.path("payload").path("$ref").asString()));
            assertThat(schema.at("/properties/type/const").asString()).isEqualTo(command.path("name").asString());
        }
        // Keyed by VM id, every one of the VM's records; ce_subject is the VM id too.
        String vmId = AsyncApiDocument.readJson(document.referencedFile("../schemas/v1/vm-status-changed.schema.json"))
                .at("/properties/vmId/pattern").asString();
        assertThat(vmId).isNotEmpty();
        for (String channel : List.of(commands, events)) {
            for (JsonNode message : document.messagesOf(channel)) {
                assertThat(message.at("/bindings/kafka/key/pattern").asString()).as(message.path("name").asString()).isEqualTo(vmId);
            }
        }
        assertThat(document.resolveLocal(document.messagesOf(events).getFirst().path("headers"))
                .at("/properties/ce_subject/pattern").asString()).isEqualTo(vmId);
    }

    /**
     * The state machine: every status and step of the Java contract and no other, DELETED the
     * only terminal state, every state reachable from REQUESTED, and DELETED reachable from every state.
     */
    @Test
    void theStateMachineCoversEveryStatusAndStepAndDeletedIsTheOnlyTerminalState() {
        JsonNode machine = document.root.path("x-vmservice-state-machine");
        Map<String, Set<String>> next = new HashMap<>();
        for (JsonNode transition : machine.path("transitions").values()) {
            next.computeIfAbsent(transition.path("from").asString(), k -> new HashSet<>()).add(transition.path("to").asString());
            assertThat(transition.path("when").asString()).isNotBlank();
        }
        Set<String> states = new HashSet<>(next.keySet());
        next.values().forEach(states::addAll);
        Set<String> terminal = new HashSet<>(strings(machine.path("terminal")));

        assertThat(states).containsExactlyInAnyOrderElementsOf(names(VmStatus.values()));
        assertThat(strings(machine.path("steps"))).containsExactlyElementsOf(names(ProvisioningStep.values()));
        assertThat(machine.path("initial").asString()).isEqualTo(VmStatus.REQUESTED.name());
        assertThat(terminal).containsExactly(VmStatus.DELETED.name());
        assertThat(next).doesNotContainKey(VmStatus.DELETED.name());
        assertThat(reachable(next, VmStatus.REQUESTED.name())).containsExactlyInAnyOrderElementsOf(states);
        for (String state : states) {
            assertThat(reachable(next, state)).as("DELETED from " + state).contains(VmStatus.DELETED.name());
        }
        // A replay leaves FAILED for PROVISIONING (a step failed) or DELETING (the deletion failed).
        assertThat(next.get(VmStatus.FAILED.name())).containsExactlyInAnyOrder("PROVISIONING", "DELETING");
        // The payload's status enum is the same set.
        JsonNode schema = AsyncApiDocument.readJson(document.referencedFile("../schemas/v1/vm-status-changed.schema.json"));
        assertThat(strings(schema.at("/$defs/status/enum"))).containsExactlyInAnyOrderElementsOf(states);
        assertThat(strings(schema.at("/properties/step/enum"))).containsExactlyElementsOf(names(ProvisioningStep.values()));
    }

    private static Schema draft7(JsonNode schema) {
        return SchemaRegistry.withDefaultDialect(SpecificationVersion.DRAFT_7).getSchema(schema);
    }

    private static List<String> strings(JsonNode array) {
        assertThat(array).isInstanceOf(ArrayNode.class);
        return array.values().stream().map(JsonNode::asString).toList();
    }

    private static List<String> names(Enum<?>[] values) {
        return Arrays.stream(values).map(Enum::name).collect(Collectors.toList());
    }

    private static Set<String> reachable(Map<String, Set<String>> next, String from) {
        Set<String> seen = new HashSet<>(Set.of(from));
        ArrayDeque<String> todo = new ArrayDeque<>(List.of(from));
        while (!todo.isEmpty()) {
            for (String to : next.getOrDefault(todo.pop(), Set.of())) {
                if (seen.add(to)) {
                    todo.push(to);
                }
            }
        }
        return seen;
    }
}
