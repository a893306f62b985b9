package io.edukit.vmservice.proxmoxsim.qemu;

import io.edukit.vmservice.proxmoxsim.api.ApiCall;
import io.edukit.vmservice.proxmoxsim.api.ApiResult;
import io.edukit.vmservice.proxmoxsim.api.Endpoint;
import io.edukit.vmservice.proxmoxsim.api.PveException;
import io.edukit.vmservice.proxmoxsim.state.Cluster;
import io.edukit.vmservice.proxmoxsim.state.VirtualMachine;
import io.edukit.vmservice.proxmoxsim.timing.Timing;

/**
 * {@code GET agent/network-get-interfaces}, with {@code assert_agent_available}'s answers while
 * the guest cannot reply: no agent in the config, VM not running, and, until the agent delay after
 * the start has passed, 500 {@code QEMU guest agent is not running}.
 */
final class AgentEndpoint implements Endpoint {

    private final Cluster cluster;
    private final Timing timing;

    AgentEndpoint(Cluster cluster, Timing timing) {
        this.cluster = cluster;
        this.timing = timing;
    }

    @Override
    public ApiResult handle(ApiCall call) {
        return cluster.locked(() -> {
            VirtualMachine vm = Vms.require(cluster, call.node(), call.vmid());
            if (!vm.config().containsKey("agent")) {
                throw PveException.error("No QEMU guest agent configured");
            }
            if (!vm.isRunning()) {
                throw PveException.error("VM " + vm.vmid() + " is not running");
            }
            boolean booted = System.nanoTime() - vm.startedAtNanos() >= timing.agentDelay().toNanos();
            if (!vm.agentEnabled() || !booted) {
                throw PveException.error("QEMU guest agent is not running");
            }
            return ApiResult.of(GuestNetwork.interfaces(vm));
        });
    }
}
