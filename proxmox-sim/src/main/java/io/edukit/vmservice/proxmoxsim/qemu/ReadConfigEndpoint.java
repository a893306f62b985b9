package io.edukit.vmservice.proxmoxsim.qemu;

import io.edukit.vmservice.proxmoxsim.api.ApiCall;
import io.edukit.vmservice.proxmoxsim.api.ApiResult;
import io.edukit.vmservice.proxmoxsim.api.Endpoint;
import io.edukit.vmservice.proxmoxsim.api.PveException;
import io.edukit.vmservice.proxmoxsim.state.Cluster;
import io.edukit.vmservice.proxmoxsim.state.VirtualMachine;

/**
 * {@code GET config}: the configuration with pending changes applied, or with {@code current=1}
 * without them. Reading needs no lock, so it works while a clone still runs.
 */
final class ReadConfigEndpoint implements Endpoint {

    private final Cluster cluster;
    private final ConfigView view;

    ReadConfigEndpoint(Cluster cluster, ConfigView view) {
        this.cluster = cluster;
        this.view = view;
    }

    @Override
    public ApiResult handle(ApiCall call) {
        if (call.param("snapshot").isPresent() && call.flag("current")) {
            throw PveException.parameters(java.util.Map.of(
                    "snapshot", "cannot use 'snapshot' parameter with 'current'",
                    "current", "cannot use 'snapshot' parameter with 'current'"));
        }
        return cluster.locked(() -> {
            VirtualMachine vm = Vms.require(cluster, call.node(), call.vmid());
            call.param("snapshot").ifPresent(snap -> {
                throw PveException.error("snapshot '" + snap + "' does not exist");
            });
            var config = call.flag("current") ? vm.config() : vm.configWithPending();
            return ApiResult.of(view.render(config, vm.digest()));
        });
    }
}
