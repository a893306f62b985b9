package io.edukit.vmservice.worker.steps;

import io.edukit.vmservice.worker.provisioning.JobStep;
import io.edukit.vmservice.worker.provisioning.StepOutcome;
import io.edukit.vmservice.worker.provisioning.VmJob;
import io.edukit.vmservice.worker.proxmox.ProxmoxClient;
import io.edukit.vmservice.worker.proxmox.TaskWaiter;
import io.edukit.vmservice.worker.proxmox.VmConfig;
import io.edukit.vmservice.worker.proxmox.VmRef;
import io.edukit.vmservice.worker.proxmox.VmState;
import io.edukit.vmservice.worker.snippets.SnippetStore;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.stereotype.Component;

import java.util.Optional;
import java.util.Set;

/**
 * Removes whatever the job made: stops and destroys the VM with its disks (purge), removes the
 * snippet, releases the VMID. What is not there counts as removed, so a deletion run again, or
 * of a job that never got as far as a clone, ends the same way. A VMID that holds somebody
 * else's VM is never touched: only a VM carrying this job's marker is destroyed.
 */
@Component
class DeleteStep implements Step {

    private static final Logger log = LoggerFactory.getLogger(DeleteStep.class);

    private final ProxmoxClient client;
    private final TaskWaiter tasks;
    private final SnippetStore snippets;
    private final VmidReservations reservations;
    private final LockWaiter locks;

    DeleteStep(ProxmoxClient client, TaskWaiter tasks, SnippetStore snippets, VmidReservations reservations, LockWaiter locks) {
        this.client = client;
        this.tasks = tasks;
        this.snippets = snippets;
        this.reservations = reservations;
        this.locks = locks;
    }

    @Override
    public JobStep name() {
        return JobStep.DELETE;
    }

    @Override
    public Set<Channel> channels() {
        return Set.of(Channel.API, Channel.SSH);
    }

    @Override
    public StepOutcome run(StepContext context) {
        VmJob job = context.job();
        if (job.placement() == null) {
            return StepOutcome.alreadyDone();
        }
        if (job.proxmoxVmid() != null) {
            destroy(job, PlacedVm.of(job));
        }
        if (job.holdsCloneSlot()) {
            // The clone it came during has ended (destroy waited for its lock): the node may start another.
            context.record(VmJob::cloneSettled);
        }
        snippets.delete(job.placement().node(), PlacedVm.snippetFile(job));
        context.record(changed -> reservations.release(changed.id()));
        return StepOutcome.done();
    }

    private void destroy(VmJob job, VmRef vm) {
        // A clone still copying carries no marker yet: wait for its task before judging whose it is.
        Optional<VmConfig> config = locks.unlockedConfig(vm, "deletion of " + vm);
        if (config.isEmpty()) {
            return;
        }
        String description = config.get().description();
        if (description == null || !description.contains(CloneStep.marker(job))) {
            log.warn("VMID {} holds a VM that is not VM {}'s: it is left alone", vm, job.id());
            return;
        }
        if (WhileThere.call(() -> client.state(vm)).map(VmState::running).orElse(false)) {
            WhileThere.call(() -> {
                tasks.await(client.stop(vm), "stop of " + vm);
                return true;
            });
        }
        WhileThere.call(() -> {
            tasks.await(client.delete(vm), "destroy of " + vm);
            return true;
        });
    }
}
