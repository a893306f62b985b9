package io.edukit.vmservice.proxmoxsim.admin;

import io.edukit.vmservice.proxmoxsim.TemplateSpec;
import io.edukit.vmservice.proxmoxsim.json.Json;
import org.jspecify.annotations.Nullable;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.node.ObjectNode;

/**
 * The admin JSON form of a {@link TemplateSpec}: {@code vmid}, {@code name} and {@code node} are
 * required; {@code storage}, {@code diskSizeGb}, {@code cores}, {@code memoryMb},
 * {@code description} and {@code cloudInitDrive} default as in {@link TemplateSpec#of}.
 * <pre>
 * {"vmid":9998,"name":"ubuntu-24.04","node":"pve4"}
 * {"vmid":9997,"name":"broken","node":"pve4","diskSizeGb":4,"cloudInitDrive":false}
 * </pre>
 */
final class TemplateSpecJson {

    private TemplateSpecJson() {}

    static TemplateSpec parse(JsonNode json) {
        if (!json.isObject()) {
            throw new IllegalArgumentException("a template is a JSON object");
        }
        TemplateSpec defaults = TemplateSpec.of(integer(json, "vmid", null), text(json, "name", null),
                text(json, "node", null));
        JsonNode description = json.get("description");
        JsonNode cloudInit = json.get("cloudInitDrive");
        if (cloudInit != null && !cloudInit.isBoolean()) {
            throw new IllegalArgumentException("'cloudInitDrive' must be true or false");
        }
        return new TemplateSpec(defaults.vmid(), defaults.name(), defaults.node(),
                text(json, "storage", defaults.storage()),
                integer(json, "diskSizeGb", defaults.diskSizeGb()),
                integer(json, "cores", defaults.cores()),
                integer(json, "memoryMb", defaults.memoryMb()),
                description == null || description.isNull() ? null : description.asString(),
                cloudInit == null ? defaults.cloudInitDrive() : cloudInit.booleanValue());
    }

    static ObjectNode render(TemplateSpec spec) {
        ObjectNode out = Json.object();
        out.put("vmid", spec.vmid());
        out.put("name", spec.name());
        out.put("node", spec.node());
        out.put("storage", spec.storage());
        out.put("diskSizeGb", spec.diskSizeGb());
        out.put("cores", spec.cores());
        out.put("memoryMb", spec.memoryMb());
        if (spec.description() != null) {
            out.put("description", spec.description());
        }
        out.put("cloudInitDrive", spec.cloudInitDrive());
        return out;
    }

    private static String text(JsonNode json, String field, @Nullable String fallback) {
        JsonNode v = json.get(field);
        if (v == null || v.isNull()) {
            if (fallback == null) {
                throw new IllegalArgumentException("missing '" + field + "'");
            }
            return fallback;
        }
        if (!v.isString() || v.asString().isEmpty()) {
            throw new IllegalArgumentException("'" + field + "' must be a non-empty string");
        }
        return v.asString();
    }

    private static int integer(JsonNode json, String field, @Nullable Integer fallback) {
        JsonNode v = json.get(field);
        if (v == null || v.isNull()) {
            if (fallback == null) {
                throw new IllegalArgumentException("missing integer '" + field + "'");
            }
            return fallback;
        }
        if (!v.isIntegralNumber() || !v.canConvertToInt()) {
            throw new IllegalArgumentException("'" + field + "' must be an integer");
        }
        return v.intValue();
    }
}
