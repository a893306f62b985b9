package io.edukit.vmservice.proxmoxsim.qemu;

import io.edukit.vmservice.proxmoxsim.json.Json;
import io.edukit.vmservice.proxmoxsim.state.PropertyString;
import io.edukit.vmservice.proxmoxsim.state.VirtualMachine;
import java.util.Locale;
import java.util.Map;
import tools.jackson.databind.node.ArrayNode;
import tools.jackson.databind.node.ObjectNode;

/**
 * The guest's view of its interfaces, as {@code guest-network-get-interfaces} reports it: {@code lo},
 * then {@code eth<n>} for each {@code net<n>} with its MAC in lower case. An interface gets the
 * static address of its {@code ipconfig<n>}, else (for {@code eth0}) a DHCP-like address from
 * 10.0.0.0/8 that depends on the VMID only; every interface has its EUI-64 link-local IPv6.
 */
final class GuestNetwork {

    private GuestNetwork() {}

    static ObjectNode interfaces(VirtualMachine vm) {
        ArrayNode result = Json.array();
        ObjectNode lo = result.addObject();
        lo.put("name", "lo");
        lo.put("hardware-address", "00:00:00:00:00:00");
        ArrayNode loAddresses = lo.putArray("ip-addresses");
        address(loAddresses, "ipv4", "127.0.0.1", 8);
        address(loAddresses, "ipv6", "::1", 128);
        statistics(lo, 0);
        for (int n = 0; n <= 31; n++) {
            String net = vm.config().get("net" + n);
            if (net == null) {
                continue;
            }
            String mac = Networks.mac(net).toLowerCase(Locale.ROOT);
            ObjectNode eth = result.addObject();
            eth.put("name", "eth" + n);
            eth.put("hardware-address", mac);
            ArrayNode addresses = eth.putArray("ip-addresses");
            String ipconfig = vm.config().get("ipconfig" + n);
            Map<String, String> ip = ipconfig == null ? Map.of() : PropertyString.parse(ipconfig, null);
            String v4 = ip.get("ip");
            if (v4 != null && v4.contains("/")) {
                address(addresses, "ipv4", v4.substring(0, v4.indexOf('/')), Integer.parseInt(v4.substring(v4.indexOf('/') + 1)));
            } else if (n == 0 && !"manual".equals(v4)) {
                address(addresses, "ipv4", leasedAddress(vm.vmid()), 24);
            }
            String v6 = ip.get("ip6");
            if (v6 != null && v6.contains("/")) {
                address(addresses, "ipv6", v6.substring(0, v6.indexOf('/')), Integer.parseInt(v6.substring(v6.indexOf('/') + 1)));
            }
            address(addresses, "ipv6", linkLocal(mac), 64);
            statistics(eth, vm.vmid());
        }
        ObjectNode out = Json.object();
        out.set("result", result);
        return out;
    }

    /** 10.a.b.c with c in 2..251: distinct for every VMID below 16 million. */
    static String leasedAddress(int vmid) {
        int c = vmid % 250 + 2;
        int m = vmid / 250;
        return "10." + (m / 256 % 256) + "." + (m % 256) + "." + c;
    }

    /** fe80:: plus the modified EUI-64 of the MAC. */
    static String linkLocal(String mac) {
        String[] b = mac.split(":");
        int b0 = Integer.parseInt(b[0], 16) ^ 0x02;
        return String.format(Locale.ROOT, "fe80::%x:%xff:fe%x:%x",
                (b0 << 8) | Integer.parseInt(b[1], 16), Integer.parseInt(b[2], 16),
                Integer.parseInt(b[3], 16), (Integer.parseInt(b[4], 16) << 8) | Integer.parseInt(b[5], 16));
    }

    private static void address(ArrayNode list, String type, String ip, int prefix) {
        ObjectNode a = list.addObject();
        a.put("ip-address-type", type);
        a.put("ip-address", ip);
        a.put("prefix", prefix);
    }

    private static void statistics(ObjectNode iface, int seed) {
        ObjectNode s = iface.putObject("statistics");
        s.put("rx-bytes", 1_048_576L + seed);
        s.put("rx-dropped", 0);
        s.put("rx-errs", 0);
        s.put("rx-packets", 2048 + seed % 100);
        s.put("tx-bytes", 262_144L + seed);
        s.put("tx-dropped", 0);
        s.put("tx-errs", 0);
        s.put("tx-packets", 1024 + seed % 100);
    }
}
