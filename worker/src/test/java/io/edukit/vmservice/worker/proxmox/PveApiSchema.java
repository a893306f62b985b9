package io.edukit.vmservice.worker.proxmox;

import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.regex.Pattern;

/**
 * The official PVE API schema (pve-docs' apidata, as in ../shared/reference) and a check of
 * one request against it, the way PVE's JSONSchema code checks parameters: every parameter
 * defined, of its type, within its enum, pattern, bounds and format; every required one given.
 * Written for the client's conformance test only: the simulator validates on its own.
 */
final class PveApiSchema {

    private static final JsonMapper JSON = JsonMapper.builder().build();
    private static final Pattern INDEXED = Pattern.compile("([a-z]+)(\\d+)");
    private static final Map<String, Pattern> STRING_FORMATS = Map.of(
            "pve-node", Pattern.compile("[a-zA-Z0-9]([a-zA-Z0-9-]*[a-zA-Z0-9])?"),
            "dns-name", Pattern.compile("([a-zA-Z0-9]([a-zA-Z0-9-]*[a-zA-Z0-9])?\\.)*[a-zA-Z0-9]([a-zA-Z0-9-]*[a-zA-Z0-9])?"),
            "pve-storage-id", Pattern.compile("(?i)[a-z][a-z0-9_.-]*[a-z0-9]"),
            "pve-configid", Pattern.compile("[a-zA-Z0-9_-]+"),
            "pve-tag-list", Pattern.compile("(?i)[a-z0-9_][a-z0-9_+.-]*([;, ][a-z0-9_][a-z0-9_+.-]*)*"),
            "pve-volume-id", Pattern.compile("[a-zA-Z][a-zA-Z0-9_.-]*:.+"),
            "pve-vmid", Pattern.compile("[1-9]\\d{2,8}"));
    private static final Map<String, List<String>> PROPERTY_STRING_FORMATS = Map.of(
            "pve-qm-cicustom", List.of("meta", "network", "user", "vendor"),
            "pve-qm-ipconfig", List.of("ip", "gw", "ip6", "gw6"));

    private record Endpoint(String method, String template, JsonNode parameters) {
    }

    private final String version;
    private final List<Endpoint> endpoints = new ArrayList<>();

    private PveApiSchema(String version, JsonNode tree) {
        this.version = version;
        index(tree);
    }

    static PveApiSchema load(Path file, String version) throws IOException {
        return new PveApiSchema(version, JSON.readTree(Files.readAllBytes(file)));
    }

    @Override
    public String toString() {
        return "PVE " + version;
    }

    /** The violations of one request, empty when PVE would accept its parameters. */
    List<String> violations(String method, String path, Map<String, String> parameters) {
        for (Endpoint endpoint : endpoints) {
            if (!endpoint.method().equals(method)) {
                continue;
            }
            Optional<Map<String, String>> pathParameters = match(endpoint.template(), path);
            if (pathParameters.isPresent()) {
                Map<String, String> all = new LinkedHashMap<>(pathParameters.get());
                all.putAll(parameters);
                return check(endpoint, all);
            }
        }
        return List.of("no " + method + " " + path + " in " + this);
    }

    private List<String> check(Endpoint endpoint, Map<String, String> parameters) {
        List<String> violations = new ArrayList<>();
        JsonNode properties = endpoint.parameters().path("properties");
        parameters.forEach((name, value) -> {
            JsonNode definition = definition(properties, name);
            if (definition == null) {
                violations.add(name + ": property is not defined in schema");
            } else {
                checkValue(name, value, definition, violations);
            }
        });
        properties.properties().forEach(entry -> {
            if (entry.getValue().path("optional").asInt(0) != 1 && !entry.getKey().contains("[n]")
                    && !parameters.containsKey(entry.getKey())) {
                violations.add(entry.getKey() + ": property is missing and it is not optional");
            }
        });
        return violations;
    }

    private static JsonNode definition(JsonNode properties, String name) {
        if (properties.has(name)) {
            return properties.get(name);
        }
        var indexed = INDEXED.matcher(name);
        return indexed.matches() ? properties.get(indexed.group(1) + "[n]") : null;
    }

