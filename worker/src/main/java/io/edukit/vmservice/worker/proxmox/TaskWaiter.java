package io.edukit.vmservice.worker.proxmox;

import io.edukit.vmservice.worker.provisioning.FailureClass;
import org.jspecify.annotations.Nullable;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.time.Duration;
import java.util.List;
import java.util.Map;

/**
 * Waits for a Proxmox task by polling its status with a growing pause, until it has stopped. Once
 * tasks of its kind have a usual duration ({@link UsualDurations}), it polls less often before the
 * time they usually end and more often around it.
 * {@code OK} and {@code WARNINGS: n} are success (the warnings are logged); anything else fails
 * with the last lines of the task log as the reason. Just after a task was created its status
 * may not be known yet: a 400 or "does not exist" in the first seconds is asked again.
 * <p>
 * A status poll that fails transiently (a 596 from pveproxy, a timeout, a dropped connection)
 * says nothing about the task, which usually runs on unharmed: the poll is asked again after the
 * usual pause, and only a run of failed polls in a row gives up with the last failure. Otherwise
 * one network blip would fail the step and have it start over while the task itself is fine.
 * Likewise a failed task fails with its own classified reason even when its log cannot be read.
 */
public class TaskWaiter {

    private static final Logger log = LoggerFactory.getLogger(TaskWaiter.class);
    private static final int LOG_LINES_IN_REASON = 5;
    private static final Duration YOUNG_TASK = Duration.ofSeconds(5);
    /** Enough to ride out a pveproxy restart or a short network outage at the longest pause. */
    static final int FAILED_POLLS_IN_A_ROW_TOLERATED = 5;

    private final ProxmoxClient client;
    private final Duration firstPause;
    private final Duration longestPause;
    private final Duration timeout;
    private final Sleeper sleeper;
    private final int failedPollsInARowTolerated;
    private final UsualDurations timings;

    /** How the waiter pauses; tests replace it. */
    @FunctionalInterface
    interface Sleeper {
        void sleep(Duration pause) throws InterruptedException;
    }

    TaskWaiter(ProxmoxClient client, Duration firstPause, Duration longestPause, Duration timeout, Sleeper sleeper) {
        this(client, firstPause, longestPause, timeout, sleeper, FAILED_POLLS_IN_A_ROW_TOLERATED);
    }

    /** @param failedPollsInARowTolerated the transient poll failure that makes this many in a row is rethrown */
    TaskWaiter(ProxmoxClient client, Duration firstPause, Duration longestPause, Duration timeout, Sleeper sleeper,
               int failedPollsInARowTolerated) {
        if (failedPollsInARowTolerated < 1) {
            throw new IllegalArgumentException("failedPollsInARowTolerated must be at least 1: " + failedPollsInARowTolerated);
        }
        this.client = client;
        this.firstPause = firstPause;
        this.longestPause = longestPause;
        this.timeout = timeout;
        this.sleeper = sleeper;
        this.failedPollsInARowTolerated = failedPollsInARowTolerated;
        this.timings = new UsualDurations(firstPause, longestPause);
    }

    /** Returns when the task succeeded; throws a classified {@link ProxmoxException} when it did not. */
    public void await(Upid task, String what) {
        await(task, what, System.nanoTime());
    }

    /**
     * As {@link #await(Upid, String)}, for a task whose call was sent at {@code sentNanos}
     * ({@link System#nanoTime()}): the task began then, not when its answer was read and recorded,
     * so its wait and its kind's usual duration are counted from there. Otherwise a slow record
     * shifts the task's end before the window of polls around its usual end.
     */
    public void await(Upid task, String what, long sentNanos) {
        await(task, what, sentNanos, true);
    }

    /**
     * As {@link #await(Upid, String)}, for a task an earlier attempt started (its UPID stored): it
     * began some unknown time before this wait, so the wait neither counts towards its kind's usual
     * duration (it would teach a shorter one) nor follows it; its pauses grow as without one.
     */
    public void awaitResumed(Upid task, String what) {
        await(task, what, System.nanoTime(), false);
    }

    private void await(Upid task, String what, long sentNanos, boolean timedFromItsCall) {
        String kind = kind(task);
        Duration grown = firstPause;
        Duration lastSeenRunning = Duration.ZERO;
        int failedPollsInARow = 0;
        ProxmoxException lastPollFailure = null;
        while (true) {
            Duration waited = since(sentNanos);
            TaskStatus status = null;
            try {
                status = pollOrNullWhileYoung(task, waited);
                failedPollsInARow = 0;
                lastPollFailure = null;
            } catch (ProxmoxException e) {
                failedPollsInARow++;
                if (e.failureClass() != FailureClass.TRANSIENT || failedPollsInARow >= failedPollsInARowTolerated) {
                    throw e;
                }
                lastPollFailure = e;
                log.info("Status poll of Proxmox task {} for {} failed ({} in a row, giving up at {}), asking again: {}",
                        task, what, failedPollsInARow, failedPollsInARowTolerated, e.getMessage());
            }
            if (status != null && status.finished()) {
                finish(task, what, status);
                if (timedFromItsCall) {
                    timings.ended(kind, lastSeenRunning, waited);
                }
                return;
            }
            if (status != null) {
                lastSeenRunning = waited;
            }
            if (waited.compareTo(timeout) > 0) {
                throw timedOut(task, what, lastPollFailure);
            }
            try {
                sleeper.sleep(timedFromItsCall ? timings.pauseBeforeNextLook(kind, since(sentNanos), grown) : grown);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new ProxmoxException(what, FailureClass.TRANSIENT, 0, "interrupted while waiting for task " + task,
                        Map.of(), "", e);
            }
            grown = UsualDurations.grow(grown, longestPause);
        }
    }

    /**
     * Tasks of a type on a node take alike; a type differs from the next (a clone from a start),
     * and a clone's length from its template's (a large template clones for longer).
     */
    static String kind(Upid task) {
        String kind = task.node() + "/" + task.type();
        return task.type().equals("qmclone") ? kind + "/" + task.id() : kind;
    }

    /** The usual duration of the task's kind; zero until one of its kind was waited for. For tests. */
    Duration usualDuration(Upid task) {
        return timings.usual(kind(task));
    }

    private static Duration since(long startedNanos) {
        return Duration.ofNanos(System.nanoTime() - startedNanos);
    }

    private @Nullable TaskStatus pollOrNullWhileYoung(Upid task, Duration waited) {
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

    /** When the last poll failed, the task was not seen running: say so rather than claim it. */
    private ProxmoxException timedOut(Upid task, String what, @Nullable ProxmoxException lastPollFailure) {
        String reason = lastPollFailure == null
                ? "task " + task + " still running after " + timeout
                : "task " + task + " not seen to stop within " + timeout + "; its last status poll failed: "
                        + lastPollFailure.reason();
        return new ProxmoxException(what, FailureClass.TRANSIENT, 0, reason, Map.of(),
                "it may finish later; the step will look again", lastPollFailure);
    }

    /** The log only explains the outcome: failing to read it must not change what the task's outcome means. */
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
        String lastLines = logOf(task);
        String reason = status.exitStatus() + (lastLines.isEmpty() ? "" : " — task log: " + lastLines);
        throw ProxmoxFailures.fromTaskFailure(what, task, reason);
    }
}
