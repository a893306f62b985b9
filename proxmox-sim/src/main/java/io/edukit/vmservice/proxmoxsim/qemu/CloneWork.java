package io.edukit.vmservice.proxmoxsim.qemu;

import io.edukit.vmservice.proxmoxsim.counters.CallCounters;
import io.edukit.vmservice.proxmoxsim.state.Cluster;
import io.edukit.vmservice.proxmoxsim.state.DiskSize;
import io.edukit.vmservice.proxmoxsim.state.Drive;
import io.edukit.vmservice.proxmoxsim.state.VirtualMachine;
import io.edukit.vmservice.proxmoxsim.tasks.TaskFailedException;
import io.edukit.vmservice.proxmoxsim.tasks.TaskLog;
import io.edukit.vmservice.proxmoxsim.tasks.TaskWork;
import io.edukit.vmservice.proxmoxsim.timing.Timing;
import java.time.Duration;
import java.util.Locale;

/**
 * The {@code qmclone} worker: copies (or links) the drives, names them after the new VMID
 * ({@code vm-<newid>-disk-0}, {@code vm-<newid>-cloudinit}) and removes {@code lock: clone}. A
 * failed clone leaves nothing behind, as qemu-server unlinks the new config.
 */
final class CloneWork implements TaskWork {

    private final Cluster cluster;
    private final ClonePlan plan;
    private final Timing timing;
    private final CallCounters counters;

    CloneWork(Cluster cluster, ClonePlan plan, Timing timing, CallCounters counters) {
        this.cluster = cluster;
        this.plan = plan;
        this.timing = timing;
        this.counters = counters;
    }

    @Override
    public Duration begin(TaskLog log) {
        counters.cloneTaskStarted(plan.node());
        log.line("create " + (plan.full() ? "full" : "linked") + " clone of VM " + plan.sourceVmid() + " with ID " + plan.newid());
        for (Drive drive : plan.drives()) {
            boolean copy = plan.full() || drive.isCloudInit();
            log.line("create " + (copy ? "full" : "linked") + " clone of drive " + drive.key() + " (" + drive.file() + ")");
        }
        double gib = DiskSize.gib(plan.bytesToCopy());
        return plan.full() ? timing.of(timing.model().fullClone(gib)) : timing.of(timing.model().linkedClone());
    }

    @Override
    public void complete(TaskLog log) {
        cluster.lockedRun(() -> {
            VirtualMachine vm = cluster.vm(plan.newid())
                    .orElseThrow(() -> new TaskFailedException("clone failed: VM " + plan.newid() + " vanished"));
            vm.config().clear();
            vm.config().putAll(plan.config());
            int nextDisk = 0;
            for (Drive drive : plan.drives()) {
                String storage = plan.targetStorage() != null && (plan.full() || drive.isCloudInit())
                        ? plan.targetStorage() : drive.storage().orElse("local-lvm");
                String volume;
                if (drive.isCloudInit()) {
                    volume = "vm-" + plan.newid() + "-cloudinit";
                } else if (plan.full()) {
                    volume = "vm-" + plan.newid() + "-disk-" + nextDisk++;
                } else {
                    volume = drive.volumeName() + "/vm-" + plan.newid() + "-disk-" + nextDisk++;
                }
                String shortName = volume.contains("/") ? volume.substring(volume.indexOf('/') + 1) : volume;
                log.line("  Logical volume \"" + shortName + "\" created.");
                if (plan.full() && !drive.isCloudInit()) {
                    String total = String.format(Locale.ROOT, "%.1f GiB", DiskSize.gib(drive.sizeBytes()));
                    log.line("transferred 0.0 B of " + total + " (0.00%)");
                    log.line("transferred " + total + " of " + total + " (100.00%)");
                }
                vm.config().put(drive.key(), drive.withFile(storage + ":" + volume).print());
            }
        });
    }

    @Override
    public void ended(boolean succeeded) {
        counters.cloneTaskEnded(plan.node());
        if (!succeeded) {
            cluster.lockedRun(() -> cluster.vm(plan.newid())
                    .filter(vm -> "clone".equals(vm.lock().orElse(null)))
                    .ifPresent(vm -> cluster.remove(vm.vmid())));
        }
    }
}
