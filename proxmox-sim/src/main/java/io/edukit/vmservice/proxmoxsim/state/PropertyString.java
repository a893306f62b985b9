package io.edukit.vmservice.proxmoxsim.state;

import java.util.LinkedHashMap;
import java.util.Map;
import java.util.TreeMap;
import org.jspecify.annotations.Nullable;

/**
 * Reading and writing property strings such as {@code virtio=BC:24:11:00:00:01,bridge=vmbr0} whose
 * syntax was already verified against the schema.
 */
public final class PropertyString {

    private PropertyString() {}

    /** Parses {@code a,k=v,...}; a part without {@code =} is the value of {@code defaultKey}. */
    public static Map<String, String> parse(String text, @Nullable String defaultKey) {
        Map<String, String> result = new LinkedHashMap<>();
        for (String part : text.split(",")) {
            if (part.isBlank()) {
                continue;
            }
            int eq = part.indexOf('=');
            if (eq < 0) {
                result.put(defaultKey == null ? part : defaultKey, part);
            } else {
                result.put(part.substring(0, eq), part.substring(eq + 1));
            }
        }
        return result;
    }

    /** Prints like {@code print_property_string}: the default key's bare value first, then the rest sorted. */
    public static String print(Map<String, String> values, @Nullable String defaultKey) {
        StringBuilder out = new StringBuilder();
        if (defaultKey != null && values.containsKey(defaultKey)) {
            out.append(values.get(defaultKey));
        }
        new TreeMap<>(values).forEach((k, v) -> {
            if (!k.equals(defaultKey)) {
                if (!out.isEmpty()) {
                    out.append(',');
                }
                out.append(k).append('=').append(v);
            }
        });
        return out.toString();
    }
}
