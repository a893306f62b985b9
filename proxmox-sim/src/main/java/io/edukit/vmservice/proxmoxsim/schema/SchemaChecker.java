package io.edukit.vmservice.proxmoxsim.schema;

import java.math.BigDecimal;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.ConcurrentHashMap;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.regex.PatternSyntaxException;
import org.jspecify.annotations.Nullable;
import tools.jackson.databind.JsonNode;

/**
 * {@code check_prop}, {@code check_object} and {@code parse_property_string} of
 * {@code PVE::JSONSchema}, in the same order and with the same messages, so that a client sees
 * here the errors a real node would give it.
 */
final class SchemaChecker {

    static final String NOT_OPTIONAL = "property is missing and it is not optional";
    static final String NOT_DEFINED =
            "property is not defined in schema and the schema does not allow additional properties";

    private static final Pattern INTEGER = Pattern.compile("[+-]?\\d+");
    private static final Pattern NUMBER = Pattern.compile("[+-]?(\\d+\\.\\d+|\\d+\\.|\\.\\d+|\\d+)([eE][+-]?\\d+)?");
    private static final Pattern KEY_VALUE = Pattern.compile("([^=]+)=(.+)", Pattern.DOTALL);
    private static final Pattern FORMAT_SUFFIX = Pattern.compile("(.*?)(?:-(list|opt))?");
    private static final Map<String, Pattern> PATTERNS = new ConcurrentHashMap<>();

    private SchemaChecker() {}

    /** {@code check_prop}: one value against its schema; errors go into {@code errors} under {@code path}. */
    static void checkProp(@Nullable String value, ParamSchema schema, String path, Map<String, String> errors) {
        if (value == null) {
            if (!schema.optional() && schema.alias() == null && !schema.group()) {
                addError(errors, path, NOT_OPTIONAL);
            }
            return;
        }
        if (!checkType(schema.type(), value, path, errors)) {
            return;
        }
        JsonNode format = schema.format();
        if (format != null) {
            try {
                checkFormat(format, value, path);
            } catch (FormatException e) {
                addError(errors, path, "invalid format - " + e.getMessage());
                return;
            }
        }
        String pattern = schema.pattern();
        if (pattern != null) {
            Pattern compiled = compile(pattern);
            if (compiled != null && !compiled.matcher(value).find()) {
                addError(errors, path, "value does not match the regex pattern");
                return;
            }
        }
        Integer maxLength = schema.maxLength();
        if (maxLength != null && value.length() > maxLength) {
            addError(errors, path, "value may only be " + maxLength + " characters long");
            return;
        }
        Integer minLength = schema.minLength();
        if (minLength != null && value.length() < minLength) {
            addError(errors, path, "value must be at least " + minLength + " characters long");
            return;
        }
        if (NUMBER.matcher(value).matches()) {
            BigDecimal number = new BigDecimal(value.startsWith("+") ? value.substring(1) : value.endsWith(".") ? value + "0" : value);
            String max = schema.maximumText();
            if (max != null && number.compareTo(new BigDecimal(max)) > 0) {
                addError(errors, path, "value must have a maximum value of " + max);
                return;
            }
            String min = schema.minimumText();
            if (min != null && number.compareTo(new BigDecimal(min)) < 0) {
                addError(errors, path, "value must have a minimum value of " + min);
                return;
            }
        }
        List<String> enumeration = schema.enumeration();
        if (enumeration != null && !enumeration.contains(value)) {
            addError(errors, path, "value '" + value + "' does not have a value in the enumeration '"
                    + String.join(", ", enumeration) + "'");
        }
    }

    /** {@code check_type} for the scalar types a request can carry. Booleans are 0 or 1 only, as in PVE. */
    private static boolean checkType(String type, String value, String path, Map<String, String> errors) {
        boolean ok = switch (type) {
            case "boolean" -> value.equals("1") || value.equals("0");
            case "integer" -> INTEGER.matcher(value).matches();
            case "number" -> NUMBER.matcher(value).matches();
            default -> true;
        };
        if (!ok) {
            addError(errors, path, "type check ('" + type + "') failed - got '" + value + "'");
        }
        return ok;
    }

    /** {@code check_format}: a property-string definition, a named format, or a {@code -list}/{@code -opt} of one. */
    static void checkFormat(JsonNode format, String value, String path) throws FormatException {
        if (format.isObject()) {
            parsePropertyString(format, value, path);
            return;
        }
        String name = format.asString();
        if (name.equals("regex")) {
            return;
        }
        JsonNode hash = NamedFormats.hashFormat(name);
        if (hash != null) {
            parsePropertyString(hash, value, path);
            return;
        }
        Matcher m = FORMAT_SUFFIX.matcher(name);
        m.matches();
        String base = m.group(1);
        String suffix = m.group(2);
        if ("list".equals(suffix)) {
            for (String item : splitList(value)) {
                NamedFormats.verify(base, item);
            }
        } else if ("opt".equals(suffix)) {
            if (!value.isEmpty()) {
                NamedFormats.verify(base, value);
            }
        } else {
            NamedFormats.verify(name, value);
        }
    }

