package io.edukit.vmservice.worker.steps;

import io.edukit.vmservice.worker.provisioning.Placement;
import io.edukit.vmservice.worker.provisioning.StepFailure;
import io.edukit.vmservice.worker.provisioning.VmJob;
import io.edukit.vmservice.worker.proxmox.VmRef;

/** The Proxmox VM a job made: every step after the clone works on it. */
final class PlacedVm {

    private PlacedVm() {
    }

    static VmRef of(VmJob job) {
        Placement placement = job.placement();
        Integer vmid = job.proxmoxVmid();
        if (placement == null || vmid == null) {
            throw StepFailure.permanent("VM " + job.id() + " has no Proxmox VM yet: the clone step did not record one");
        }
        return new VmRef(placement.node(), vmid);
    }

    /** The snippet file of a VM: named by the VM id, so a reused VMID never meets an old snippet. */
    static String snippetFile(VmJob job) {
        return "vmservice-" + job.id() + ".yaml";
    }
}
