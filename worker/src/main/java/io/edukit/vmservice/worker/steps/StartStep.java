package io.edukit.vmservice.worker.steps;

import io.edukit.vmservice.worker.provisioning.JobStep;
import io.edukit.vmservice.worker.provisioning.StepOutcome;
import io.edukit.vmservice.worker.proxmox.ProxmoxClient;
import io.edukit.vmservice.worker.proxmox.TaskWaiter;
import io.edukit.vmservice.worker.proxmox.VmRef;
import org.springframework.stereotype.Component;

import java.util.Set;

/** Starts the VM; one that runs already is left running. */
@Component
class StartStep implements Step {

    private final ProxmoxClient client;
    private final TaskWaiter tasks;

    StartStep(ProxmoxClient client, TaskWaiter tasks) {
        this.client = client;
        this.tasks = tasks;
    }

    @Override
    public JobStep name() {
        return JobStep.START;
    }

    @Override
    public Set<Channel> channels() {
        return Set.of(Channel.API);
    }

    @Override
    public StepOutcome run(StepContext context) {
        VmRef vm = PlacedVm.of(context.job());
        if (client.state(vm).running()) {
            return StepOutcome.alreadyDone();
        }
        tasks.await(client.start(vm), "start of " + vm);
        return StepOutcome.done();
    }
}
