package io.edukit.vmservice.proxmoxsim.qemu;

import io.edukit.vmservice.proxmoxsim.state.Identifiers;
import io.edukit.vmservice.proxmoxsim.state.PropertyString;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;

/**
 * {@code net[n]} strings as qemu-server prints them: {@code <model>=<MAC>} first, then the other
 * options sorted, e.g. {@code virtio=BC:24:11:2A:3B:4C,bridge=vmbr0,firewall=1}.
 */
final class Networks {

    private static final Set<String> MODELS = Set.of("e1000", "e1000-82540em", "e1000-82544gc", "e1000-82545em",
            "e1000e", "i82551", "i82557b", "i82559er", "ne2k_isa", "ne2k_pci", "pcnet", "rtl8139", "virtio", "vmxnet3");

    private Networks() {}

    /** Parses a verified {@code net[n]} value into model, macaddr and the rest. */
    static Map<String, String> parse(String value) {
        Map<String, String> out = new LinkedHashMap<>();
        for (Map.Entry<String, String> e : PropertyString.parse(value, "model").entrySet()) {
            if (MODELS.contains(e.getKey())) {
                out.put("model", e.getKey());
                out.put("macaddr", e.getValue());
            } else {
                out.put(e.getKey(), e.getValue());
            }
        }
        return out;
    }

    static String print(Map<String, String> net) {
        StringBuilder out = new StringBuilder(net.getOrDefault("model", "virtio")).append('=').append(net.get("macaddr"));
        new TreeMap<>(net).forEach((k, v) -> {
            if (!k.equals("model") && !k.equals("macaddr")) {
                out.append(',').append(k).append('=').append(v);
            }
        });
        return out.toString();
    }

    /** The MAC of a network string, or null. */
    static String mac(String value) {
        return parse(value).get("macaddr");
    }

    static String withNewMac(String value, Identifiers ids) {
        Map<String, String> net = parse(value);
        net.put("macaddr", ids.nextMac());
        return print(net);
    }

    /** Adds a MAC if the value has none, as {@code update_vm_api} does. */
    static String withMac(String value, Identifiers ids) {
        Map<String, String> net = parse(value);
        net.putIfAbsent("macaddr", ids.nextMac());
        return print(net);
    }

    /** {@code smbios1} with a fresh {@code uuid=}, keeping the other fields. */
    static String withNewUuid(String smbios1, Identifiers ids) {
        Map<String, String> fields = PropertyString.parse(smbios1, "uuid");
        fields.put("uuid", ids.nextUuid());
        StringBuilder out = new StringBuilder();
        new TreeMap<>(fields).forEach((k, v) -> out.append(out.isEmpty() ? "" : ",").append(k).append('=').append(v));
        return out.toString();
    }
}
