package io.edukit.vmservice.proxmoxsim.schema;

import io.edukit.vmservice.proxmoxsim.json.Json;
import java.util.Map;
import java.util.Set;
import java.util.regex.Pattern;
import org.jspecify.annotations.Nullable;
import tools.jackson.databind.JsonNode;

/**
 * The formats the schema names rather than spells out, with the checks and messages of their
 * registrations in pve-common, pve-storage, pve-access-control and qemu-server. Names not listed
 * here are accepted unchecked (CPU sets, PCI mappings, SEV/TDX, smbios, watchdog, rng, …), which
 * VmService never sends.
 */
final class NamedFormats {

    private static final Pattern VMID = Pattern.compile("[1-9][0-9]{2,8}");
    private static final Pattern NODE = Pattern.compile("[a-zA-Z0-9]([a-zA-Z0-9\\-]*[a-zA-Z0-9])?");
    private static final Pattern ID = Pattern.compile("(?i)[a-z][a-z0-9\\-_.]*[a-z0-9]");
    private static final Pattern BRIDGE = Pattern.compile("[-_.\\w\\d]+");
    private static final Pattern CONFIG_ID = Pattern.compile("(?i)[a-z][a-z0-9_-]+");
    private static final String DNS_LABEL = "([a-zA-Z0-9]([a-zA-Z0-9\\-]*[a-zA-Z0-9])?)";
    private static final Pattern DNS_NAME = Pattern.compile("(" + DNS_LABEL + "\\.)*" + DNS_LABEL);
    private static final Pattern MAC = Pattern.compile("(?i)[a-f0-9][02468ace](?::[a-f0-9]{2}){5}");
    private static final Pattern URLENCODED = Pattern.compile("[-%a-zA-Z0-9_.!~*'()]*");
    private static final Pattern DISK_SIZE = Pattern.compile("\\d+(\\.\\d+)?[KMGT]?");
    private static final Pattern TAG = Pattern.compile("(?i)[a-z0-9_][a-z0-9_\\-+.]*");
    private static final Pattern VOLUME_ID = Pattern.compile("(?is)([a-z][a-z0-9\\-_.]*[a-z0-9]):(.+)");
    private static final Pattern POOL = Pattern.compile("[A-Za-z0-9_\\-]+(?:/[A-Za-z0-9_\\-]+){0,2}");
    private static final Pattern STARTUP_PART = Pattern.compile("(order=)?\\d+|up=\\d+|down=\\d+");
    private static final Pattern BOOT_DEVICE = Pattern.compile(
            "ide[0-3]|sata[0-5]|scsi([0-9]|[12][0-9]|30)|virtio([0-9]|1[0-5])|net([0-9]|[12][0-9]|3[01])|hostpci([0-9]|1[0-5])|usb([0-9]|1[0-3])");
    private static final Set<String> STORAGE_CONTENT =
            Set.of("images", "rootdir", "vztmpl", "iso", "backup", "snippets", "import");

    /** The hash-based named formats, as qemu-server registers them. */
    private static final Map<String, JsonNode> HASH_FORMATS = Map.of(
            "pve-qm-ipconfig", Json.MAPPER.readTree("""
                    {"ip": {"type": "string", "format": "pve-ipv4-config", "optional": 1},
                     "gw": {"type": "string", "format": "ipv4", "optional": 1},
                     "ip6": {"type": "string", "format": "pve-ipv6-config", "optional": 1},
                     "gw6": {"type": "string", "format": "ipv6", "optional": 1}}"""),
            "pve-qm-cicustom", Json.MAPPER.readTree("""
                    {"meta": {"type": "string", "format": "pve-volume-id", "optional": 1},
                     "network": {"type": "string", "format": "pve-volume-id", "optional": 1},
                     "user": {"type": "string", "format": "pve-volume-id", "optional": 1},
                     "vendor": {"type": "string", "format": "pve-volume-id", "optional": 1}}"""),
            "pve-qm-boot", Json.MAPPER.readTree("""
                    {"legacy": {"type": "string", "pattern": "[acdn]{1,4}", "default_key": 1, "optional": 1},
                     "order": {"type": "string", "format": "pve-qm-bootdev-list", "optional": 1}}"""));

