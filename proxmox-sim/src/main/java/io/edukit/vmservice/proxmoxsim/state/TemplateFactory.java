package io.edukit.vmservice.proxmoxsim.state;

import io.edukit.vmservice.proxmoxsim.TemplateSpec;
import java.util.Map;
import java.util.TreeMap;

/**
 * Builds the configuration a cloud-image template has on a real node after {@code qm template}:
 * the disk renamed to {@code base-<vmid>-disk-0}, the cloud-init drive kept as
 * {@code vm-<vmid>-cloudinit}.
 */
public final class TemplateFactory {

    private TemplateFactory() {}

    /**
     * Adds the template {@code spec} describes to {@code cluster}, under the cluster lock, as the
     * simulator does at start for {@code SimulatorSettings.templates()}.
     *
     * @throws IllegalArgumentException if the template's node is not in the cluster
     * @throws IllegalStateException    if its VMID is taken (by a VM, template or clone in progress)
     */
    public static VirtualMachine install(Cluster cluster, TemplateSpec spec) {
        if (!cluster.hasNode(spec.node())) {
            throw new IllegalArgumentException("template " + spec.vmid() + " is on node " + spec.node()
                    + ", which is not in " + cluster.nodes());
        }
        return cluster.locked(() -> {
            if (cluster.vmidTaken(spec.vmid())) {
                throw new IllegalStateException("VMID " + spec.vmid() + " is taken");
            }
            VirtualMachine template = build(spec, cluster.identifiers());
            cluster.add(template);
            return template;
        });
    }

    public static VirtualMachine build(TemplateSpec spec, Identifiers ids) {
        Map<String, String> config = new TreeMap<>();
        config.put("agent", "enabled=1,fstrim_cloned_disks=1");
        config.put("boot", "order=scsi0");
        config.put("cores", Integer.toString(spec.cores()));
        config.put("memory", Integer.toString(spec.memoryMb()));
        config.put("meta", "creation-qemu=9.2.0,ctime=1735689600");
        config.put("name", spec.name());
        config.put("net0", "virtio=" + ids.nextMac() + ",bridge=vmbr0");
        config.put("ostype", "l26");
        config.put("scsi0", spec.storage() + ":base-" + spec.vmid() + "-disk-0,size=" + spec.diskSizeGb() + "G");
        config.put("scsihw", "virtio-scsi-single");
        config.put("serial0", "socket");
        config.put("smbios1", "uuid=" + ids.nextUuid());
        config.put("template", "1");
        config.put("vga", "serial0");
        config.put("vmgenid", ids.nextUuid());
        if (spec.cloudInitDrive()) {
            config.put("ide2", spec.storage() + ":vm-" + spec.vmid() + "-cloudinit,media=cdrom");
        }
        if (spec.description() != null) {
            config.put("description", spec.description());
        }
        return new VirtualMachine(spec.vmid(), spec.node(), config);
    }
}
