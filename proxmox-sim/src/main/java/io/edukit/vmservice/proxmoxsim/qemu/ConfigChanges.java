package io.edukit.vmservice.proxmoxsim.qemu;

import io.edukit.vmservice.proxmoxsim.api.ApiCall;
import io.edukit.vmservice.proxmoxsim.api.PveException;
import io.edukit.vmservice.proxmoxsim.schema.EndpointSchema;
import io.edukit.vmservice.proxmoxsim.state.Cluster;
import io.edukit.vmservice.proxmoxsim.state.Drive;
import io.edukit.vmservice.proxmoxsim.state.PropertyString;
import io.edukit.vmservice.proxmoxsim.state.StorageDefinition;
import io.edukit.vmservice.proxmoxsim.state.VirtualMachine;
import io.edukit.vmservice.proxmoxsim.tasks.TaskFailedException;
import io.edukit.vmservice.proxmoxsim.tasks.TaskLog;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Collectors;
import org.jspecify.annotations.Nullable;

/**
 * One {@code POST}/{@code PUT config} request: the options to set, delete and revert, checked as
 * {@code update_vm_api} checks them before it locks, and applied as its {@code updatefn} does.
 * On a running VM, options that cannot be hot-plugged wait in {@code pending} for the next start.
 */
final class ConfigChanges {

    /** Parameters of the call that are not VM options. */
    private static final Set<String> CONTROL = Set.of("node", "vmid", "digest", "background_delay", "skiplock",
            "delete", "revert", "force", "import-working-storage", "skip_cloud_init");
    private static final Pattern NEW_DISK = Pattern.compile("(([^/:\\s]+):)?(\\d+(\\.\\d+)?)");
    private static final Pattern HOTPLUGGABLE = Pattern.compile(
            "name|description|onboot|protection|tags|startup|shares|hookscript|vmstatestorage|lock|balloon"
                    + "|cicustom|cipassword|citype|ciuser|ciupgrade|nameserver|searchdomain|sshkeys"
                    + "|ipconfig\\d+|net\\d+|scsi\\d+|virtio\\d+|usb\\d+");

    private final Map<String, String> set;
    private final List<String> delete;
    private final Set<String> revert;
    private final @Nullable String digest;

    private ConfigChanges(Map<String, String> set, List<String> delete, Set<String> revert, @Nullable String digest) {
        this.set = set;
        this.delete = delete;
        this.revert = revert;
        this.digest = digest;
    }

    /** The checks {@code update_vm_api} makes before locking; failures are HTTP errors. */
    static ConfigChanges from(ApiCall call, EndpointSchema configSchema, List<String> deleteList) {
        Vms.rejectRootOnly(call, "skiplock");
        Map<String, String> set = new LinkedHashMap<>();
        call.params().forEach((k, v) -> {
            if (!CONTROL.contains(k)) {
                set.put(k, v);
            }
        });
        String cdrom = set.remove("cdrom");
        if (cdrom != null) {
            set.put("ide2", cdrom.contains("media=") ? cdrom : cdrom + ",media=cdrom");
        }
        if (deleteList.isEmpty() && call.param("revert").isEmpty() && set.isEmpty()) {
            throw PveException.error("no options specified");
        }
        Set<String> revert = new LinkedHashSet<>();
        for (String option : splitList(call.param("revert").orElse(""))) {
            if (!configSchema.defines(option)) {
                throw PveException.parameter("revert", "unknown option '" + option + "'");
            }
            if (set.containsKey(option)) {
                throw PveException.parameter("delete", "you can't use '-" + option + "' and -revert " + option + "' at the same time");
            }
            revert.add(option);
        }
        List<String> delete = new ArrayList<>();
        for (String raw : deleteList) {
            String option = raw.equals("cdrom") ? "ide2" : raw;
            if (set.containsKey(option)) {
                throw PveException.parameter("delete", "you can't use '-" + option + "' and -delete " + option + "' at the same time");
            }
            if (revert.contains(option)) {
                throw PveException.parameter("revert", "you can't use '-delete " + option + "' and -revert " + option + "' at the same time");
            }
            if (!configSchema.defines(option)) {
                throw PveException.parameter("delete", "unknown option '" + option + "'");
            }
            delete.add(option);
        }
        set.forEach((key, value) -> {
            if (Drive.isDriveKey(key)) {
                checkDriveStorage(Drive.parse(key, value));
            }
        });
        return new ConfigChanges(set, delete, revert, call.param("digest").orElse(null));
    }

    static List<String> splitList(String text) {
        String t = text.replaceAll("[,;]", " ").strip();
        return t.isEmpty() ? List.of() : Arrays.asList(t.split("\\s+"));
    }

    /** Digest and lock, checked before forking and again inside the worker. */
    void check(VirtualMachine vm, boolean inTask) {
        if (digest != null && !digest.equals(vm.digest())) {
            fail("checksum mismatch (file change by other user?)", inTask);
        }
        Vms.lockMessage(vm).ifPresent(message -> fail(message, inTask));
    }

    /** The log line qemu-server writes first: {@code update VM 123: -cores 2 -memory 2048}. */
    String describe(int vmid) {
        Map<String, String> all = new TreeMap<>(set);
        if (!delete.isEmpty()) {
            all.put("delete", String.join(",", delete));
        }
        if (!revert.isEmpty()) {
            all.put("revert", String.join(",", revert));
        }
        return "update VM " + vmid + ": " + all.entrySet().stream()
                .map(e -> "-" + e.getKey() + " " + (e.getKey().equals("cipassword") ? "<hidden>" : e.getValue()))
                .collect(Collectors.joining(" "));
    }

