package io.edukit.vmservice.proxmoxsim.qemu;

import io.edukit.vmservice.proxmoxsim.api.ApiCall;
import io.edukit.vmservice.proxmoxsim.faults.FaultInjector;
import io.edukit.vmservice.proxmoxsim.tasks.Task;
import io.edukit.vmservice.proxmoxsim.tasks.TaskFailedException;
import io.edukit.vmservice.proxmoxsim.tasks.TaskLog;
import io.edukit.vmservice.proxmoxsim.tasks.TaskRunner;
import io.edukit.vmservice.proxmoxsim.tasks.TaskWork;
import java.time.Duration;

/** {@code fork_worker} for the VM endpoints, honouring scripted task failures. */
final class Worker {

    private final TaskRunner runner;
    private final FaultInjector faults;

    Worker(TaskRunner runner, FaultInjector faults) {
        this.runner = runner;
        this.faults = faults;
    }

    Task fork(ApiCall call, String type, String id, TaskWork work) {
        return fork(call, type, id, call.vmid(), work);
    }

    /** @param vmid the VM the task works on, when it is not the call's (a clone's new VM) */
    Task fork(ApiCall call, String type, String id, int vmid, TaskWork work) {
        TaskWork actual = faults.taskFailureFor(call.operation())
                .<TaskWork>map(exitStatus -> new FailingWork(work, exitStatus))
                .orElse(work);
        return runner.fork(call.node(), type, id, vmid, call.user(), actual);
    }

    /**
     * Fails the task as soon as the worker starts, after the real checks ran (their failure wins),
     * the way a lock timeout or a storage error ends a worker early. The real work's cleanup runs.
     */
    private record FailingWork(TaskWork delegate, String exitStatus) implements TaskWork {

        @Override
        public Duration begin(TaskLog log) {
            delegate.begin(log);
            throw new TaskFailedException(exitStatus);
        }

        @Override
        public void complete(TaskLog log) {
            throw new IllegalStateException("a failing task never completes");
        }

        @Override
        public void ended(boolean succeeded) {
            delegate.ended(false);
        }
    }
}
