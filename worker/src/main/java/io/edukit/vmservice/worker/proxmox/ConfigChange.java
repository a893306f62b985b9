package io.edukit.vmservice.worker.proxmox;

import org.jspecify.annotations.Nullable;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Settings to change on a VM; what is null stays as it is.
 *
 * @param cicustom  e.g. {@code user=local:snippets/vm-123.yaml}: replaces Proxmox's generated user-data
 * @param ipconfig0 e.g. {@code ip=dhcp}
 * @param tags      lower-case tags, e.g. {@code edukit}, {@code course-net-101}
 * @param agent     whether the QEMU guest agent is enabled
 */
public record ConfigChange(
        @Nullable String name,
        @Nullable Integer cores,
        @Nullable Integer memoryMb,
        @Nullable String cicustom,
        @Nullable String ipconfig0,
        @Nullable List<String> tags,
        @Nullable Boolean agent,
        @Nullable String description) {

    /** The form parameters PVE's config call takes, in a stable order. */
    Map<String, String> toForm() {
        Map<String, String> form = new LinkedHashMap<>();
        put(form, "name", name);
        put(form, "cores", cores);
        put(form, "memory", memoryMb);
        put(form, "cicustom", cicustom);
        put(form, "ipconfig0", ipconfig0);
        if (tags != null) {
            form.put("tags", String.join(";", tags));
        }
        if (agent != null) {
            form.put("agent", agent ? "enabled=1" : "enabled=0");
        }
        put(form, "description", description);
        return form;
    }

    private static void put(Map<String, String> form, String key, @Nullable Object value) {
        if (value != null) {
            form.put(key, value.toString());
        }
    }
}
