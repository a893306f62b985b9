package io.edukit.vmservice.proxmoxsim.storage;

import io.edukit.vmservice.proxmoxsim.api.ApiCall;
import io.edukit.vmservice.proxmoxsim.api.ApiResult;
import io.edukit.vmservice.proxmoxsim.api.Endpoint;
import io.edukit.vmservice.proxmoxsim.api.PveException;
import io.edukit.vmservice.proxmoxsim.json.Json;
import io.edukit.vmservice.proxmoxsim.state.Cluster;
import io.edukit.vmservice.proxmoxsim.state.Drive;
import io.edukit.vmservice.proxmoxsim.state.SnippetStore;
import io.edukit.vmservice.proxmoxsim.state.StorageDefinition;
import io.edukit.vmservice.proxmoxsim.state.VirtualMachine;
import java.util.Optional;
import tools.jackson.databind.node.ArrayNode;
import tools.jackson.databind.node.ObjectNode;

/**
 * {@code GET /nodes/{node}/storage/{storage}/content}: the files in the snippet directory for
 * {@code local} (format {@code snippet}, content {@code snippets}) and the VMs' volumes for
 * {@code local-lvm}, optionally filtered by {@code content} and {@code vmid}.
 */
public final class StorageContentEndpoint implements Endpoint {

    private final Cluster cluster;

    public StorageContentEndpoint(Cluster cluster) {
        this.cluster = cluster;
    }

    @Override
    public ApiResult handle(ApiCall call) {
        String storageId = call.require("storage");
        StorageDefinition storage = StorageDefinition.find(storageId)
                .orElseThrow(() -> PveException.error("storage '" + storageId + "' does not exist"));
        Optional<String> content = call.param("content");
        Optional<Integer> vmid = call.param("vmid").map(Integer::parseInt);
        ArrayNode out = Json.array();
        if (storage.holds("snippets") && content.map("snippets"::equals).orElse(true) && vmid.isEmpty()) {
            for (SnippetStore.Snippet snippet : cluster.snippets().list()) {
                ObjectNode item = out.addObject();
                item.put("volid", storageId + ":snippets/" + snippet.name());
                item.put("content", "snippets");
                item.put("format", "snippet");
                item.put("size", snippet.size());
                item.put("ctime", snippet.ctimeEpochSeconds());
            }
        }
        if (storage.holds("images") && content.map("images"::equals).orElse(true)) {
            cluster.lockedRun(() -> {
                for (VirtualMachine vm : cluster.vmsOn(call.node())) {
                    if (vmid.isPresent() && vmid.get() != vm.vmid()) {
                        continue;
                    }
                    vm.config().forEach((key, value) -> volume(out, storageId, vm, key, value));
                }
            });
        }
        return ApiResult.of(out);
    }

    private static void volume(ArrayNode out, String storageId, VirtualMachine vm, String key, String value) {
        if (!Drive.isDriveKey(key) && !key.matches("unused\\d+")) {
            return;
        }
        Drive drive = Drive.parse(key, value);
        if (!drive.storage().filter(storageId::equals).isPresent() || drive.isCdrom() && !drive.isCloudInit()) {
            return;
        }
        ObjectNode item = out.addObject();
        item.put("volid", drive.file());
        item.put("content", "images");
        item.put("format", "raw");
        item.put("size", drive.isCloudInit() ? 4L << 20 : drive.sizeBytes());
        item.put("vmid", vm.vmid());
        String volume = drive.volumeName();
        if (volume.contains("/")) {
            item.put("parent", volume.substring(0, volume.indexOf('/')) + "@__base__");
        }
    }
}
