package io.edukit.vmservice.schemas.asyncapi;

import com.networknt.schema.Schema;
import com.networknt.schema.SchemaLocation;
import com.networknt.schema.SchemaRegistry;
import com.networknt.schema.SpecificationVersion;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;
import tools.jackson.databind.node.ObjectNode;
import tools.jackson.dataformat.yaml.YAMLMapper;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.net.URI;
import java.net.URISyntaxException;
import java.net.URL;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Objects;

/** The AsyncAPI document of the schemas module, read as a test reads it: from the class path. */
final class AsyncApiDocument {

    static final String RESOURCE = "/asyncapi/vmservice.asyncapi.yaml";
    /** The official JSON Schema of AsyncAPI 3.0.0, a copy of {@code @asyncapi/specs}' (see its README). */
    static final String OFFICIAL_SCHEMA = "/asyncapi-spec/3.0.0.json";
    static final String OFFICIAL_SCHEMA_ID = "http://asyncapi.com/definitions/3.0.0/asyncapi.json";

    static final YAMLMapper YAML = YAMLMapper.builder().build();
    static final JsonMapper JSON = JsonMapper.builder().build();

    final URI location;
    final JsonNode root;

    private AsyncApiDocument(URI location, JsonNode root) {
        this.location = location;
        this.root = root;
    }

    static AsyncApiDocument load() {
        URL url = Objects.requireNonNull(AsyncApiDocument.class.getResource(RESOURCE), "missing " + RESOURCE);
        try (InputStream in = url.openStream()) {
            return new AsyncApiDocument(url.toURI(), YAML.readTree(in));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } catch (URISyntaxException e) {
            throw new IllegalStateException(e);
        }
    }

    /** A copy to break on purpose. */
    ObjectNode copy() {
        return (ObjectNode) root.deepCopy();
    }

    /**
     * The official schema, with every {@code $ref} of it resolved inside the file (each part carries
     * its own {@code $id}): nothing is fetched from the network, and a reference that only the network
     * could resolve fails the load.
     */
    static Schema officialSchema() {
        SchemaRegistry registry = SchemaRegistry.withDefaultDialect(SpecificationVersion.DRAFT_7,
                builder -> builder.schemaIdResolvers(ids -> ids.mapPrefix(OFFICIAL_SCHEMA_ID, "classpath:" + OFFICIAL_SCHEMA.substring(1))));
        Schema schema = registry.getSchema(SchemaLocation.of(OFFICIAL_SCHEMA_ID));
        schema.initializeValidators();
        return schema;
    }

    static List<String> violations(Schema schema, JsonNode document) {
        return schema.validate(document).stream()
                .map(error -> error.getInstanceLocation() + ": " + error.getMessage())
                .toList();
    }

    /** The node a local reference ({@code #/components/...}) points at, or the node itself when it is none. */
    JsonNode resolveLocal(JsonNode node) {
        JsonNode current = node;
        for (int hops = 0; current.has("$ref") && current.get("$ref").asString().startsWith("#/"); hops++) {
            if (hops > 16) {
                throw new IllegalStateException("reference cycle at " + node);
            }
            JsonNode target = root.at(current.get("$ref").asString().substring(1));
            if (target.isMissingNode()) {
                throw new IllegalStateException("unresolved reference " + current.get("$ref").asString());
            }
            current = target;
        }
        return current;
    }

    /** The messages of {@code components.messages}, by key. */
    Map<String, JsonNode> messages() {
        Map<String, JsonNode> messages = new java.util.LinkedHashMap<>();
        root.path("components").path("messages").properties().forEach(e -> messages.put(e.getKey(), e.getValue()));
        return messages;
    }

    /** The messages a channel carries, resolved. */
    List<JsonNode> messagesOf(String channel) {
        List<JsonNode> messages = new ArrayList<>();
        root.path("channels").path(channel).path("messages").values().forEach(m -> messages.add(resolveLocal(m)));
        return messages;
    }

    /** A channel key by its address (the topic). */
    String channelOf(String address) {
        return root.path("channels").properties().stream()
                .filter(e -> address.equals(e.getValue().path("address").asString()))
                .map(Map.Entry::getKey)
                .findFirst()
                .orElseThrow(() -> new AssertionError("no channel with address " + address));
    }

    /** Where an external payload reference points, relative to the document. */
    Path referencedFile(String ref) {
        return Path.of(location.resolve(ref));
    }

    /** The schema name {@link io.edukit.vmservice.schemas.MessageCodec} knows a referenced file by. */
    static String schemaName(String ref) {
        String file = ref.substring(ref.lastIndexOf('/') + 1);
        if (!file.endsWith(".schema.json")) {
            throw new IllegalArgumentException("not a JSON Schema file: " + ref);
        }
        return file.substring(0, file.length() - ".schema.json".length());
    }

    static JsonNode readJson(Path file) {
        try {
            return JSON.readTree(Files.readAllBytes(file));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
