package io.edukit.vmservice.worker.provisioning;

/** Where a VM is cloned: a node, the template's VMID on that node, and the storage the full clone goes to. */
public record Placement(String node, int templateVmid, String storage) {
}
