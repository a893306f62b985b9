package io.edukit.vmservice.schemas;

import com.networknt.schema.Error;
import com.networknt.schema.Schema;
import com.networknt.schema.SchemaRegistry;
import com.networknt.schema.SchemaRegistryConfig;
import com.networknt.schema.SpecificationVersion;
import com.networknt.schema.regex.JoniRegularExpressionFactory;
import tools.jackson.core.JacksonException;
import tools.jackson.databind.DeserializationFeature;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;
import tools.jackson.databind.cfg.DateTimeFeature;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.util.List;
import java.util.Map;

/**
 * Reads and writes commands and events as JSON, checking each against its JSON Schema both
 * ways: nothing invalid is published, and nothing invalid is acted on. Thread-safe.
 */
public final class MessageCodec {

    static final Map<String, String> COMMAND_SCHEMAS = Map.of(
            VmRequested.TYPE, "vm-requested",
            VmDeletionRequested.TYPE, "vm-deletion-requested",
            VmReplayRequested.TYPE, "vm-replay-requested");
    static final String EVENT_SCHEMA = "vm-status-changed";

    private final JsonMapper mapper = JsonMapper.builder()
            .disable(DateTimeFeature.WRITE_DATES_AS_TIMESTAMPS)
            .disable(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES)
            .build();
    private final Map<String, Schema> schemas;

    public MessageCodec() {
        SchemaRegistry registry = SchemaRegistry.withDefaultDialect(SpecificationVersion.DRAFT_2020_12,
                builder -> builder.schemaRegistryConfig(SchemaRegistryConfig.builder()
                        .regularExpressionFactory(JoniRegularExpressionFactory.getInstance())
                        .formatAssertionsEnabled(true)
                        .build()));
        this.schemas = Map.of(
                "vm-requested", load(registry, "vm-requested"),
                "vm-deletion-requested", load(registry, "vm-deletion-requested"),
                "vm-replay-requested", load(registry, "vm-replay-requested"),
                EVENT_SCHEMA, load(registry, EVENT_SCHEMA));
    }

    public byte[] encode(VmCommand command) {
        return encode(command, COMMAND_SCHEMAS.get(typeOf(command)));
    }

    public byte[] encode(VmStatusChanged event) {
        return encode(event, EVENT_SCHEMA);
    }

    public VmCommand decodeCommand(byte[] json) {
        JsonNode document = parse(json);
        String type = document.path("type").asString("");
        String schema = COMMAND_SCHEMAS.get(type);
        if (schema == null) {
            throw new InvalidMessageException("unknown command type '" + type + "'; expected one of "
                    + COMMAND_SCHEMAS.keySet().stream().sorted().toList(), List.of());
        }
        return convert(document, schema, VmCommand.class);
    }

    public VmStatusChanged decodeEvent(byte[] json) {
        return convert(parse(json), EVENT_SCHEMA, VmStatusChanged.class);
    }

    /** The schema violations of a document, empty when it is valid. */
    public List<String> violations(String schemaName, JsonNode document) {
        Schema schema = schemas.get(schemaName);
        if (schema == null) {
            throw new IllegalArgumentException("no schema named " + schemaName);
        }
        return schema.validate(document).stream().map(MessageCodec::describe).toList();
    }

    private byte[] encode(Object message, String schemaName) {
        JsonNode document = mapper.valueToTree(message);
        List<String> violations = violations(schemaName, document);
        if (!violations.isEmpty()) {
            throw new InvalidMessageException("refusing to write an invalid " + schemaName + " message", violations);
        }
        return mapper.writeValueAsBytes(document);
    }

    private <T> T convert(JsonNode document, String schemaName, Class<T> type) {
        List<String> violations = violations(schemaName, document);
        if (!violations.isEmpty()) {
            throw new InvalidMessageException(schemaName + " message breaks its schema", violations);
        }
        try {
            return mapper.treeToValue(document, type);
        } catch (JacksonException e) {
            throw new InvalidMessageException(schemaName + " message cannot be read: " + e.getOriginalMessage(), List.of());
        }
    }

    private JsonNode parse(byte[] json) {
        try {
            JsonNode document = mapper.readTree(json);
            if (document == null || !document.isObject()) {
                throw new InvalidMessageException("message is not a JSON object", List.of());
            }
            return document;
        } catch (JacksonException e) {
            throw new InvalidMessageException("message is not JSON: " + e.getOriginalMessage(), List.of());
        }
    }

    private static String typeOf(VmCommand command) {
        return switch (command) {
            case VmRequested ignored -> VmRequested.TYPE;
            case VmDeletionRequested ignored -> VmDeletionRequested.TYPE;
            case VmReplayRequested ignored -> VmReplayRequested.TYPE;
        };
    }

    private static String describe(Error error) {
        return error.getInstanceLocation() + ": " + error.getMessage();
    }

    private static Schema load(SchemaRegistry registry, String name) {
        String resource = "/schemas/v1/" + name + ".schema.json";
        try (InputStream in = MessageCodec.class.getResourceAsStream(resource)) {
            if (in == null) {
                throw new IllegalStateException("missing " + resource);
            }
            return registry.getSchema(in);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
