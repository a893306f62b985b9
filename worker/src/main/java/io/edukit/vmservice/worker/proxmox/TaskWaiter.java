package io.edukit.vmservice.worker.proxmox;

import io.edukit.vmservice.worker.provisioning.FailureClass;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.time.Duration;
import java.util.List;
import java.util.Map;

/**
 * Waits for a Proxmox task by polling its status with a growing pause, until it has stopped.
 * {@code OK} and {@code WARNINGS: n} are success (the warnings are logged); anything else fails
 * with the last lines of the task log as the reason. Just after a task was created its status
 * may not be known yet: a 400 or "does not exist" in the first seconds is asked again.
 */
public class TaskWaiter {

    private static final Logger log = LoggerFactory.getLogger(TaskWaiter.class);
    private static final int LOG_LINES_IN_REASON = 5;
    private static final Duration YOUNG_TASK = Duration.ofSeconds(5);

    private final ProxmoxClient client;
    private final Duration firstPause;
    private final Duration longestPause;
    private final Duration timeout;
    private final Sleeper sleeper;

    /** How the waiter pauses; tests replace it. */
    @FunctionalInterface
    interface Sleeper {
        void sleep(Duration pause) throws InterruptedException;
    }

    TaskWaiter(ProxmoxClient client, Duration firstPause, Duration longestPause, Duration timeout, Sleeper sleeper) {
        this.client = client;
        this.firstPause = firstPause;
        this.longestPause = longestPause;
        this.timeout = timeout;
        this.sleeper = sleeper;
    }

    /** Returns when the task succeeded; throws a classified {@link ProxmoxException} when it did not. */
    public void await(Upid task, String what) {
        long startedNanos = System.nanoTime();
        Duration pause = firstPause;
        while (true) {
            Duration waited = Duration.ofNanos(System.nanoTime() - startedNanos);
            TaskStatus status = pollOrNullWhileYoung(task, waited);
            if (status != null && status.finished()) {
                finish(task, what, status);
                return;
            }
            if (waited.compareTo(timeout) > 0) {
                throw new ProxmoxException(what, FailureClass.TRANSIENT, 0,
                        "task " + task + " still running after " + timeout, Map.of(),
                        "it may finish later; the step will look again", null);
            }
            try {
                sleeper.sleep(pause);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new ProxmoxException(what, FailureClass.TRANSIENT, 0, "interrupted while waiting for task " + task,
                        Map.of(), "", e);
            }
            pause = pause.multipliedBy(3).dividedBy(2);
            if (pause.compareTo(longestPause) > 0) {
                pause = longestPause;
            }
        }
    }

    private TaskStatus pollOrNullWhileYoung(Upid task, Duration waited) {
        try {
            return client.taskStatus(task);
        } catch (ProxmoxException e) {
            boolean unknownYet = e.status() == 400 || e.failureClass() == FailureClass.NOT_FOUND;
            if (unknownYet && waited.compareTo(YOUNG_TASK) < 0) {
                return null;
            }
            throw e;
        }
    }

    /** The task log for a warning: the task succeeded, so failing to read its log must not fail it. */
    private String logOf(Upid task) {
        try {
            return String.join(" | ", client.taskLog(task, LOG_LINES_IN_REASON));
        } catch (ProxmoxException e) {
            return "(log unavailable: " + e.reason() + ")";
        }
    }

    private void finish(Upid task, String what, TaskStatus status) {
        if (status.succeeded()) {
            if (!"OK".equals(status.exitStatus())) {
                log.warn("Proxmox task {} for {} ended with {}: {}", task, what, status.exitStatus(), logOf(task));
            }
            return;
        }
        List<String> lastLines = client.taskLog(task, LOG_LINES_IN_REASON);
        String reason = status.exitStatus() + (lastLines.isEmpty() ? "" : " — task log: " + String.join(" | ", lastLines));
        throw ProxmoxFailures.fromTaskFailure(what, task, reason);
    }
}
