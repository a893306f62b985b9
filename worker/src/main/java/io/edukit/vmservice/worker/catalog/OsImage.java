package io.edukit.vmservice.worker.catalog;

/** An OS image and where its template lives: a template VMID on a node, cloned onto a storage. */
public record OsImage(String name, String proxmoxTemplateId, String node, String storage, int minDiskSizeGb, int minRamMb) {
}
