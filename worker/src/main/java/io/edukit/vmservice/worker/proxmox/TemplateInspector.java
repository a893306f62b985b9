package io.edukit.vmservice.worker.proxmox;

import io.edukit.vmservice.worker.provisioning.FailureClass;

import java.util.ArrayList;
import java.util.List;

/**
 * Checks that a template is what a full clone with cloud-init needs (DESIGN: the contract with
 * the Proxmox side): {@code template: 1}, the guest agent enabled with fstrim, a {@code scsi0}
 * disk, a cloud-init drive on {@code ide2}, and booting from {@code scsi0}. Each problem names
 * the {@code qm} command that fixes it.
 */
public class TemplateInspector {

    private final ProxmoxClient client;

    public TemplateInspector(ProxmoxClient client) {
        this.client = client;
    }

    public TemplateReport inspect(VmRef template) {
        return inspect(template, false);
    }

    /**
     * As {@link #inspect}, for a clone about to be made: a transient failure to read the template
     * is thrown, to be retried, rather than reported as a broken template.
     */
    public TemplateReport inspectBeforeClone(VmRef template) {
        return inspect(template, true);
    }

    private TemplateReport inspect(VmRef template, boolean throwTransient) {
        VmConfig config;
        try {
            config = client.config(template);
        } catch (ProxmoxException e) {
            if (throwTransient && e.failureClass() == FailureClass.TRANSIENT) {
                throw e;
            }
            String problem = e.failureClass() == FailureClass.NOT_FOUND
                    ? "template " + template.vmid() + " does not exist on node " + template.node()
                      + ": was it deleted or renumbered? Point the OS image at the right VMID"
                    : "cannot read the template's config: " + e.getMessage();
            return new TemplateReport(template, List.of(problem));
        }
        int id = template.vmid();
        List<String> problems = new ArrayList<>();
        if (!config.template()) {
            problems.add("VM " + id + " on " + template.node() + " is not a template: run 'qm template " + id + "'");
        }
        if (!config.agentEnabled()) {
            problems.add("the QEMU guest agent is not enabled: run 'qm set " + id + " --agent enabled=1,fstrim_cloned_disks=1'");
        } else if (config.agent() == null || !config.agent().contains("fstrim_cloned_disks=1")) {
            problems.add("clones would not trim their disks: run 'qm set " + id + " --agent enabled=1,fstrim_cloned_disks=1'");
        }
        if (config.scsi0() == null) {
            problems.add("there is no scsi0 disk to clone and resize");
        }
        if (config.ide2() == null || !config.ide2().contains("cloudinit")) {
            problems.add("there is no cloud-init drive on ide2: run 'qm set " + id + " --ide2 <storage>:cloudinit'");
        }
        if (config.boot() == null || !config.boot().matches("(^|.*[,;=])order=scsi0([;,].*|$)")) {
            problems.add("it does not boot from scsi0 (boot: " + config.boot() + "): run 'qm set " + id + " --boot order=scsi0'");
        }
        return new TemplateReport(template, problems);
    }
}
