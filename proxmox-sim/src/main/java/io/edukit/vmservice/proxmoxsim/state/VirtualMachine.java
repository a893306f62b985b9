package io.edukit.vmservice.proxmoxsim.state;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;

/**
 * One VM or template: its configuration as PVE stores it (key to string), pending changes that wait
 * for the next start, and whether its QEMU process runs. Only touched under the {@link Cluster} lock.
 */
public final class VirtualMachine {

    private final int vmid;
    private final String node;
    private final TreeMap<String, String> config = new TreeMap<>();
    private final TreeMap<String, String> pending = new TreeMap<>();
    private boolean running;
    private long startedAtNanos;
    private int pid;

    public VirtualMachine(int vmid, String node, Map<String, String> config) {
        this.vmid = vmid;
        this.node = node;
        this.config.putAll(config);
    }

    public int vmid() {
        return vmid;
    }

    public String node() {
        return node;
    }

    /** The current configuration (without pending changes). */
    public Map<String, String> config() {
        return config;
    }

    /** Changes made while running that take effect at the next start. */
    public Map<String, String> pending() {
        return pending;
    }

    /** The configuration with pending values applied, as {@code GET config} shows it by default. */
    public Map<String, String> configWithPending() {
        TreeMap<String, String> merged = new TreeMap<>(config);
        merged.putAll(pending);
        return merged;
    }

    public void applyPending() {
        config.putAll(pending);
        pending.clear();
    }

    public Optional<String> get(String key) {
        return Optional.ofNullable(config.get(key));
    }

    public boolean isTemplate() {
        return "1".equals(config.get("template"));
    }

    public Optional<String> lock() {
        return get("lock");
    }

    public String name() {
        return config.getOrDefault("name", "VM " + vmid);
    }

    public boolean isRunning() {
        return running;
    }

    public long startedAtNanos() {
        return startedAtNanos;
    }

    public int pid() {
        return pid;
    }

    public void markRunning(int pid, long nowNanos) {
        this.running = true;
        this.pid = pid;
        this.startedAtNanos = nowNanos;
    }

    public void markStopped() {
        this.running = false;
        this.pid = 0;
    }

    /** The drives in key order. */
    public List<Drive> drives() {
        List<Drive> drives = new ArrayList<>();
        config.forEach((k, v) -> {
            if (Drive.isDriveKey(k)) {
                drives.add(Drive.parse(k, v));
            }
        });
        return drives;
    }

    /** Whether the guest agent is enabled in the config ({@code agent: 1} or {@code enabled=1}). */
    public boolean agentEnabled() {
        String agent = config.get("agent");
        if (agent == null) {
            return false;
        }
        String enabled = PropertyString.parse(agent, "enabled").getOrDefault("enabled", "0");
        return enabled.equals("1") || enabled.equalsIgnoreCase("on") || enabled.equalsIgnoreCase("yes") || enabled.equalsIgnoreCase("true");
    }

    public int cpus() {
        int cores = Integer.parseInt(config.getOrDefault("cores", "1"));
        int sockets = Integer.parseInt(config.getOrDefault("sockets", "1"));
        return cores * sockets;
    }

    public long memoryBytes() {
        String memory = config.get("memory");
        long mib = memory == null ? 512 : Long.parseLong(PropertyString.parse(memory, "current").getOrDefault("current", "512"));
        return mib << 20;
    }

    /** The size of the first disk in boot order (PVE's {@code maxdisk}), or 0. */
    public long bootDiskBytes() {
        String boot = config.get("boot");
        if (boot != null) {
            String order = PropertyString.parse(boot, "legacy").get("order");
            if (order != null) {
                for (String device : order.split(";")) {
                    String value = config.get(device);
                    if (value != null && Drive.isDriveKey(device)) {
                        Drive drive = Drive.parse(device, value);
                        if (!drive.isCdrom()) {
                            return drive.sizeBytes();
                        }
                    }
                }
            }
        }
        return drives().stream().filter(Drive::isDisk).findFirst().map(Drive::sizeBytes).orElse(0L);
    }

    /** SHA-1 of the configuration file's text, as PVE computes {@code digest}. */
    public String digest() {
        StringBuilder text = new StringBuilder();
        config.forEach((k, v) -> text.append(k).append(": ").append(v).append('\n'));
        if (!pending.isEmpty()) {
            text.append("\n[PENDING]\n");
            pending.forEach((k, v) -> text.append(k).append(": ").append(v).append('\n'));
        }
        try {
            MessageDigest sha1 = MessageDigest.getInstance("SHA-1");
            return HexFormat.of().formatHex(sha1.digest(text.toString().getBytes(StandardCharsets.UTF_8)));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }
}
