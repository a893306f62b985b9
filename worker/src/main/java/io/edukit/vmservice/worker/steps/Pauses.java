package io.edukit.vmservice.worker.steps;

import io.edukit.vmservice.worker.provisioning.StepFailure;
import io.edukit.vmservice.worker.proxmox.UsualDurations;

import java.time.Duration;

/** The pause between two looks at something that takes time on Proxmox ({@link UsualDurations#grow} grows it). */
final class Pauses {

    private Pauses() {
    }

    /** An interrupt means the worker is stopping: the step ends, to be run again. */
    static void sleep(Duration pause) {
        try {
            Thread.sleep(pause);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw StepFailure.transientFailure("interrupted: the worker is stopping");
        }
    }
}
