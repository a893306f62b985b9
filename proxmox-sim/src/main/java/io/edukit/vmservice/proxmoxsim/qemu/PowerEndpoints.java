package io.edukit.vmservice.proxmoxsim.qemu;

import io.edukit.vmservice.proxmoxsim.api.ApiCall;
import io.edukit.vmservice.proxmoxsim.api.ApiResult;
import io.edukit.vmservice.proxmoxsim.api.Endpoint;
import io.edukit.vmservice.proxmoxsim.state.Cluster;
import io.edukit.vmservice.proxmoxsim.state.VirtualMachine;
import io.edukit.vmservice.proxmoxsim.tasks.TaskFailedException;
import io.edukit.vmservice.proxmoxsim.tasks.TaskLog;
import io.edukit.vmservice.proxmoxsim.tasks.TaskWork;
import io.edukit.vmservice.proxmoxsim.timing.Timing;
import java.time.Duration;

/**
 * {@code status/start}, {@code status/stop} and {@code status/shutdown}. The API forks the task at
 * once; the checks run in the worker, so starting a template returns a UPID whose task fails
 * with {@code you can't start a vm if it's a template}.
 */
final class PowerEndpoints {

    private final Cluster cluster;
    private final Worker worker;
    private final Timing timing;

    PowerEndpoints(Cluster cluster, Worker worker, Timing timing) {
        this.cluster = cluster;
        this.worker = worker;
        this.timing = timing;
    }

    Endpoint start() {
        return call -> {
            Vms.rejectRootOnly(call, "skiplock", "stateuri", "migratedfrom", "migration_type", "migration_network",
                    "targetstorage", "force-cpu", "with-conntrack-state", "nets-host-mtu");
            String node = call.node();
            int vmid = call.vmid();
            return fork(call, "qmstart", new TaskWork() {
                @Override
                public Duration begin(TaskLog log) {
                    return cluster.locked(() -> {
                        VirtualMachine vm = Vms.requireInTask(cluster, node, vmid);
                        if (vm.isTemplate()) {
                            throw new TaskFailedException("you can't start a vm if it's a template");
                        }
                        Vms.checkLockInTask(vm);
                        if (vm.isRunning()) {
                            throw new TaskFailedException("VM " + vmid + " already running");
                        }
                        vm.applyPending();
                        CloudInitSnippets.check(vm, cluster.snippets());
                        if (CloudInitSnippets.hasCloudInitDrive(vm)) {
                            log.line("generating cloud-init ISO");
                        }
                        return timing.of(timing.model().start());
                    });
                }

                @Override
                public void complete(TaskLog log) {
                    cluster.lockedRun(() -> {
                        VirtualMachine vm = Vms.requireInTask(cluster, node, vmid);
                        vm.markRunning(qemuPid(vmid), System.nanoTime());
                    });
                }
            });
        };
    }

    Endpoint stop() {
        return call -> {
            Vms.rejectRootOnly(call, "skiplock", "keepActive", "migratedfrom");
            return powerOff(call, "qmstop", timing.model().stop());
        };
    }

    Endpoint shutdown() {
        return call -> {
            Vms.rejectRootOnly(call, "skiplock", "keepActive");
            return powerOff(call, "qmshutdown", timing.model().shutdown());
        };
    }

    /** Stop and shutdown: a stopped VM is fine (nothing to do), a locked one is not. */
    private ApiResult powerOff(ApiCall call, String type, Duration modelDuration) {
        String node = call.node();
        int vmid = call.vmid();
        return fork(call, type, new TaskWork() {
            @Override
            public Duration begin(TaskLog log) {
                return cluster.locked(() -> {
                    VirtualMachine vm = Vms.requireInTask(cluster, node, vmid);
                    Vms.checkLockInTask(vm);
                    return vm.isRunning() ? timing.of(modelDuration) : Duration.ZERO;
                });
            }

            @Override
            public void complete(TaskLog log) {
                cluster.lockedRun(() -> cluster.vmOn(node, vmid).ifPresent(VirtualMachine::markStopped));
            }
        });
    }

    private ApiResult fork(ApiCall call, String type, TaskWork work) {
        return ApiResult.upid(worker.fork(call, type, Integer.toString(call.vmid()), work).upid().text());
    }

    /** A stable, plausible QEMU process id. */
    private static int qemuPid(int vmid) {
        return 1000 + Math.floorMod(vmid * 7919, 4_000_000);
    }
}