    /**
     * {@code parse_property_string}: splits {@code key=value,...}, resolves aliases and the default
     * key, then checks every part against its definition.
     */
    static Map<String, String> parsePropertyString(JsonNode format, String data, String path) throws FormatException {
        Map<String, String> result = new LinkedHashMap<>();
        String defaultKey = null;
        for (String part : data.split(",")) {
            if (part.isBlank()) {
                continue;
            }
            Matcher kv = KEY_VALUE.matcher(part);
            if (kv.matches()) {
                String key = kv.group(1);
                String value = kv.group(2);
                if (result.containsKey(key)) {
                    throw new FormatException("duplicate key in comma-separated list property: " + key + "\n");
                }
                JsonNode schemaNode = format.get(key);
                if (schemaNode != null && schemaNode.has("alias")) {
                    String keyAlias = keyAliasOf(format, key, new ParamSchema(schemaNode));
                    if (keyAlias != null) {
                        if (result.containsKey(keyAlias)) {
                            throw new FormatException("key alias '" + keyAlias + "' is already defined\n");
                        }
                        result.put(keyAlias, key);
                    }
                    key = schemaNode.get("alias").asString();
                    schemaNode = format.get(key);
                }
                if (schemaNode == null) {
                    throw new FormatException("invalid key in comma-separated list property: " + key + "\n");
                }
                if ("boolean".equals(new ParamSchema(schemaNode).type())) {
                    value = normalizeBoolean(value);
                }
                result.put(key, value);
            } else if (!part.contains("=")) {
                if (defaultKey != null) {
                    throw new FormatException("duplicate key in comma-separated list property: " + defaultKey + "\n");
                }
                for (Map.Entry<String, JsonNode> e : format.properties()) {
                    if (new ParamSchema(e.getValue()).defaultKey()) {
                        defaultKey = e.getKey();
                        if (result.containsKey(defaultKey)) {
                            throw new FormatException("duplicate key in comma-separated list property: " + defaultKey + "\n");
                        }
                        result.put(defaultKey, part);
                        break;
                    }
                }
                if (defaultKey == null) {
                    throw new FormatException("value without key, but schema does not define a default key\n");
                }
            } else {
                throw new FormatException("missing key in comma-separated list property\n");
            }
        }
        Map<String, String> errors = new TreeMap<>();
        checkObject(path, format, result, errors);
        if (!errors.isEmpty()) {
            StringBuilder message = new StringBuilder("format error\n");
            errors.forEach((k, v) -> message.append(k).append(": ").append(v).append('\n'));
            throw new FormatException(message.toString());
        }
        return result;
    }

    /** {@code check_object} for a property string: every defined key, then requirements between keys. */
    private static void checkObject(String path, JsonNode format, Map<String, String> values, Map<String, String> errors) {
        for (Map.Entry<String, JsonNode> e : format.properties()) {
            String sub = path.isEmpty() ? e.getKey() : path + "." + e.getKey();
            checkProp(values.get(e.getKey()), new ParamSchema(e.getValue()), sub, errors);
        }
        for (String key : values.keySet()) {
            JsonNode schemaNode = format.get(key);
            String requires = schemaNode == null ? null : new ParamSchema(schemaNode).requires();
            if (requires != null && !values.containsKey(requires)) {
                String sub = path.isEmpty() ? key : path + "." + key;
                addError(errors, path.isEmpty() ? requires : path + "." + requires,
                        "missing property - '" + sub + "' requires this property");
            }
        }
    }

    /**
     * The key an alias also sets. The bundled export dropped {@code keyAlias} (e.g. {@code virtio=MAC}
     * in {@code net[n]} sets {@code model=virtio}); it is recovered as the default key whose
     * enumeration holds the alias.
     */
    private static @Nullable String keyAliasOf(JsonNode format, String aliasKey, ParamSchema alias) {
        if (alias.keyAlias() != null) {
            return alias.keyAlias();
        }
        for (Map.Entry<String, JsonNode> e : format.properties()) {
            ParamSchema candidate = new ParamSchema(e.getValue());
            List<String> values = candidate.enumeration();
            if (candidate.defaultKey() && values != null && values.contains(aliasKey)) {
                return e.getKey();
            }
        }
        return null;
    }

    /** {@code parse_boolean}: property strings also take on/off, yes/no and true/false. */
    private static String normalizeBoolean(String value) {
        String v = value.toLowerCase(java.util.Locale.ROOT);
        if (v.equals("1") || v.equals("on") || v.equals("yes") || v.equals("true")) {
            return "1";
        }
        if (v.equals("0") || v.equals("off") || v.equals("no") || v.equals("false")) {
            return "0";
        }
        return value;
    }

    /** {@code PVE::Tools::split_list}. */
    static List<String> splitList(String text) {
        if (text.indexOf('\0') >= 0) {
            return List.of(text.split("\0"));
        }
        String t = text.replaceAll("[,;]", " ").strip();
        return t.isEmpty() ? List.of() : List.of(t.split("\\s+"));
    }

    /** {@code add_error}: a second error on the same path is joined with a literal backslash-n, as PVE does. */
    static void addError(Map<String, String> errors, String path, String message) {
        String key = path.isEmpty() ? "_root" : path;
        errors.merge(key, message, (a, b) -> a + "\\n" + b);
    }

    /** Perl's {@code m/^$pattern$/}; Perl-only syntax such as {@code (?^:...)} is translated. */
    private static @Nullable Pattern compile(String perlPattern) {
        return PATTERNS.computeIfAbsent(perlPattern, p -> {
            try {
                return Pattern.compile("^" + p.replace("(?^:", "(?:").replace("(?^i:", "(?i:") + "$");
            } catch (PatternSyntaxException e) {
                return Pattern.compile(".*", Pattern.DOTALL);
            }
        });
    }
}
