package io.edukit.vmservice.worker.steps;

import io.edukit.vmservice.worker.provisioning.StepFailure;

import java.time.Duration;

/** The growing pause between two looks at something that takes time on Proxmox. */
final class Pauses {

    private Pauses() {
    }

    static Duration grow(Duration pause, Duration longest) {
        Duration next = pause.multipliedBy(3).dividedBy(2);
        return next.compareTo(longest) > 0 ? longest : next;
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
