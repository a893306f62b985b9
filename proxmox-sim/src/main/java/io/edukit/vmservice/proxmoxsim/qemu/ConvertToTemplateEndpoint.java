package io.edukit.vmservice.proxmoxsim.qemu;

import io.edukit.vmservice.proxmoxsim.api.ApiCall;
import io.edukit.vmservice.proxmoxsim.api.ApiResult;
import io.edukit.vmservice.proxmoxsim.api.Endpoint;
import io.edukit.vmservice.proxmoxsim.api.PveException;
import io.edukit.vmservice.proxmoxsim.state.Cluster;
import io.edukit.vmservice.proxmoxsim.state.Drive;
import io.edukit.vmservice.proxmoxsim.state.VirtualMachine;
import io.edukit.vmservice.proxmoxsim.tasks.TaskLog;
import io.edukit.vmservice.proxmoxsim.tasks.TaskWork;
import io.edukit.vmservice.proxmoxsim.timing.Timing;
import java.time.Duration;

/**
 * {@code POST template} ({@code qm template}): checked and marked {@code template: 1} at once; the
 * {@code qmtemplate} worker then renames the disks to {@code base-<vmid>-disk-<n>}.
 */
final class ConvertToTemplateEndpoint implements Endpoint {

    private final Cluster cluster;
    private final Worker worker;
    private final Timing timing;

    ConvertToTemplateEndpoint(Cluster cluster, Worker worker, Timing timing) {
        this.cluster = cluster;
        this.worker = worker;
        this.timing = timing;
    }

    @Override
    public ApiResult handle(ApiCall call) {
        String node = call.node();
        int vmid = call.vmid();
        cluster.lockedRun(() -> {
            VirtualMachine vm = Vms.require(cluster, node, vmid);
            Vms.checkLock(vm);
            if (vm.isTemplate() && call.param("disk").isEmpty()) {
                throw PveException.error("you can't convert a template to a template");
            }
            if (vm.isRunning()) {
                throw PveException.error("you can't convert a VM to template if VM is running");
            }
            vm.config().put("template", "1");
        });
        var task = worker.fork(call, "qmtemplate", Integer.toString(vmid), new TaskWork() {
            @Override
            public Duration begin(TaskLog log) {
                return timing.of(timing.model().template());
            }

            @Override
            public void complete(TaskLog log) {
                cluster.lockedRun(() -> cluster.vmOn(node, vmid).ifPresent(vm -> {
                    for (Drive drive : vm.drives()) {
                        String prefix = "vm-" + vmid + "-disk-";
                        if (drive.isDisk() && drive.volumeName().startsWith(prefix) && drive.storage().isPresent()) {
                            String base = "base-" + vmid + "-disk-" + drive.volumeName().substring(prefix.length());
                            log.line("  Renamed \"" + drive.volumeName() + "\" to \"" + base + "\" in volume group \"pve\"");
                            vm.config().put(drive.key(), drive.withFile(drive.storage().get() + ":" + base).print());
                        }
                    }
                }));
            }
        });
        return ApiResult.upid(task.upid().text());
    }
}
