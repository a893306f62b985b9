package io.edukit.vmservice.proxmoxsim.qemu;

import io.edukit.vmservice.proxmoxsim.api.ApiCall;
import io.edukit.vmservice.proxmoxsim.api.PveException;
import io.edukit.vmservice.proxmoxsim.state.Cluster;
import io.edukit.vmservice.proxmoxsim.state.VirtualMachine;
import io.edukit.vmservice.proxmoxsim.tasks.TaskFailedException;
import java.util.Optional;

/**
 * The checks every VM call starts with, in both forms: as an HTTP error (checked before the task
 * is forked) and as a task failure (checked inside the worker). The caller holds the cluster lock.
 */
final class Vms {

    private Vms() {}

    static VirtualMachine require(Cluster cluster, String node, int vmid) {
        return cluster.vmOn(node, vmid).orElseThrow(() -> PveException.noSuchVm(node, vmid));
    }

    static VirtualMachine requireInTask(Cluster cluster, String node, int vmid) {
        return cluster.vmOn(node, vmid).orElseThrow(() -> new TaskFailedException(noSuchVmMessage(node, vmid)));
    }

    static String noSuchVmMessage(String node, int vmid) {
        return "Configuration file 'nodes/" + node + "/qemu-server/" + vmid + ".conf' does not exist";
    }

    /** {@code check_lock}: "VM is locked (clone)" — without the VMID, as PVE words it. */
    static Optional<String> lockMessage(VirtualMachine vm) {
        return vm.lock().map(lock -> "VM is locked (" + lock + ")");
    }

    static void checkLock(VirtualMachine vm) {
        lockMessage(vm).ifPresent(message -> {
            throw PveException.error(message);
        });
    }

    static void checkLockInTask(VirtualMachine vm) {
        lockMessage(vm).ifPresent(message -> {
            throw new TaskFailedException(message);
        });
    }

    /** Options only root@pam may set; the API token is never root. */
    static void rejectRootOnly(ApiCall call, String... names) {
        for (String name : names) {
            String value = call.params().get(name);
            if (value != null && !value.isEmpty() && !value.equals("0")) {
                throw PveException.parameter(name, "Only root may use this option.");
            }
        }
    }
}
