package io.edukit.vmservice.proxmoxsim.schema;

import java.math.BigDecimal;
import java.util.ArrayList;
import java.util.List;
import org.jspecify.annotations.Nullable;
import tools.jackson.databind.JsonNode;

/**
 * Read access to one parameter's schema node as the API viewer exports it. The export is loose
 * about types ({@code optional: 1}, {@code minimum: "0"}), so every accessor accepts both forms.
 */
public record ParamSchema(JsonNode node) {

    public String type() {
        JsonNode t = node.get("type");
        return t == null || t.isNull() ? "" : t.asString();
    }

    public boolean optional() {
        return truthy(node.get("optional"));
    }

    public boolean defaultKey() {
        return truthy(node.get("default_key"));
    }

    public @Nullable String alias() {
        return text("alias");
    }

    public @Nullable String keyAlias() {
        return text("keyAlias");
    }

    public @Nullable String requires() {
        JsonNode r = node.get("requires");
        return r != null && r.isString() ? r.asString() : null;
    }

    public boolean group() {
        return node.has("group");
    }

    /** The format: a name ({@code pve-vmid}), a property-string definition (an object), or none. */
    public @Nullable JsonNode format() {
        JsonNode f = node.get("format");
        return f == null || f.isNull() ? null : f;
    }

    public @Nullable String pattern() {
        return text("pattern");
    }

    public @Nullable List<String> enumeration() {
        JsonNode e = node.get("enum");
        if (e == null || !e.isArray()) {
            return null;
        }
        List<String> values = new ArrayList<>();
        e.forEach(v -> values.add(v.asString()));
        return values;
    }

    /** The limit as PVE prints it in messages (the export's own text). */
    public @Nullable String minimumText() {
        return numberText("minimum");
    }

    public @Nullable String maximumText() {
        return numberText("maximum");
    }

    public @Nullable Integer maxLength() {
        String t = numberText("maxLength");
        return t == null ? null : new BigDecimal(t).intValue();
    }

    public @Nullable Integer minLength() {
        String t = numberText("minLength");
        return t == null ? null : new BigDecimal(t).intValue();
    }

    private @Nullable String text(String field) {
        JsonNode v = node.get(field);
        return v == null || v.isNull() ? null : v.asString();
    }

    private @Nullable String numberText(String field) {
        JsonNode v = node.get(field);
        if (v == null || v.isNull()) {
            return null;
        }
        return v.isNumber() ? v.numberValue().toString() : v.asString();
    }

    static boolean truthy(@Nullable JsonNode v) {
        if (v == null || v.isNull()) {
            return false;
        }
        if (v.isBoolean()) {
            return v.booleanValue();
        }
        if (v.isNumber()) {
            return v.intValue() != 0;
        }
        String s = v.asString();
        return !s.isEmpty() && !s.equals("0");
    }
}
