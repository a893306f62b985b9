package io.edukit.vmservice.proxmoxsim;

import org.jspecify.annotations.Nullable;

/**
 * A VM template the simulator holds from the start, as OPS would have made it with
 * {@code qm template}: {@code template: 1}, the guest agent on, a {@code scsi0} base disk, a
 * cloud-init drive on {@code ide2} and {@code boot: order=scsi0}.
 *
 * @param vmid           the template's VMID
 * @param name           its name, e.g. {@code debian-12-cloud}
 * @param node           the node that holds it (with local storage a template clones only there)
 * @param storage        the storage of its disks, e.g. {@code local-lvm}
 * @param diskSizeGb     size of the {@code scsi0} disk; full clones take longer the larger it is
 * @param cores          CPU cores
 * @param memoryMb       memory in MiB
 * @param description    the template's own description, copied to clones that get none
 * @param cloudInitDrive false models a template that lost its cloud-init drive
 */
public record TemplateSpec(
        int vmid,
        String name,
        String node,
        String storage,
        int diskSizeGb,
        int cores,
        int memoryMb,
        @Nullable String description,
        boolean cloudInitDrive) {

    public TemplateSpec {
        if (vmid < 100 || vmid > 999_999_999) {
            throw new IllegalArgumentException("template VMID must be 100..999999999, got " + vmid);
        }
        if (diskSizeGb < 1 || cores < 1 || memoryMb < 16) {
            throw new IllegalArgumentException("template " + vmid + " needs disk >= 1 GiB, cores >= 1, memory >= 16 MiB");
        }
    }

    /** The template of the contract: VMID 9999, Debian 12 cloud image, node pve4, storage local-lvm, 2 GiB disk. */
    public static TemplateSpec debian12() {
        return new TemplateSpec(9999, "debian-12-cloud", "pve4", "local-lvm", 2, 2, 2048, null, true);
    }

    /** A template with the usual shape on the given node and {@code local-lvm}. */
    public static TemplateSpec of(int vmid, String name, String node) {
        return new TemplateSpec(vmid, name, node, "local-lvm", 2, 2, 2048, null, true);
    }

    public TemplateSpec withDiskSizeGb(int gb) {
        return new TemplateSpec(vmid, name, node, storage, gb, cores, memoryMb, description, cloudInitDrive);
    }

    public TemplateSpec withDescription(@Nullable String text) {
        return new TemplateSpec(vmid, name, node, storage, diskSizeGb, cores, memoryMb, text, cloudInitDrive);
    }

    public TemplateSpec withoutCloudInitDrive() {
        return new TemplateSpec(vmid, name, node, storage, diskSizeGb, cores, memoryMb, description, false);
    }
}
