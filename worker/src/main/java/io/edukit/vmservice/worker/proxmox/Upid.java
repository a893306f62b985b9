package io.edukit.vmservice.worker.proxmox;

/**
 * A task id as PVE returns it for every asynchronous call:
 * {@code UPID:<node>:<pid>:<pstart>:<starttime>:<type>:<id>:<user>:}.
 */
public record Upid(String value) {

    public Upid {
        if (!value.startsWith("UPID:") || value.split(":").length < 8) {
            throw new IllegalArgumentException("not a Proxmox task id: " + value);
        }
    }

    /** The node that runs the task, and whose tasks endpoint answers for it. */
    public String node() {
        return value.split(":")[1];
    }

    /** The task type, e.g. {@code qmclone}, {@code qmstart}. */
    public String type() {
        return value.split(":")[5];
    }

    /** What the task works on: a VMID mostly; for {@code qmclone}, the VM cloned (the template). */
    public String id() {
        return value.split(":")[6];
    }

    @Override
    public String toString() {
        return value;
    }
}
