package io.edukit.vmservice.proxmoxsim.schema;

import java.util.Map;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The parameters of one endpoint. Names like {@code net[n]} stand for {@code net0}, {@code net1}, …
 * up to the limit PVE sets for that kind of device.
 */
public record EndpointSchema(String method, String path, Map<String, ParamSchema> parameters) {

    private static final Pattern INDEXED_NAME = Pattern.compile("([a-z]+)(0|[1-9][0-9]*)");

    /** Highest index per indexed option in qemu-server (MAX_NETS, MAX_UNUSED_DISKS, …). */
    private static final Map<String, Integer> MAX_INDEX = Map.ofEntries(
            Map.entry("ide", 3), Map.entry("sata", 5), Map.entry("scsi", 30), Map.entry("virtio", 15),
            Map.entry("net", 31), Map.entry("ipconfig", 31), Map.entry("unused", 255),
            Map.entry("serial", 3), Map.entry("parallel", 2), Map.entry("usb", 13),
            Map.entry("hostpci", 15), Map.entry("numa", 7), Map.entry("virtiofs", 9));

    public EndpointSchema {
        parameters = Map.copyOf(parameters);
    }

    /** The schema of a parameter as sent, resolving {@code scsi0} to {@code scsi[n]}. */
    public Optional<ParamSchema> lookup(String name) {
        ParamSchema exact = parameters.get(name);
        if (exact != null) {
            return Optional.of(exact);
        }
        Matcher m = INDEXED_NAME.matcher(name);
        if (!m.matches()) {
            return Optional.empty();
        }
        ParamSchema indexed = parameters.get(m.group(1) + "[n]");
        if (indexed == null || m.group(2).length() > 4) {
            return Optional.empty();
        }
        int index = Integer.parseInt(m.group(2));
        return index <= MAX_INDEX.getOrDefault(m.group(1), 31) ? Optional.of(indexed) : Optional.empty();
    }

    /** Whether a config key exists for this endpoint (used for {@code delete=} lists). */
    public boolean defines(String name) {
        return lookup(name).isPresent();
    }
}
