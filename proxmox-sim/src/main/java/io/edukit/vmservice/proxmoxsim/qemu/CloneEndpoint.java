package io.edukit.vmservice.proxmoxsim.qemu;

import io.edukit.vmservice.proxmoxsim.api.ApiCall;
import io.edukit.vmservice.proxmoxsim.api.ApiResult;
import io.edukit.vmservice.proxmoxsim.api.Endpoint;
import io.edukit.vmservice.proxmoxsim.api.PveException;
import io.edukit.vmservice.proxmoxsim.counters.CallCounters;
import io.edukit.vmservice.proxmoxsim.state.Cluster;
import io.edukit.vmservice.proxmoxsim.state.Drive;
import io.edukit.vmservice.proxmoxsim.state.StorageDefinition;
import io.edukit.vmservice.proxmoxsim.state.VirtualMachine;
import io.edukit.vmservice.proxmoxsim.timing.Timing;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TreeMap;

/**
 * {@code POST /nodes/{node}/qemu/{vmid}/clone}. As in qemu-server, everything that can be checked
 * before forking is answered at once with an HTTP error (source missing or locked, target VMID
 * taken, storage with a linked clone, …); then the new VM exists with {@code lock: clone} until
 * its {@code qmclone} task ends, which gives it its disks and removes the lock.
 */
final class CloneEndpoint implements Endpoint {

    /** The comment line of qemu-server's placeholder config ({@code # qmclone temporary file}), read as a description. */
    static final String PLACEHOLDER_DESCRIPTION = " qmclone temporary file\n";

    /** Options a clone never copies (snapshot and runtime state). */
    private static final Set<String> NOT_COPIED = Set.of("snapshots", "parent", "snaptime", "vmstate",
            "snapstate", "runningcpu", "runningmachine", "running-nets-host-mtu", "lock", "template", "digest");

    private final Cluster cluster;
    private final Worker worker;
    private final Timing timing;
    private final CallCounters counters;

    CloneEndpoint(Cluster cluster, Worker worker, Timing timing, CallCounters counters) {
        this.cluster = cluster;
        this.worker = worker;
        this.timing = timing;
        this.counters = counters;
    }

    @Override
    public ApiResult handle(ApiCall call) {
        String node = call.node();
        int vmid = call.vmid();
        int newid = Integer.parseInt(call.require("newid"));
        ClonePlan plan = cluster.locked(() -> plan(call, node, vmid, newid));
        counters.cloneAccepted(call.param("description").orElse(""));
        var task = worker.fork(call, "qmclone", Integer.toString(vmid), newid,
                new CloneWork(cluster, plan, timing, counters));
        return ApiResult.upid(task.upid().text());
    }

    private ClonePlan plan(ApiCall call, String node, int vmid, int newid) {
        Optional<String> target = call.param("target").filter(t -> !t.equals(node) && !t.equals("localhost"));
        if (target.isPresent() && !cluster.hasNode(target.get())) {
            throw PveException.error("no such cluster node '" + target.get() + "'");
        }
        call.param("pool").ifPresent(pool -> {
            throw PveException.error("pool '" + pool + "' does not exist");
        });
        Optional<String> storage = call.param("storage");
        if (storage.isPresent()) {
            StorageDefinition definition = StorageDefinition.find(storage.get())
                    .orElseThrow(() -> PveException.error("storage '" + storage.get() + "' does not exist"));
            if (!definition.holds("images")) {
                throw PveException.parameter("storage", "storage '" + storage.get() + "' does not support vm images");
            }
        }
        VirtualMachine source = Vms.require(cluster, node, vmid);
        Vms.checkLock(source);
        call.param("snapname").ifPresent(snap -> {
            throw PveException.error("snapshot '" + snap + "' does not exist");
        });
        boolean full = call.param("full").map("1"::equals).orElse(!source.isTemplate());
        if (storage.isPresent() && !full) {
            throw PveException.error("parameter 'storage' not allowed for linked clones");
        }
        if (call.param("format").isPresent() && !full) {
            throw PveException.error("parameter 'format' not allowed for linked clones");
        }
        List<Drive> toCopy = new ArrayList<>();
        Map<String, String> config = new TreeMap<>();
        for (Map.Entry<String, String> option : source.config().entrySet()) {
            String key = option.getKey();
            if (NOT_COPIED.contains(key) || key.matches("unused\\d+")) {
                continue;
            }
            if (key.matches("net\\d+")) {
                config.put(key, Networks.withNewMac(option.getValue(), cluster.identifiers()));
            } else if (Drive.isDriveKey(key)) {
                Drive drive = Drive.parse(key, option.getValue());
                if (drive.isCdrom() && !drive.isCloudInit()) {
                    config.put(key, option.getValue());
                } else {
                    if (!full && !drive.isCloudInit() && !drive.volumeName().startsWith("base-")) {
                        throw PveException.error("Linked clone feature is not supported for '" + drive.file() + "' (" + key + ")");
                    }
                    toCopy.add(drive);
                }
            } else {
                config.put(key, option.getValue());
            }
        }
        if (target.isPresent()) {
            throw PveException.error("can't clone VM to node '" + target.get() + "' (VM uses local storage)");
        }
        if (cluster.vmidTaken(newid)) {
            throw PveException.error("unable to create VM " + newid + ": config file already exists");
        }
        config.put("smbios1", Networks.withNewUuid(config.getOrDefault("smbios1", ""), cluster.identifiers()));
        if (config.containsKey("vmgenid")) {
            config.put("vmgenid", cluster.identifiers().nextUuid());
        }
        config.put("name", call.param("name").orElse("Copy-of-VM-" + source.config().getOrDefault("name", Integer.toString(vmid))));
        call.param("description").filter(d -> !d.isEmpty()).ifPresent(d -> config.put("description", d));
        // As qemu-server: until the disks are copied the new VM's config is a placeholder holding the
        // lock (its comment line reads as the description); the real config is written at the end.
        Map<String, String> placeholder = new TreeMap<>(Map.of("lock", "clone", "description", PLACEHOLDER_DESCRIPTION));
        cluster.add(new VirtualMachine(newid, node, placeholder));
        return new ClonePlan(node, vmid, newid, full, storage.orElse(null), toCopy, config);
    }
}
