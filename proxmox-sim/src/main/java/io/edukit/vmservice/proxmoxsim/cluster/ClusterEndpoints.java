package io.edukit.vmservice.proxmoxsim.cluster;

import io.edukit.vmservice.proxmoxsim.ApiVersion;
import io.edukit.vmservice.proxmoxsim.Operation;
import io.edukit.vmservice.proxmoxsim.api.ApiCall;
import io.edukit.vmservice.proxmoxsim.api.ApiResult;
import io.edukit.vmservice.proxmoxsim.api.Endpoint;
import io.edukit.vmservice.proxmoxsim.api.PveException;
import io.edukit.vmservice.proxmoxsim.json.Json;
import io.edukit.vmservice.proxmoxsim.state.Cluster;
import io.edukit.vmservice.proxmoxsim.state.Drive;
import io.edukit.vmservice.proxmoxsim.state.StorageDefinition;
import io.edukit.vmservice.proxmoxsim.state.VirtualMachine;
import java.util.EnumMap;
import java.util.Map;
import tools.jackson.databind.node.ArrayNode;
import tools.jackson.databind.node.ObjectNode;

/**
 * {@code GET /version}, {@code GET /cluster/nextid} and {@code GET /cluster/resources}.
 *
 * <p>{@code nextid} reserves nothing, as in PVE: two callers get the same id. Its answer is a
 * JSON string ({@code "data":"100"}), as PVE's Perl scalars come out, although the schema says integer.
 */
public final class ClusterEndpoints {

    private static final int LOWEST_VMID = 100;
    private static final int HIGHEST_VMID = 1_000_000;

    private ClusterEndpoints() {}

    public static Map<Operation, Endpoint> create(Cluster cluster, ApiVersion version) {
        Map<Operation, Endpoint> endpoints = new EnumMap<>(Operation.class);
        endpoints.put(Operation.VERSION, call -> {
            ObjectNode out = Json.object();
            out.put("release", version.release());
            out.put("repoid", version.repoId());
            out.put("version", version.version());
            return ApiResult.of(out);
        });
        endpoints.put(Operation.NEXT_ID, call -> cluster.locked(() -> nextId(cluster, call)));
        endpoints.put(Operation.CLUSTER_RESOURCES, call -> cluster.locked(() -> resources(cluster, call)));
        return endpoints;
    }

    private static ApiResult nextId(Cluster cluster, ApiCall call) {
        var requested = call.param("vmid");
        if (requested.isPresent()) {
            if (cluster.vmidTaken(Integer.parseInt(requested.get()))) {
                throw PveException.parameter("vmid", "VM " + requested.get() + " already exists");
            }
            return ApiResult.of(Json.string(requested.get()));
        }
        for (int id = LOWEST_VMID; id < HIGHEST_VMID; id++) {
            if (!cluster.vmidTaken(id)) {
                return ApiResult.of(Json.string(Integer.toString(id)));
            }
        }
        throw PveException.error("unable to get any free VMID in range [" + LOWEST_VMID + ", " + HIGHEST_VMID + "]");
    }

    private static ApiResult resources(Cluster cluster, ApiCall call) {
        String type = call.param("type").orElse("");
        ArrayNode out = Json.array();
        if (type.isEmpty() || type.equals("vm")) {
            cluster.vms().forEach(vm -> out.add(vmResource(vm)));
        }
        if (type.isEmpty() || type.equals("node")) {
            cluster.nodes().forEach(node -> out.add(nodeResource(node)));
        }
        if (type.isEmpty() || type.equals("storage")) {
            for (String node : cluster.nodes()) {
                for (StorageDefinition storage : StorageDefinition.ALL) {
                    out.add(storageResource(cluster, node, storage));
                }
            }
        }
        return ApiResult.of(out);
    }

    private static ObjectNode vmResource(VirtualMachine vm) {
        ObjectNode r = Json.object();
        r.put("id", "qemu/" + vm.vmid());
        r.put("type", "qemu");
        r.put("vmid", vm.vmid());
        r.put("node", vm.node());
        r.put("name", vm.name());
        r.put("status", vm.isRunning() ? "running" : "stopped");
        r.put("template", vm.isTemplate() ? 1 : 0);
        r.put("maxcpu", vm.cpus());
        r.put("maxmem", vm.memoryBytes());
        r.put("maxdisk", vm.bootDiskBytes());
        r.put("cpu", 0);
        r.put("mem", vm.isRunning() ? vm.memoryBytes() * 2 / 5 : 0);
        r.put("disk", 0);
        r.put("diskread", 0);
        r.put("diskwrite", 0);
        r.put("netin", 0);
        r.put("netout", 0);
        r.put("uptime", 0);
        vm.lock().ifPresent(lock -> r.put("lock", lock));
        vm.get("tags").ifPresent(tags -> r.put("tags", tags));
        return r;
    }

    private static ObjectNode nodeResource(String node) {
        ObjectNode r = Json.object();
        r.put("id", "node/" + node);
        r.put("type", "node");
        r.put("node", node);
        r.put("status", "online");
        r.put("level", "");
        r.put("cgroup-mode", 2);
        r.put("maxcpu", 32);
        r.put("cpu", 0.05);
        r.put("maxmem", 256L << 30);
        r.put("mem", 32L << 30);
        r.put("maxdisk", 100L << 30);
        r.put("disk", 12L << 30);
        r.put("uptime", 864_000);
        return r;
    }

    private static ObjectNode storageResource(Cluster cluster, String node, StorageDefinition storage) {
        long used = 0;
        for (VirtualMachine vm : cluster.vmsOn(node)) {
            for (Drive drive : vm.drives()) {
                if (drive.storage().filter(storage.id()::equals).isPresent() && !drive.isCloudInit()) {
                    used += drive.sizeBytes();
                }
            }
        }
        ObjectNode r = Json.object();
        r.put("id", "storage/" + node + "/" + storage.id());
        r.put("type", "storage");
        r.put("storage", storage.id());
        r.put("node", node);
        r.put("status", "available");
        r.put("plugintype", storage.type());
        r.put("content", storage.contentText());
        r.put("shared", 0);
        r.put("maxdisk", storage.totalBytes());
        r.put("disk", used);
        return r;
    }
}
