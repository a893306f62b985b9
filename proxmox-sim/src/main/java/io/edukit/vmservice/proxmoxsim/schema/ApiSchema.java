package io.edukit.vmservice.proxmoxsim.schema;

import io.edukit.vmservice.proxmoxsim.ApiVersion;
import io.edukit.vmservice.proxmoxsim.Operation;
import io.edukit.vmservice.proxmoxsim.json.Json;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.util.EnumMap;
import java.util.HashMap;
import java.util.Map;
import tools.jackson.databind.JsonNode;

/**
 * The official parameter schema of the endpoints the simulator serves, from the bundled
 * {@code pve-api-subset.json} (see {@code SOURCE.md} beside it).
 */
public final class ApiSchema {

    private static final String RESOURCE = "/io/edukit/vmservice/proxmoxsim/schema/pve-api-subset.json";
    private static final Map<ApiVersion, ApiSchema> LOADED = new EnumMap<>(ApiVersion.class);

    private final Map<String, EndpointSchema> endpoints;

    private ApiSchema(Map<String, EndpointSchema> endpoints) {
        this.endpoints = Map.copyOf(endpoints);
    }

    /** The schema of one release; parsed once per JVM, since tests start many simulators. */
    public static synchronized ApiSchema of(ApiVersion version) {
        return LOADED.computeIfAbsent(version, v -> parse(readSubset().path(v.schemaKey())));
    }

    public EndpointSchema endpoint(Operation operation) {
        EndpointSchema schema = endpoints.get(operation.endpoint());
        if (schema == null) {
            throw new IllegalStateException("no schema for " + operation.endpoint());
        }
        return schema;
    }

    private static ApiSchema parse(JsonNode versionNode) {
        Map<String, EndpointSchema> result = new HashMap<>();
        for (Map.Entry<String, JsonNode> entry : versionNode.properties()) {
            String key = entry.getKey();
            int space = key.indexOf(' ');
            Map<String, ParamSchema> params = new HashMap<>();
            for (Map.Entry<String, JsonNode> p : entry.getValue().path("parameters").properties()) {
                params.put(p.getKey(), new ParamSchema(p.getValue()));
            }
            result.put(key, new EndpointSchema(key.substring(0, space), key.substring(space + 1), params));
        }
        return new ApiSchema(result);
    }

    private static JsonNode readSubset() {
        try (InputStream in = ApiSchema.class.getResourceAsStream(RESOURCE)) {
            if (in == null) {
                throw new IllegalStateException("missing resource " + RESOURCE);
            }
            return Json.MAPPER.readTree(in);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
