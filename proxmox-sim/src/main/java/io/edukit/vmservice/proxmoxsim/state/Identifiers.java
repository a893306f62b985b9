package io.edukit.vmservice.proxmoxsim.state;

import java.util.HashSet;
import java.util.Locale;
import java.util.Random;
import java.util.Set;
import java.util.UUID;

/**
 * Seeded identifiers for new VMs. MAC addresses follow {@code PVE::Tools::random_ether_addr} with
 * the default datacenter prefix {@code BC:24:11} (the Proxmox OUI since PVE 8.1), in upper case as
 * PVE writes them, and never repeat within one simulator.
 */
public final class Identifiers {

    private final Random random;
    private final Set<String> macs = new HashSet<>();

    public Identifiers(long seed) {
        this.random = new Random(seed ^ 0x5DEECE66DL);
    }

    public synchronized String nextMac() {
        while (true) {
            String mac = String.format(Locale.ROOT, "BC:24:11:%02X:%02X:%02X",
                    random.nextInt(256), random.nextInt(256), random.nextInt(256));
            if (macs.add(mac)) {
                return mac;
            }
        }
    }

    /** A random (version 4) UUID, for {@code smbios1} and {@code vmgenid}. */
    public synchronized String nextUuid() {
        long msb = (random.nextLong() & ~0xF000L) | 0x4000L;
        long lsb = (random.nextLong() & 0x3FFFFFFFFFFFFFFFL) | 0x8000000000000000L;
        return new UUID(msb, lsb).toString();
    }
}
