package io.edukit.vmservice.proxmoxsim.api;

import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;

/** A path like {@code /nodes/{node}/qemu/{vmid}/clone} that binds its variables from a concrete path. */
record PathTemplate(String template, String[] segments) {

    static PathTemplate of(String template) {
        return new PathTemplate(template, template.substring(1).split("/"));
    }

    Optional<Map<String, String>> match(String path) {
        String[] parts = path.startsWith("/") ? path.substring(1).split("/", -1) : path.split("/", -1);
        if (parts.length != segments.length) {
            return Optional.empty();
        }
        Map<String, String> bound = new LinkedHashMap<>();
        for (int i = 0; i < parts.length; i++) {
            String segment = segments[i];
            if (segment.startsWith("{") && segment.endsWith("}")) {
                if (parts[i].isEmpty()) {
                    return Optional.empty();
                }
                bound.put(segment.substring(1, segment.length() - 1), parts[i]);
            } else if (!segment.equals(parts[i])) {
                return Optional.empty();
            }
        }
        return Optional.of(bound);
    }
}