    void apply(VirtualMachine vm, Cluster cluster, TaskLog log) {
        Map<String, String> config = vm.config();
        for (String option : delete) {
            String value = config.containsKey(option) ? config.get(option) : vm.pending().get(option);
            if (value == null) {
                log.warn("cannot delete '" + option + "' - not set in current configuration!");
                continue;
            }
            vm.pending().remove(option);
            removeFromBootOrder(config, option);
            if (Drive.isDriveKey(option) && Drive.parse(option, value).isDisk()) {
                config.put(firstFreeUnused(config), Drive.parse(option, value).file());
            }
            config.remove(option);
        }
        for (Map.Entry<String, String> option : set.entrySet()) {
            String key = option.getKey();
            String value = normalize(key, option.getValue(), vm, cluster);
            if (key.equals("boot")) {
                checkBootOrder(value, vm, set.keySet(), delete);
            }
            if (vm.isRunning() && !HOTPLUGGABLE.matcher(key).matches()) {
                vm.pending().put(key, value);
            } else {
                config.put(key, value);
                vm.pending().remove(key);
            }
        }
        revert.forEach(vm.pending()::remove);
    }

    private String normalize(String key, String value, VirtualMachine vm, Cluster cluster) {
        if (key.matches("net\\d+")) {
            return Networks.withMac(value, cluster.identifiers());
        }
        if (key.equals("vmgenid") && value.equals("1")) {
            return cluster.identifiers().nextUuid();
        }
        if (key.equals("tags")) {
            return splitList(value).stream().distinct().sorted().collect(Collectors.joining(";"));
        }
        if (Drive.isDriveKey(key)) {
            return allocate(Drive.parse(key, value), vm).print();
        }
        return value;
    }

    /** {@code storage:10} allocates a new 10 GiB disk; {@code storage:cloudinit} a cloud-init drive. */
    private static Drive allocate(Drive drive, VirtualMachine vm) {
        String storage = drive.storage().orElse(null);
        if (drive.volumeName().equals("cloudinit") && storage != null) {
            Drive ci = drive.withFile(storage + ":vm-" + vm.vmid() + "-cloudinit");
            ci.options().put("media", "cdrom");
            return ci;
        }
        Matcher m = NEW_DISK.matcher(drive.file());
        if (!m.matches()) {
            return drive;
        }
        Set<String> used = new LinkedHashSet<>();
        vm.config().forEach((k, v) -> {
            if (Drive.isDriveKey(k) || k.matches("unused\\d+")) {
                used.add(Drive.parse(k, v).volumeName());
            }
        });
        int index = 0;
        while (used.contains("vm-" + vm.vmid() + "-disk-" + index)) {
            index++;
        }
        long bytes = (long) (Double.parseDouble(m.group(3)) * (1L << 30));
        return drive.withFile(m.group(2) + ":vm-" + vm.vmid() + "-disk-" + index).withSize(bytes);
    }

    private static void checkDriveStorage(Drive drive) {
        Matcher m = NEW_DISK.matcher(drive.file());
        boolean newDisk = m.matches();
        String storage = newDisk ? m.group(2) : drive.storage().orElse(null);
        if (newDisk && storage == null) {
            throw PveException.error("no storage ID specified (and no default storage)");
        }
        if (storage == null) {
            return;
        }
        StorageDefinition definition = StorageDefinition.find(storage)
                .orElseThrow(() -> PveException.error("storage '" + storage + "' does not exist"));
        if ((newDisk || drive.volumeName().equals("cloudinit")) && !definition.holds("images")) {
            throw PveException.parameter("storage", "storage '" + storage + "' does not support vm images");
        }
    }

    private static void checkBootOrder(String boot, VirtualMachine vm, Set<String> setNow, List<String> deleted) {
        String order = PropertyString.parse(boot, "legacy").get("order");
        if (order == null) {
            return;
        }
        for (String device : splitList(order)) {
            boolean exists = vm.config().containsKey(device) || vm.pending().containsKey(device) || setNow.contains(device);
            if (!exists || deleted.contains(device)) {
                throw new TaskFailedException("invalid bootorder: device '" + device + "' does not exist'");
            }
        }
    }

    private static void removeFromBootOrder(Map<String, String> config, String device) {
        String boot = config.get("boot");
        if (boot == null) {
            return;
        }
        Map<String, String> fields = PropertyString.parse(boot, "legacy");
        String order = fields.get("order");
        if (order == null || !splitList(order).contains(device)) {
            return;
        }
        String remaining = splitList(order).stream().filter(d -> !d.equals(device)).collect(Collectors.joining(";"));
        if (remaining.isEmpty()) {
            fields.remove("order");
        } else {
            fields.put("order", remaining);
        }
        config.put("boot", PropertyString.print(fields, "legacy"));
    }

    private static String firstFreeUnused(Map<String, String> config) {
        int i = 0;
        while (config.containsKey("unused" + i)) {
            i++;
        }
        return "unused" + i;
    }

    private static void fail(String message, boolean inTask) {
        if (inTask) {
            throw new TaskFailedException(message);
        }
        throw PveException.error(message);
    }
}
