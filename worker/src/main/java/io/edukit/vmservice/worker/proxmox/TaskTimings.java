package io.edukit.vmservice.worker.proxmox;

import java.time.Duration;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

/**
 * How long Proxmox tasks of a kind (a task type on a node: clones of a node, starts of a node)
 * took lately, so that a task's status is polled at the shortest pause around the time its kind
 * usually ends, and no more often than the growing pause before that. A task seen done late keeps
 * what waits for it (a node's clone slot) idle; polls long before the end are wasted.
 */
final class TaskTimings {

    /** Polls come at the shortest pause from this share of a kind's usual duration... */
    static final double WINDOW_OPENS = 0.9;
    /** ...to this share; a task still running then is unusual, and its pauses grow again. */
    static final double WINDOW_CLOSES = 1.5;
    /** How much the latest task counts in a kind's usual duration. */
    private static final double WEIGHT_OF_LATEST = 0.3;

    private final Duration shortestPause;
    private final Map<String, Long> usualNanos = new ConcurrentHashMap<>();

    TaskTimings(Duration shortestPause) {
        this.shortestPause = shortestPause;
    }

    /**
     * The pause before the next status poll of {@code task}, {@code waited} after the wait began,
     * where {@code grown} is the growing pause it would wait without a usual duration to go by.
     */
    Duration pauseBeforeNextPoll(Upid task, Duration waited, Duration grown) {
        Long usual = usualNanos.get(kind(task));
        if (usual == null) {
            return grown;
        }
        long untilWindow = (long) (usual * WINDOW_OPENS) - waited.toNanos();
        if (untilWindow > 0) {
            return grown.toNanos() < untilWindow ? grown : Duration.ofNanos(Math.max(untilWindow, shortestPause.toNanos()));
        }
        return waited.toNanos() < usual * WINDOW_CLOSES ? shortestPause : grown;
    }

    /** A task succeeded: last seen running {@code lastSeenRunning} after the wait began, seen done {@code seenDone} after it. */
    void succeeded(Upid task, Duration lastSeenRunning, Duration seenDone) {
        long took = (lastSeenRunning.toNanos() + seenDone.toNanos()) / 2;
        usualNanos.merge(kind(task), took, (usual, latest) -> (long) (usual * (1 - WEIGHT_OF_LATEST) + latest * WEIGHT_OF_LATEST));
    }

    /** The usual duration of the task's kind, once one of its kind was seen to succeed. */
    Duration usual(Upid task) {
        Long usual = usualNanos.get(kind(task));
        return usual == null ? Duration.ZERO : Duration.ofNanos(usual);
    }

    private static String kind(Upid task) {
        return task.node() + "/" + task.type();
    }
}
