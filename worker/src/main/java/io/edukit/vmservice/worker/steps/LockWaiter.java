package io.edukit.vmservice.worker.steps;

import io.edukit.vmservice.worker.provisioning.StepFailure;
import io.edukit.vmservice.worker.proxmox.ProxmoxClient;
import io.edukit.vmservice.worker.proxmox.ProxmoxProperties;
import io.edukit.vmservice.worker.proxmox.UsualDurations;
import io.edukit.vmservice.worker.proxmox.VmConfig;
import io.edukit.vmservice.worker.proxmox.VmRef;
import org.springframework.stereotype.Component;

import java.time.Duration;
import java.util.Optional;

/**
 * Reads a VM's config, waiting while a task holds its lock — a clone whose UPID was never stored
 * because the worker died in between, or one that another step is waiting for. A clone in flight
 * shows only qemu-server's placeholder (the lock, no marker), so the config is worth reading only
 * once the lock is gone. Empty when the VM is not there (any more: a failed clone leaves nothing).
 */
@Component
class LockWaiter {

    private final ProxmoxClient client;
    private final ProxmoxProperties properties;

    LockWaiter(ProxmoxClient client, ProxmoxProperties properties) {
        this.client = client;
        this.properties = properties;
    }

    Optional<VmConfig> unlockedConfig(VmRef vm, String what) {
        long deadline = System.nanoTime() + properties.taskTimeout().toNanos();
        Duration pause = properties.taskPollInitial();
        while (true) {
            Optional<VmConfig> config = configOf(vm);
            if (config.isEmpty() || config.get().lock() == null) {
                return config;
            }
            if (System.nanoTime() > deadline) {
                throw StepFailure.transientFailure(what + ": " + vm + " still locked (" + config.get().lock() + ") after "
                        + properties.taskTimeout());
            }
            Pauses.sleep(pause);
            pause = UsualDurations.grow(pause, properties.taskPollMax());
        }
    }

    /** The VM's config, or empty when there is no such VM on its node. */
    Optional<VmConfig> configOf(VmRef vm) {
        return WhileThere.call(() -> client.config(vm));
    }
}
