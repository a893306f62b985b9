package io.edukit.vmservice.worker.steps;

import io.edukit.vmservice.worker.provisioning.FailureClass;
import io.edukit.vmservice.worker.provisioning.JobStep;
import io.edukit.vmservice.worker.provisioning.Placement;
import io.edukit.vmservice.worker.provisioning.StepFailure;
import io.edukit.vmservice.worker.provisioning.StepOutcome;
import io.edukit.vmservice.worker.provisioning.VmJob;
import io.edukit.vmservice.worker.proxmox.CloneRequest;
import io.edukit.vmservice.worker.proxmox.ProxmoxClient;
import io.edukit.vmservice.worker.proxmox.ProxmoxException;
import io.edukit.vmservice.worker.proxmox.TaskWaiter;
import io.edukit.vmservice.worker.proxmox.TemplateInspector;
import io.edukit.vmservice.worker.proxmox.TemplateReport;
import io.edukit.vmservice.worker.proxmox.Upid;
import io.edukit.vmservice.worker.proxmox.VmConfig;
import io.edukit.vmservice.worker.proxmox.VmRef;
import org.jspecify.annotations.Nullable;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.stereotype.Component;

import java.util.HashSet;
import java.util.Optional;
import java.util.Set;

/**
 * Full clone of the image's template on the job's node. The VMID is reserved and stored before
 * the clone call and the task's UPID right after it, and the clone carries a marker naming the VM
 * id: run again after a crash at any point, the step finds the clone it made (done, or still
 * locked by its task) instead of making a second one. A VMID that turns out to hold somebody
 * else's VM is given up for another.
 */
@Component
class CloneStep implements Step {

    private static final Logger log = LoggerFactory.getLogger(CloneStep.class);
    private static final int MAX_VMID_TRIES = 10;

    private final ProxmoxClient client;
    private final TaskWaiter tasks;
    private final TemplateInspector inspector;
    private final VmidReservations reservations;
    private final LockWaiter locks;

    CloneStep(ProxmoxClient client, TaskWaiter tasks, TemplateInspector inspector, VmidReservations reservations,
              LockWaiter locks) {
        this.client = client;
        this.tasks = tasks;
        this.inspector = inspector;
        this.reservations = reservations;
        this.locks = locks;
    }

    @Override
    public JobStep name() {
        return JobStep.CLONE;
    }

    @Override
    public Set<Channel> channels() {
        return Set.of(Channel.API);
    }

    /** The description every clone carries: how a clone made before a crash is recognised. */
    static String marker(VmJob job) {
        return "vmservice-id=" + job.id();
    }

    @Override
    public StepOutcome run(StepContext context) {
        VmJob job = context.job();
        Placement placement = job.placement();
        if (placement == null) {
            throw StepFailure.permanent("OS image '" + job.spec().osImage()
                    + "' has no placement (node, template VMID, storage): add one to os_image_placement");
        }
        Set<Integer> takenByOthers = new HashSet<>();
        Integer vmid = job.proxmoxVmid();
        boolean templateChecked = false;
        for (int tries = 0; tries < MAX_VMID_TRIES; tries++) {
            if (vmid == null) {
                checkTemplate(job, placement);
                templateChecked = true;
                vmid = reserveFreeVmid(context, takenByOthers);
            }
            VmRef vm = new VmRef(placement.node(), vmid);
            Optional<VmConfig> existing = configOf(vm);
            if (existing.isPresent()) {
                if (isOurs(existing.get(), job)) {
                    return awaitClone(vm, context.job().taskUpid(), existing.get());
                }
                log.warn("VMID {} holds a VM that is not VM {}'s; reserving another", vm, job.id());
                takenByOthers.add(vmid);
                vmid = null;
                continue;
            }
            if (!templateChecked) {
                checkTemplate(job, placement);
                templateChecked = true;
            }
            Upid task;
            try {
                task = client.cloneVm(new CloneRequest(new VmRef(placement.node(), placement.templateVmid()), vmid,
                        job.spec().hostname(), placement.storage(), marker(job)));
            } catch (ProxmoxException e) {
                if (e.failureClass() == FailureClass.CONFLICT) {
                    // Ours (a clone call whose answer was lost) or somebody else's: the config says which.
                    continue;
                }
                throw e;
            }
            context.record(changed -> changed.taskStarted(task.value()));
            tasks.await(task, "clone of template " + placement.templateVmid() + " to " + vm);
            return StepOutcome.done();
        }
        throw StepFailure.transientFailure("no free VMID found after " + MAX_VMID_TRIES + " tries; taken by others: " + takenByOthers);
    }

    private void checkTemplate(VmJob job, Placement placement) {
        TemplateReport report = inspector.inspectBeforeClone(new VmRef(placement.node(), placement.templateVmid()));
        if (!report.valid()) {
            throw StepFailure.permanent("template " + placement.templateVmid() + " on node " + placement.node()
                    + " (OS image '" + job.spec().osImage() + "') cannot be cloned: " + String.join("; ", report.problems()));
        }
    }

    private int reserveFreeVmid(StepContext context, Set<Integer> takenByOthers) {
        while (true) {
            int[] reserved = new int[1];
            context.record(job -> {
                reserved[0] = reservations.reserve(job.id(), takenByOthers);
                job.useVmid(reserved[0]);
            });
            if (client.isVmidFree(reserved[0])) {
                return reserved[0];
            }
            takenByOthers.add(reserved[0]);
        }
    }

    private Optional<VmConfig> configOf(VmRef vm) {
        try {
            return Optional.of(client.config(vm));
        } catch (ProxmoxException e) {
            if (e.failureClass() == FailureClass.NOT_FOUND) {
                return Optional.empty();
            }
            throw e;
        }
    }

    private static boolean isOurs(VmConfig config, VmJob job) {
        return config.description() != null && config.description().contains(marker(job));
    }

    private StepOutcome awaitClone(VmRef vm, @Nullable String storedTask, VmConfig config) {
        if (config.lock() == null) {
            return StepOutcome.alreadyDone();
        }
        if (storedTask != null) {
            tasks.await(new Upid(storedTask), "clone to " + vm);
        } else {
            locks.awaitUnlocked(vm, "clone to " + vm);
        }
        return StepOutcome.done();
    }
}
