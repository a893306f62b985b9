package io.edukit.vmservice.worker.steps;

import io.edukit.vmservice.worker.provisioning.JobStep;
import io.edukit.vmservice.worker.provisioning.StepFailure;
import io.edukit.vmservice.worker.provisioning.StepOutcome;
import io.edukit.vmservice.worker.provisioning.VmJob;
import io.edukit.vmservice.worker.proxmox.ProxmoxClient;
import io.edukit.vmservice.worker.proxmox.TaskWaiter;
import io.edukit.vmservice.worker.proxmox.VmRef;
import org.springframework.stereotype.Component;

import java.util.Set;

/** Grows {@code scsi0} to the requested absolute size; a disk already that size is left alone. */
@Component
class ResizeStep implements Step {

    static final String DISK = "scsi0";

    private final ProxmoxClient client;
    private final TaskWaiter tasks;

    ResizeStep(ProxmoxClient client, TaskWaiter tasks) {
        this.client = client;
        this.tasks = tasks;
    }

    @Override
    public JobStep name() {
        return JobStep.RESIZE;
    }

    @Override
    public Set<Channel> channels() {
        return Set.of(Channel.API);
    }

    @Override
    public StepOutcome run(StepContext context) {
        VmJob job = context.job();
        VmRef vm = PlacedVm.of(job);
        int wanted = job.spec().diskGb();
        long current = client.config(vm).scsi0SizeGb().orElseThrow(() -> StepFailure.permanent(
                vm + " has no " + DISK + " disk with a size: the template's disk layout is not what VmService clones"));
        if (current == wanted) {
            return StepOutcome.alreadyDone();
        }
        if (current > wanted) {
            throw StepFailure.permanent(DISK + " of " + vm + " is " + current + " GiB, more than the " + wanted
                    + " GiB asked for, and Proxmox cannot shrink disks: ask for at least " + current + " GiB");
        }
        tasks.await(client.resizeDisk(vm, DISK, wanted), "resize of " + DISK + " of " + vm + " to " + wanted + " GiB");
        return StepOutcome.done();
    }
}
