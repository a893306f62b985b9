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
import io.edukit.vmservice.worker.proxmox.TemplateReport;
import io.edukit.vmservice.worker.proxmox.Upid;
import io.edukit.vmservice.worker.proxmox.VmConfig;
import io.edukit.vmservice.worker.proxmox.VmRef;
import org.jspecify.annotations.Nullable;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.stereotype.Component;

import java.util.HashSet;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;

/**
 * Full clone of the image's template on the job's node. The template is checked (a fit one is
 * remembered a while, {@link FitTemplates}, and looked at again when Proxmox refuses a clone of it)
 * and a VMID reserved and stored before the job takes one of its node's clone slots and makes the
 * clone call; the task's UPID is stored right after it, and the clone carries a marker naming the VM
 * id: run again after a crash at any point, the step finds the clone it made instead of making a
 * second one. Until its disks are copied a clone is only qemu-server's placeholder (the lock, no
 * marker), so a locked VM at our VMID is waited for before it is judged. A VMID that holds
 * somebody else's VM, here or on another node, is given up for another.
 */
@Component
class CloneStep implements Step {

    private static final Logger log = LoggerFactory.getLogger(CloneStep.class);
    private static final int MAX_VMID_TRIES = 10;

    private final ProxmoxClient client;
    private final TaskWaiter tasks;
    private final FitTemplates templates;
    private final VmidReservations reservations;
    private final LockWaiter locks;

    CloneStep(ProxmoxClient client, TaskWaiter tasks, FitTemplates templates, VmidReservations reservations,
              LockWaiter locks) {
        this.client = client;
        this.tasks = tasks;
        this.templates = templates;
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
        @Nullable Integer refusedAsExisting = null;
        for (int tries = 0; tries < MAX_VMID_TRIES; tries++) {
            if (vmid == null) {
                checkTemplate(job, placement);
                templateChecked = true;
                // Free across the cluster, as Proxmox says: there is nothing of ours to look for at it.
                vmid = reserveFreeVmid(context, takenByOthers);
            } else {
                VmRef vm = new VmRef(placement.node(), vmid);
                Optional<VmConfig> existing = settled(vm, context.job().taskUpid());
                if (existing.isPresent()) {
                    if (isOurs(existing.get(), job)) {
                        return tries == 0 && context.job().taskUpid() == null ? StepOutcome.alreadyDone() : StepOutcome.done();
                    }
                    log.warn("VMID {} holds a VM that is not VM {}'s; reserving another", vm, job.id());
                    takenByOthers.add(vmid);
                    vmid = null;
                    continue;
                }
                if (vmid.equals(refusedAsExisting)) {
                    // "Already exists", yet not on our node: a VM or container elsewhere in the cluster has it.
                    takenByOthers.add(vmid);
                    vmid = null;
                    continue;
                }
                if (!templateChecked) {
                    checkTemplate(job, placement);
                    templateChecked = true;
                }
            }
            // Everything that can be made ready is: the slot is held only while the clone itself runs.
            context.takeCloneSlot();
            Upid task;
            long sentNanos = System.nanoTime();
            try {
                task = client.cloneVm(new CloneRequest(template(placement), vmid,
                        job.spec().hostname(), placement.storage(), marker(job)));
            } catch (ProxmoxException e) {
                if (e.failureClass() == FailureClass.CONFLICT) {
                    // Ours (a clone call whose answer was lost) or somebody else's: the config says which.
                    refusedAsExisting = vmid;
                    continue;
                }
                throw withTemplateLookedAtAgain(job, placement, e);
            }
            context.record(changed -> changed.taskStarted(task.value()));
            tasks.await(task, "clone of template " + placement.templateVmid() + " to " + new VmRef(placement.node(), vmid), sentNanos);
            return StepOutcome.done();
        }
        throw StepFailure.transientFailure("no free VMID found after " + MAX_VMID_TRIES + " tries; taken by others: " + takenByOthers);
    }

    /**
     * The VM at the VMID once no task holds it: a locked VM may be our own clone still copying,
     * whose config shows its marker only at the end. Waits for our stored task when there is one.
     */
    private Optional<VmConfig> settled(VmRef vm, @Nullable String storedTask) {
        Optional<VmConfig> config = locks.configOf(vm);
        if (config.isEmpty() || config.get().lock() == null) {
            return config;
        }
        if (storedTask != null) {
            try {
                tasks.awaitResumed(new Upid(storedTask), "clone to " + vm);
            } catch (ProxmoxException e) {
                // A failed clone leaves nothing behind; what is there now decides.
                log.info("The clone task {} of {} failed: {}", storedTask, vm, e.getMessage());
            }
        }
        return locks.unlockedConfig(vm, "clone to " + vm);
    }

    private void checkTemplate(VmJob job, Placement placement) {
        TemplateReport report = templates.beforeClone(template(placement));
        if (!report.valid()) {
            throw StepFailure.permanent("template " + placement.templateVmid() + " on node " + placement.node()
                    + " (OS image '" + job.spec().osImage() + "') cannot be cloned: " + String.join("; ", report.problems()));
        }
    }

    /**
     * The failure of a clone call that Proxmox refused for good. The template may have changed since it was
     * found fit: if it is unfit now, that is the failure, naming what is wrong with it; if it cannot be read,
     * the refusal stands.
     */
    private RuntimeException withTemplateLookedAtAgain(VmJob job, Placement placement, ProxmoxException refused) {
        if (refused.failureClass() == FailureClass.TRANSIENT) {
            return refused;
        }
        templates.forget(template(placement));
        try {
            checkTemplate(job, placement);
        } catch (StepFailure unfit) {
            unfit.addSuppressed(refused);
            return unfit;
        } catch (RuntimeException unread) {
            refused.addSuppressed(unread);
        }
        return refused;
    }

    private static VmRef template(Placement placement) {
        return new VmRef(placement.node(), placement.templateVmid());
    }

    private int reserveFreeVmid(StepContext context, Set<Integer> takenByOthers) {
        while (true) {
            VmJob reserved = context.record(job -> job.useVmid(reservations.reserve(job.id(), takenByOthers)));
            int vmid = Objects.requireNonNull(reserved.proxmoxVmid());
            if (client.isVmidFree(vmid)) {
                return vmid;
            }
            takenByOthers.add(vmid);
        }
    }

    private static boolean isOurs(VmConfig config, VmJob job) {
        return config.description() != null && config.description().contains(marker(job));
    }
}
