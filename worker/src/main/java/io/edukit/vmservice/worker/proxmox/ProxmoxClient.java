package io.edukit.vmservice.worker.proxmox;

import java.util.List;

/**
 * The Proxmox VE API calls VmService makes. Asynchronous calls return the task's {@link Upid};
 * {@link TaskWaiter} waits for it. Every failure is a classified {@link ProxmoxException}.
 */
public interface ProxmoxClient {

    PveVersion version();

    /** Whether no VM uses the id ({@code GET /cluster/nextid?vmid=}); it reserves nothing. */
    boolean isVmidFree(int vmid);

    Upid cloneVm(CloneRequest request);

    VmConfig config(VmRef vm);

    /** Changes settings as a task ({@code POST .../config}). */
    Upid updateConfig(VmRef vm, ConfigChange change);

    /** Changes settings at once ({@code PUT .../config}). */
    void setConfig(VmRef vm, ConfigChange change);

    /** Sets a disk to an absolute size in GiB ({@code PUT .../resize}, a task since PVE 8). */
    Upid resizeDisk(VmRef vm, String disk, int sizeGb);

    Upid start(VmRef vm);

    Upid stop(VmRef vm);

    Upid shutdown(VmRef vm, int timeoutSeconds);

    VmState state(VmRef vm);

    /** Destroys the VM with its disks, and removes it from jobs, replication and HA ({@code purge=1}). */
    Upid delete(VmRef vm);

    TaskStatus taskStatus(Upid task);

    /** The last {@code lines} lines of a task's log. */
    List<String> taskLog(Upid task, int lines);

    List<GuestInterface> guestNetworkInterfaces(VmRef vm);

    List<ClusterVm> clusterVms();
}
