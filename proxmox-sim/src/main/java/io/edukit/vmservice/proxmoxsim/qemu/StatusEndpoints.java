package io.edukit.vmservice.proxmoxsim.qemu;

import io.edukit.vmservice.proxmoxsim.api.ApiResult;
import io.edukit.vmservice.proxmoxsim.api.Endpoint;
import io.edukit.vmservice.proxmoxsim.json.Json;
import io.edukit.vmservice.proxmoxsim.state.Cluster;
import io.edukit.vmservice.proxmoxsim.state.VirtualMachine;
import tools.jackson.databind.node.ArrayNode;

/** {@code GET /nodes/{node}/qemu} and {@code GET status/current}. */
final class StatusEndpoints {

    private final Cluster cluster;

    StatusEndpoints(Cluster cluster) {
        this.cluster = cluster;
    }

    Endpoint list() {
        return call -> cluster.locked(() -> {
            ArrayNode out = Json.array();
            for (VirtualMachine vm : cluster.vmsOn(call.node())) {
                out.add(StatusView.of(vm, false));
            }
            return ApiResult.of(out);
        });
    }

    Endpoint current() {
        return call -> cluster.locked(() -> ApiResult.of(StatusView.of(Vms.require(cluster, call.node(), call.vmid()), true)));
    }
}
