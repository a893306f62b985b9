package io.edukit.vmservice.worker.proxmox;

/** A VM (or template) on a node: what every per-VM call is addressed to. */
public record VmRef(String node, int vmid) {

    @Override
    public String toString() {
        return vmid + "@" + node;
    }
}