    private NamedFormats() {}

    static @Nullable JsonNode hashFormat(String name) {
        return HASH_FORMATS.get(name);
    }

    /** Verifies one value of a simple named format; unknown names pass. */
    static void verify(String name, String value) throws FormatException {
        switch (name) {
            case "pve-vmid" -> require(VMID, value, "value does not look like a valid VM ID");
            case "pve-node" -> require(NODE, value, "value does not look like a valid node name");
            case "pve-storage-id" -> require(ID, value, "storage ID '" + value + "' contains illegal characters");
            case "pve-bridge-id" -> require(BRIDGE, value, "invalid bridge ID '" + value + "'");
            case "pve-configid" -> require(CONFIG_ID, value, "invalid configuration ID '" + value + "'");
            case "dns-name" -> require(DNS_NAME, value, "value does not look like a valid DNS name");
            case "mac-addr" -> require(MAC, value, "value does not look like a valid unicast MAC address");
            case "urlencoded" -> require(URLENCODED, value, "invalid urlencoded string: " + value);
            case "disk-size" -> require(DISK_SIZE, value, "value does not look like a valid disk size: " + value);
            case "pve-tag" -> require(TAG, value, "invalid characters in tag");
            case "pve-volume-id" -> require(VOLUME_ID, value, "unable to parse volume ID '" + value + "'");
            case "pve-volume-id-or-qm-path" -> {
                if (!value.equals("none") && !value.equals("cdrom")) {
                    verify("pve-volume-id-or-absolute-path", value);
                }
            }
            case "pve-volume-id-or-absolute-path" -> {
                if (!value.startsWith("/")) {
                    verify("pve-volume-id", value);
                }
            }
            case "ipv4" -> check(IpAddresses.isIpv4(value), "value does not look like a valid IPv4 address");
            case "ipv6" -> check(IpAddresses.isIpv6(value), "value does not look like a valid IPv6 address");
            case "ip" -> check(IpAddresses.isIpv4(value) || IpAddresses.isIpv6(value), "value does not look like a valid IP address");
            case "CIDRv4" -> check(IpAddresses.isCidrV4(value), "value does not look like a valid IPv4 CIDR network");
            case "CIDRv6" -> check(IpAddresses.isCidrV6(value), "value does not look like a valid IPv6 CIDR network");
            case "CIDR" -> check(IpAddresses.isCidrV4(value) || IpAddresses.isCidrV6(value), "value does not look like a valid CIDR network");
            case "pve-ipv4-config" -> check(value.equals("dhcp") || value.equals("manual") || IpAddresses.isCidrV4(value),
                    "value does not look like a valid ipv4 network configuration");
            case "pve-ipv6-config" -> check(value.equals("auto") || value.equals("dhcp") || value.equals("manual") || IpAddresses.isCidrV6(value),
                    "value does not look like a valid ipv6 network configuration");
            case "address" -> check(IpAddresses.isIpv4(value) || IpAddresses.isIpv6(value) || DNS_NAME.matcher(value).matches(),
                    "value does not look like a valid address: " + value);
            case "pve-poolid" -> require(POOL, value, "invalid pool name '" + value + "'");
            case "pve-storage-content" -> check(STORAGE_CONTENT.contains(value), "invalid content type '" + value + "'");
            case "pve-qm-bootdev" -> require(BOOT_DEVICE, value, "invalid boot device '" + value + "'");
            case "pve-startup-order" -> {
                boolean ok = !value.isEmpty();
                for (String part : value.split(",")) {
                    ok &= part.isBlank() || STARTUP_PART.matcher(part).matches();
                }
                check(ok, "unable to parse startup options");
            }
            default -> {
                // not modelled: accepted as PVE would accept a well-formed value
            }
        }
    }

    private static void require(Pattern pattern, String value, String message) throws FormatException {
        check(pattern.matcher(value).matches(), message);
    }

    private static void check(boolean ok, String message) throws FormatException {
        if (!ok) {
            throw new FormatException(message + "\n");
        }
    }
}
