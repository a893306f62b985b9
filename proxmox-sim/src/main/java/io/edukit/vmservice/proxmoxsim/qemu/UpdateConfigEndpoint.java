package io.edukit.vmservice.proxmoxsim.qemu;

import io.edukit.vmservice.proxmoxsim.Operation;
import io.edukit.vmservice.proxmoxsim.api.ApiCall;
import io.edukit.vmservice.proxmoxsim.api.ApiResult;
import io.edukit.vmservice.proxmoxsim.api.Endpoint;
import io.edukit.vmservice.proxmoxsim.api.PveException;
import io.edukit.vmservice.proxmoxsim.schema.ApiSchema;
import io.edukit.vmservice.proxmoxsim.schema.EndpointSchema;
import io.edukit.vmservice.proxmoxsim.state.Cluster;
import io.edukit.vmservice.proxmoxsim.tasks.Task;
import io.edukit.vmservice.proxmoxsim.tasks.TaskFailedException;
import io.edukit.vmservice.proxmoxsim.tasks.TaskLog;
import io.edukit.vmservice.proxmoxsim.tasks.TaskWork;
import io.edukit.vmservice.proxmoxsim.timing.Timing;
import java.time.Duration;
import java.util.List;

/**
 * {@code POST config} (asynchronous: a {@code qmconfig} task), {@code PUT config} (synchronous:
 * {@code null}) and {@code PUT unlink} (a synchronous delete). Both check digest and lock before
 * anything else, so a VM still being cloned answers 500 {@code VM is locked (clone)} at once.
 * With {@code background_delay}, POST waits up to that many seconds and returns {@code null} if
 * the task finished in time, or the task's error as an HTTP error.
 */
final class UpdateConfigEndpoint implements Endpoint {

    private final Cluster cluster;
    private final Worker worker;
    private final Timing timing;
    private final EndpointSchema configSchema;
    private final Mode mode;

    enum Mode { ASYNC, SYNC, UNLINK }

    UpdateConfigEndpoint(Cluster cluster, Worker worker, Timing timing, ApiSchema schema, Mode mode) {
        this.cluster = cluster;
        this.worker = worker;
        this.timing = timing;
        this.configSchema = schema.endpoint(Operation.UPDATE_CONFIG);
        this.mode = mode;
    }

    @Override
    public ApiResult handle(ApiCall call) {
        List<String> deletes = ConfigChanges.splitList(call.param(mode == Mode.UNLINK ? "idlist" : "delete").orElse(""));
        ConfigChanges changes = ConfigChanges.from(call, configSchema, deletes);
        String node = call.node();
        int vmid = call.vmid();
        if (mode != Mode.ASYNC) {
            cluster.lockedRun(() -> {
                var vm = Vms.require(cluster, node, vmid);
                changes.check(vm, false);
                try {
                    changes.apply(vm, cluster, SyncLog.INSTANCE);
                } catch (TaskFailedException e) {
                    throw PveException.error(e.getMessage());
                }
            });
            return ApiResult.nothing();
        }
        cluster.lockedRun(() -> changes.check(Vms.require(cluster, node, vmid), false));
        Task task = worker.fork(call, "qmconfig", Integer.toString(vmid), new TaskWork() {
            @Override
            public Duration begin(TaskLog log) {
                log.line(changes.describe(vmid));
                return timing.of(timing.model().configUpdate());
            }

            @Override
            public void complete(TaskLog log) {
                cluster.lockedRun(() -> {
                    var vm = Vms.requireInTask(cluster, node, vmid);
                    changes.check(vm, true);
                    changes.apply(vm, cluster, log);
                });
            }
        });
        return call.param("background_delay")
                .map(Integer::parseInt)
                .map(seconds -> waitFor(task, vmid, Duration.ofSeconds(seconds)))
                .orElseGet(() -> ApiResult.upid(task.upid().text()));
    }

    /** {@code background_delay}: wall-clock seconds, as the client asked for them. */
    private static ApiResult waitFor(Task task, int vmid, Duration delay) {
        long deadline = System.nanoTime() + delay.toNanos();
        while (task.running() && System.nanoTime() < deadline) {
            Timing.sleep(Duration.ofMillis(20));
        }
        if (task.running()) {
            return ApiResult.upid(task.upid().text());
        }
        String status = task.exitStatus().orElse("OK");
        if (!status.equals("OK") && !status.startsWith("WARNINGS")) {
            throw PveException.error("failed to update VM " + vmid + ": " + status);
        }
        return ApiResult.nothing();
    }

    /** PUT has no task log; PVE sends its warnings to syslog. */
    private enum SyncLog implements TaskLog {
        INSTANCE;

        @Override
        public void line(String text) {}

        @Override
        public void warn(String text) {}
    }
}
