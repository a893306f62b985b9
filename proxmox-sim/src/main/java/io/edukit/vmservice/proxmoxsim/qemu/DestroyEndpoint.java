package io.edukit.vmservice.proxmoxsim.qemu;

import io.edukit.vmservice.proxmoxsim.api.ApiCall;
import io.edukit.vmservice.proxmoxsim.api.ApiResult;
import io.edukit.vmservice.proxmoxsim.api.Endpoint;
import io.edukit.vmservice.proxmoxsim.api.PveException;
import io.edukit.vmservice.proxmoxsim.state.Cluster;
import io.edukit.vmservice.proxmoxsim.state.Drive;
import io.edukit.vmservice.proxmoxsim.state.VirtualMachine;
import io.edukit.vmservice.proxmoxsim.tasks.TaskFailedException;
import io.edukit.vmservice.proxmoxsim.tasks.TaskLog;
import io.edukit.vmservice.proxmoxsim.tasks.TaskWork;
import io.edukit.vmservice.proxmoxsim.timing.Timing;
import java.time.Duration;

/**
 * {@code DELETE /nodes/{node}/qemu/{vmid}}: existence, protection and "running" are checked at
 * once ({@code VM 123 is running - destroy failed}); the config lock is checked by the
 * {@code qmdestroy} worker, which then removes the VM and its volumes.
 */
final class DestroyEndpoint implements Endpoint {

    private final Cluster cluster;
    private final Worker worker;
    private final Timing timing;

    DestroyEndpoint(Cluster cluster, Worker worker, Timing timing) {
        this.cluster = cluster;
        this.worker = worker;
        this.timing = timing;
    }

    @Override
    public ApiResult handle(ApiCall call) {
        Vms.rejectRootOnly(call, "skiplock");
        String node = call.node();
        int vmid = call.vmid();
        cluster.lockedRun(() -> earlyChecks(Vms.require(cluster, node, vmid), false));
        boolean purge = call.flag("purge");
        var task = worker.fork(call, "qmdestroy", Integer.toString(vmid), new TaskWork() {
            @Override
            public Duration begin(TaskLog log) {
                return cluster.locked(() -> {
                    VirtualMachine vm = Vms.requireInTask(cluster, node, vmid);
                    earlyChecks(vm, true);
                    Vms.checkLockInTask(vm);
                    checkBaseVolumesUnused(vm);
                    return timing.of(timing.model().destroy());
                });
            }

            @Override
            public void complete(TaskLog log) {
                cluster.lockedRun(() -> {
                    VirtualMachine vm = Vms.requireInTask(cluster, node, vmid);
                    for (Drive drive : vm.drives()) {
                        if (!drive.isCdrom() || drive.isCloudInit()) {
                            String volume = drive.volumeName();
                            log.line("  Logical volume \"" + volume.substring(volume.indexOf('/') + 1) + "\" successfully removed.");
                        }
                    }
                    if (purge) {
                        log.line("purging VM " + vmid + " from related configurations..");
                    }
                    cluster.remove(vmid);
                });
            }
        });
        return ApiResult.upid(task.upid().text());
    }

    private static void earlyChecks(VirtualMachine vm, boolean inTask) {
        String problem = null;
        if ("1".equals(vm.config().get("protection"))) {
            problem = "can't remove VM " + vm.vmid() + " - protection mode enabled";
        } else if (vm.isRunning()) {
            problem = "VM " + vm.vmid() + " is running - destroy failed";
        }
        if (problem != null) {
            if (inTask) {
                throw new TaskFailedException(problem);
            }
            throw PveException.error(problem);
        }
    }

    /** A template's base volume cannot go while linked clones still use it (LVM-thin refuses). */
    private void checkBaseVolumesUnused(VirtualMachine template) {
        for (Drive drive : template.drives()) {
            String base = drive.volumeName();
            if (!base.startsWith("base-")) {
                continue;
            }
            for (VirtualMachine other : cluster.vms()) {
                boolean usesBase = other.vmid() != template.vmid()
                        && other.drives().stream().anyMatch(d -> d.volumeName().startsWith(base + "/"));
                if (usesBase) {
                    throw new TaskFailedException("base volume '" + base + "' is still in use by linked cloned");
                }
            }
        }
    }
}
