package io.edukit.vmservice.worker.proxmox;

/**
 * A full clone of a template onto its own node. {@code description} carries the marker by which
 * a clone made before a crash is found again.
 */
public record CloneRequest(VmRef template, int newVmid, String name, String storage, String description) {
}
