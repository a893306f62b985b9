package io.edukit.vmservice.proxmoxsim.qemu;

import io.edukit.vmservice.proxmoxsim.api.ApiCall;
import io.edukit.vmservice.proxmoxsim.api.ApiResult;
import io.edukit.vmservice.proxmoxsim.api.Endpoint;
import io.edukit.vmservice.proxmoxsim.state.Cluster;
import io.edukit.vmservice.proxmoxsim.state.DiskSize;
import io.edukit.vmservice.proxmoxsim.state.Drive;
import io.edukit.vmservice.proxmoxsim.state.VirtualMachine;
import io.edukit.vmservice.proxmoxsim.tasks.TaskFailedException;
import io.edukit.vmservice.proxmoxsim.tasks.TaskLog;
import io.edukit.vmservice.proxmoxsim.tasks.TaskWork;
import io.edukit.vmservice.proxmoxsim.timing.Timing;
import java.time.Duration;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * {@code PUT resize}: a {@code resize} task since PVE 8. {@code size=20G} is absolute,
 * {@code +5G} relative; shrinking fails the task with {@code shrinking disks is not supported},
 * and asking for the current size changes nothing. Every check runs in the worker.
 */
final class ResizeEndpoint implements Endpoint {

    private static final Pattern SIZE = Pattern.compile("(\\+)?(\\d+(?:\\.\\d+)?)([KMGT])?");

    private final Cluster cluster;
    private final Worker worker;
    private final Timing timing;

    ResizeEndpoint(Cluster cluster, Worker worker, Timing timing) {
        this.cluster = cluster;
        this.worker = worker;
        this.timing = timing;
    }

    @Override
    public ApiResult handle(ApiCall call) {
        Vms.rejectRootOnly(call, "skiplock");
        String node = call.node();
        int vmid = call.vmid();
        String disk = call.require("disk");
        String sizeText = call.require("size");
        String digest = call.param("digest").orElse(null);
        var task = worker.fork(call, "resize", Integer.toString(vmid), new TaskWork() {
            private long newSize;

            @Override
            public Duration begin(TaskLog log) {
                return cluster.locked(() -> {
                    VirtualMachine vm = Vms.requireInTask(cluster, node, vmid);
                    if (digest != null && !digest.equals(vm.digest())) {
                        throw new TaskFailedException("checksum mismatch (file change by other user?)");
                    }
                    Vms.checkLockInTask(vm);
                    String value = vm.config().get(disk);
                    if (value == null) {
                        throw new TaskFailedException("disk '" + disk + "' does not exist");
                    }
                    Drive drive = Drive.parse(disk, value);
                    if (drive.file().isEmpty()) {
                        throw new TaskFailedException("disk '" + disk + "' has no associated volume");
                    }
                    if (drive.isCdrom()) {
                        throw new TaskFailedException("you can't resize a cdrom");
                    }
                    long size = drive.sizeBytes();
                    newSize = target(sizeText, size);
                    if (newSize < size) {
                        throw new TaskFailedException("shrinking disks is not supported");
                    }
                    if (newSize == size) {
                        return Duration.ZERO;
                    }
                    log.line("  Size of logical volume pve/" + drive.volumeName() + " changed from "
                            + DiskSize.format(size) + " to " + DiskSize.format(newSize) + ".");
                    return timing.of(timing.model().resize());
                });
            }

            @Override
            public void complete(TaskLog log) {
                cluster.lockedRun(() -> {
                    VirtualMachine vm = Vms.requireInTask(cluster, node, vmid);
                    String value = vm.config().get(disk);
                    if (value != null) {
                        vm.config().put(disk, Drive.parse(disk, value).withSize(newSize).print());
                    }
                });
            }
        });
        return ApiResult.upid(task.upid().text());
    }

    private static long target(String text, long current) {
        Matcher m = SIZE.matcher(text);
        if (!m.matches()) {
            throw new TaskFailedException("internal error");
        }
        long bytes = DiskSize.parse(m.group(2) + (m.group(3) == null ? "" : m.group(3)));
        return m.group(1) != null ? current + bytes : bytes;
    }
}