    private static void checkValue(String name, String value, JsonNode definition, List<String> violations) {
        String type = definition.path("type").asString("string");
        switch (type) {
            case "integer" -> {
                if (!value.matches("-?\\d+")) {
                    violations.add(name + ": type check ('integer') failed - got '" + value + "'");
                    return;
                }
                checkBounds(name, Double.parseDouble(value), definition, violations);
            }
            case "number" -> {
                if (!value.matches("-?\\d+(\\.\\d+)?")) {
                    violations.add(name + ": type check ('number') failed - got '" + value + "'");
                    return;
                }
                checkBounds(name, Double.parseDouble(value), definition, violations);
            }
            case "boolean" -> {
                if (!value.matches("(?i)0|1|true|false|yes|no|on|off")) {
                    violations.add(name + ": type check ('boolean') failed - got '" + value + "'");
                }
            }
            default -> checkString(name, value, definition, violations);
        }
        if (definition.has("enum")) {
            List<String> allowed = new ArrayList<>();
            definition.get("enum").values().forEach(v -> allowed.add(v.asString()));
            if (!allowed.contains(value)) {
                violations.add(name + ": value '" + value + "' does not have a value in the enumeration " + allowed);
            }
        }
    }

    private static void checkString(String name, String value, JsonNode definition, List<String> violations) {
        if (definition.has("maxLength") && value.length() > definition.get("maxLength").asInt()) {
            violations.add(name + ": value may only be " + definition.get("maxLength").asInt() + " characters long");
        }
        if (definition.has("pattern") && !Pattern.compile(definition.get("pattern").asString()).matcher(value).matches()) {
            violations.add(name + ": value does not match the regex pattern " + definition.get("pattern").asString());
        }
        JsonNode format = definition.get("format");
        if (format == null) {
            return;
        }
        if (format.isObject()) {
            checkPropertyString(name, value, format, violations);
            return;
        }
        String formatName = format.asString();
        if (STRING_FORMATS.containsKey(formatName)) {
            if (!STRING_FORMATS.get(formatName).matcher(value).matches()) {
                violations.add(name + ": value does not look like a valid " + formatName);
            }
        } else if (PROPERTY_STRING_FORMATS.containsKey(formatName)) {
            for (String part : value.split(",")) {
                String key = part.contains("=") ? part.substring(0, part.indexOf('=')) : "";
                if (!PROPERTY_STRING_FORMATS.get(formatName).contains(key)) {
                    violations.add(name + ": '" + part + "' is not a key of " + formatName);
                }
            }
        } else {
            violations.add(name + ": format '" + formatName + "' is not known to this conformance check; teach it");
        }
    }

    /** A property string: {@code key=value,key=value}, where a bare value belongs to the default key. */
    private static void checkPropertyString(String name, String value, JsonNode format, List<String> violations) {
        String defaultKey = null;
        for (var entry : format.properties()) {
            if (entry.getValue().path("default_key").asInt(0) == 1) {
                defaultKey = entry.getKey();
            }
        }
        for (String part : value.split(",")) {
            int equals = part.indexOf('=');
            String key = equals < 0 ? defaultKey : part.substring(0, equals);
            String keyValue = equals < 0 ? part : part.substring(equals + 1);
            JsonNode keyDefinition = key == null ? null : format.get(key);
            if (keyDefinition == null) {
                violations.add(name + ": '" + part + "' names no key of its property string");
            } else {
                checkValue(name + "." + key, keyValue, keyDefinition, violations);
            }
        }
    }

    private static void checkBounds(String name, double value, JsonNode definition, List<String> violations) {
        if (definition.has("minimum") && value < definition.get("minimum").asDouble()) {
            violations.add(name + ": value must have a minimum value of " + definition.get("minimum").asString());
        }
        if (definition.has("maximum") && value > definition.get("maximum").asDouble()) {
            violations.add(name + ": value must have a maximum value of " + definition.get("maximum").asString());
        }
    }

    private static Optional<Map<String, String>> match(String template, String path) {
        String[] expected = template.split("/");
        String[] actual = path.split("/");
        if (expected.length != actual.length) {
            return Optional.empty();
        }
        Map<String, String> parameters = new HashMap<>();
        for (int i = 0; i < expected.length; i++) {
            if (expected[i].startsWith("{") && expected[i].endsWith("}")) {
                parameters.put(expected[i].substring(1, expected[i].length() - 1), actual[i]);
            } else if (!expected[i].equals(actual[i])) {
                return Optional.empty();
            }
        }
        return Optional.of(parameters);
    }

    private void index(JsonNode nodes) {
        for (JsonNode node : nodes.values()) {
            node.path("info").properties().forEach(method ->
                    endpoints.add(new Endpoint(method.getKey(), node.path("path").asString(), method.getValue().path("parameters"))));
            if (node.has("children")) {
                index(node.get("children"));
            }
        }
    }
}
