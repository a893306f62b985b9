package io.edukit.vmservice.worker.steps;

import io.edukit.vmservice.worker.provisioning.StepFailure;
import io.edukit.vmservice.worker.proxmox.ProxmoxClient;
import io.edukit.vmservice.worker.proxmox.ProxmoxProperties;
import io.edukit.vmservice.worker.proxmox.VmRef;
import org.springframework.stereotype.Component;

import java.time.Duration;

/**
 * Waits for a VM's lock to go when the task holding it is not known — a clone whose call was
 * made but whose UPID was never stored because the worker died in between.
 */
@Component
class LockWaiter {

    private final ProxmoxClient client;
    private final ProxmoxProperties properties;

    LockWaiter(ProxmoxClient client, ProxmoxProperties properties) {
        this.client = client;
        this.properties = properties;
    }

    void awaitUnlocked(VmRef vm, String what) {
        long deadline = System.nanoTime() + properties.taskTimeout().toNanos();
        Duration pause = properties.taskPollInitial();
        while (client.config(vm).lock() != null) {
            if (System.nanoTime() > deadline) {
                throw StepFailure.transientFailure(what + ": " + vm + " still locked after " + properties.taskTimeout());
            }
            Pauses.sleep(pause);
            pause = Pauses.grow(pause, properties.taskPollMax());
        }
    }
}
