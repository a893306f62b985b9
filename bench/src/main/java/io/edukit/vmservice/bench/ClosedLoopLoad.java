package io.edukit.vmservice.bench;

import java.util.concurrent.Semaphore;

/**
 * Keeps a set number of VMs on their way: the next POST goes out when a VM reaches RUNNING or
 * FAILED (or its POST is refused), like that many users each waiting for their VM.
 */
final class ClosedLoopLoad {

    private final Semaphore slots;

    ClosedLoopLoad(int concurrency, VmTimelines timelines) {
        this.slots = new Semaphore(concurrency);
        timelines.onFinished(vm -> slots.release());
    }

    void run(VmRequester requester, int count) throws InterruptedException {
        for (int i = 0; i < count; i++) {
            slots.acquire();
            requester.send(i);
        }
    }
}
