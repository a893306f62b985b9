package io.edukit.vmservice.worker.proxmox;

import org.jspecify.annotations.Nullable;

import java.util.Map;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/** What {@code GET .../config} tells about a VM or template, with the property strings read where needed. */
public record VmConfig(
        @Nullable String name,
        @Nullable String description,
        boolean template,
        @Nullable String lock,
        @Nullable String agent,
        @Nullable String scsi0,
        @Nullable String ide2,
        @Nullable String boot,
        @Nullable String net0,
        @Nullable String cicustom,
        @Nullable Integer cores,
        @Nullable Integer memoryMb,
        @Nullable String digest) {

    private static final Pattern SIZE = Pattern.compile("(?:^|,)size=(\\d+)([KMGT]?)(?:,|$)");
    private static final Pattern MAC = Pattern.compile("=([0-9A-Fa-f]{2}(?::[0-9A-Fa-f]{2}){5})");

    static VmConfig of(Map<String, String> data) {
        return new VmConfig(data.get("name"), data.get("description"), "1".equals(data.get("template")),
                data.get("lock"), data.get("agent"), data.get("scsi0"), data.get("ide2"), data.get("boot"),
                data.get("net0"), data.get("cicustom"), integer(data.get("cores")), integer(defaultKey(data.get("memory"), "current")),
                data.get("digest"));
    }

    /** The size of {@code scsi0} in whole GiB, if the config states it. */
    public Optional<Long> scsi0SizeGb() {
        if (scsi0 == null) {
            return Optional.empty();
        }
        Matcher size = SIZE.matcher(scsi0);
        if (!size.find()) {
            return Optional.empty();
        }
        long value = Long.parseLong(size.group(1));
        return Optional.of(switch (size.group(2)) {
            case "T" -> value * 1024;
            case "M" -> value / 1024;
            case "K" -> value / (1024 * 1024);
            default -> value;
        });
    }

    /** The MAC address of {@code net0}, as the guest agent reports it: lower case. */
    public Optional<String> net0Mac() {
        if (net0 == null) {
            return Optional.empty();
        }
        Matcher mac = MAC.matcher(net0);
        return mac.find() ? Optional.of(mac.group(1).toLowerCase(java.util.Locale.ROOT)) : Optional.empty();
    }

    /** Whether {@code agent} has the guest agent enabled ({@code 1} or {@code enabled=1,...}). */
    public boolean agentEnabled() {
        return agent != null && (agent.equals("1") || agent.matches("(^|.*,)enabled=1(,.*|$)"));
    }

    /** {@code memory} is the property string {@code [current=]<integer>[,...]}: its default key's value. */
    private static @Nullable String defaultKey(@Nullable String propertyString, String key) {
        if (propertyString == null) {
            return null;
        }
        for (String part : propertyString.split(",")) {
            if (!part.contains("=")) {
                return part;
            }
            if (part.startsWith(key + "=")) {
                return part.substring(key.length() + 1);
            }
        }
        return null;
    }

    private static @Nullable Integer integer(@Nullable String value) {
        if (value == null || value.isBlank()) {
            return null;
        }
        try {
            return Integer.valueOf(value.strip());
        } catch (NumberFormatException e) {
            return null;
        }
    }
}
