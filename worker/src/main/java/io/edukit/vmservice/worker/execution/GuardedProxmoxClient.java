package io.edukit.vmservice.worker.execution;

import io.edukit.vmservice.worker.provisioning.FailureClass;
import io.edukit.vmservice.worker.proxmox.CloneRequest;
import io.edukit.vmservice.worker.proxmox.ClusterVm;
import io.edukit.vmservice.worker.proxmox.ConfigChange;
import io.edukit.vmservice.worker.proxmox.GuestInterface;
import io.edukit.vmservice.worker.proxmox.ProxmoxClient;
import io.edukit.vmservice.worker.proxmox.ProxmoxException;
import io.edukit.vmservice.worker.proxmox.PveVersion;
import io.edukit.vmservice.worker.proxmox.TaskStatus;
import io.edukit.vmservice.worker.proxmox.Upid;
import io.edukit.vmservice.worker.proxmox.VmConfig;
import io.edukit.vmservice.worker.proxmox.VmRef;
import io.edukit.vmservice.worker.proxmox.VmState;
import io.edukit.vmservice.worker.steps.Channel;

import java.util.List;
import java.util.function.Supplier;

/**
 * The Proxmox client with every call to a node counted by that node's API circuit. Calls to the
 * cluster as a whole (version, VMID check, resources) are answered by whichever node the base URL
 * reaches, so they pass unguarded.
 */
class GuardedProxmoxClient implements ProxmoxClient {

    private final ProxmoxClient delegate;
    private final NodeCircuits circuits;
    private final ExecutorProperties.Retry retry;

    GuardedProxmoxClient(ProxmoxClient delegate, NodeCircuits circuits, ExecutorProperties.Retry retry) {
        this.delegate = delegate;
        this.circuits = circuits;
        this.retry = retry;
    }

    private <T> T on(String node, Supplier<T> call) {
        return circuits.call(node, Channel.API, call);
    }

    /**
     * A call that is safe to ask again, asked again in place when it failed transiently: a step
     * that failed on it would go back to the queue for its backoff, and a clone would queue for a
     * slot again. A read changes nothing; a clone to a fixed VMID that happened after all makes the
     * second call "already exists", which the clone step settles by the clone's marker. Each try
     * counts in the node's circuit.
     */
    private <T> T askedAgainInPlace(Supplier<T> call) {
        for (int retried = 0; ; retried++) {
            try {
                return call.get();
            } catch (ProxmoxException e) {
                if (retried == retry.readRetries() || e.failureClass() != FailureClass.TRANSIENT || !paused()) {
                    throw e;
                }
            }
        }
    }

    /** False when interrupted (the worker stops): the failure then stands, and the interrupt with it. */
    private boolean paused() {
        try {
            Thread.sleep(retry.readRetryPause());
            return true;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return false;
        }
    }

    @Override
    public PveVersion version() {
        return delegate.version();
    }

    @Override
    public boolean isVmidFree(int vmid) {
        return askedAgainInPlace(() -> delegate.isVmidFree(vmid));
    }

    @Override
    public Upid cloneVm(CloneRequest request) {
        return askedAgainInPlace(() -> on(request.template().node(), () -> delegate.cloneVm(request)));
    }

    @Override
    public VmConfig config(VmRef vm) {
        return askedAgainInPlace(() -> on(vm.node(), () -> delegate.config(vm)));
    }

    @Override
    public Upid updateConfig(VmRef vm, ConfigChange change) {
        return on(vm.node(), () -> delegate.updateConfig(vm, change));
    }

    @Override
    public void setConfig(VmRef vm, ConfigChange change) {
        circuits.run(vm.node(), Channel.API, () -> delegate.setConfig(vm, change));
    }

    @Override
    public Upid resizeDisk(VmRef vm, String disk, int sizeGb) {
        return on(vm.node(), () -> delegate.resizeDisk(vm, disk, sizeGb));
    }

    @Override
    public Upid start(VmRef vm) {
        return on(vm.node(), () -> delegate.start(vm));
    }

    @Override
    public Upid stop(VmRef vm) {
        return on(vm.node(), () -> delegate.stop(vm));
    }

    @Override
    public Upid shutdown(VmRef vm, int timeoutSeconds) {
        return on(vm.node(), () -> delegate.shutdown(vm, timeoutSeconds));
    }

    @Override
    public VmState state(VmRef vm) {
        return askedAgainInPlace(() -> on(vm.node(), () -> delegate.state(vm)));
    }

    @Override
    public Upid delete(VmRef vm) {
        return on(vm.node(), () -> delegate.delete(vm));
    }

    @Override
    public TaskStatus taskStatus(Upid task) {
        return on(task.node(), () -> delegate.taskStatus(task));
    }

    @Override
    public List<String> taskLog(Upid task, int lines) {
        return on(task.node(), () -> delegate.taskLog(task, lines));
    }

    @Override
    public List<GuestInterface> guestNetworkInterfaces(VmRef vm) {
        return on(vm.node(), () -> delegate.guestNetworkInterfaces(vm));
    }

    @Override
    public List<ClusterVm> clusterVms() {
        return askedAgainInPlace(delegate::clusterVms);
    }
}
