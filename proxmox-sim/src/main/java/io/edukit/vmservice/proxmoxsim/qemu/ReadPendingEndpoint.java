package io.edukit.vmservice.proxmoxsim.qemu;

import io.edukit.vmservice.proxmoxsim.api.ApiCall;
import io.edukit.vmservice.proxmoxsim.api.ApiResult;
import io.edukit.vmservice.proxmoxsim.api.Endpoint;
import io.edukit.vmservice.proxmoxsim.json.Json;
import io.edukit.vmservice.proxmoxsim.state.Cluster;
import io.edukit.vmservice.proxmoxsim.state.VirtualMachine;
import java.util.TreeSet;
import tools.jackson.databind.node.ArrayNode;
import tools.jackson.databind.node.ObjectNode;

/** {@code GET pending}: every option with its current and, if any, pending value. */
final class ReadPendingEndpoint implements Endpoint {

    private final Cluster cluster;

    ReadPendingEndpoint(Cluster cluster) {
        this.cluster = cluster;
    }

    @Override
    public ApiResult handle(ApiCall call) {
        return cluster.locked(() -> {
            VirtualMachine vm = Vms.require(cluster, call.node(), call.vmid());
            ArrayNode out = Json.array();
            TreeSet<String> keys = new TreeSet<>(vm.config().keySet());
            keys.addAll(vm.pending().keySet());
            for (String key : keys) {
                ObjectNode item = out.addObject();
                item.put("key", key);
                String current = vm.config().get(key);
                String pending = vm.pending().get(key);
                boolean secret = key.equals("cipassword");
                if (current != null) {
                    item.put("value", secret ? "**********" : current);
                }
                if (pending != null) {
                    item.put("pending", secret ? "**********" : pending);
                }
            }
            return ApiResult.of(out);
        });
    }
}
