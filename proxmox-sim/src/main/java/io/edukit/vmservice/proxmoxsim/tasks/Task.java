package io.edukit.vmservice.proxmoxsim.tasks;

import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import org.jspecify.annotations.Nullable;

/** One task: running until its work ends, then stopped with an exit status. */
public final class Task implements TaskLog {

    private final Upid upid;
    private final int vmid;
    private final long forkedNanos = System.nanoTime();
    private final List<String> log = new ArrayList<>();
    private int warnings;
    private @Nullable String exitStatus;
    private long stoppedNanos;

    Task(Upid upid, int vmid) {
        this.upid = upid;
        this.vmid = vmid;
    }

    public Upid upid() {
        return upid;
    }

    @Override
    public synchronized void line(String text) {
        log.add(text);
    }

    @Override
    public synchronized void warn(String text) {
        warnings++;
        log.add("WARN: " + text);
    }

    synchronized void succeed() {
        if (warnings > 0) {
            exitStatus = "WARNINGS: " + warnings;
            log.add("TASK WARNINGS: " + warnings);
        } else {
            exitStatus = "OK";
            log.add("TASK OK");
        }
        stoppedNanos = System.nanoTime();
    }

    synchronized void fail(String message) {
        exitStatus = message;
        log.add("TASK ERROR: " + message);
        stoppedNanos = System.nanoTime();
    }

    public synchronized boolean running() {
        return exitStatus == null;
    }

    /** {@code OK}, {@code WARNINGS: n} or the error; empty while running. */
    public synchronized Optional<String> exitStatus() {
        return Optional.ofNullable(exitStatus);
    }

    /** The VM the task works on: for a clone the new VM, not its source (the UPID's id). */
    public int vmid() {
        return vmid;
    }

    /** When the task was forked ({@link System#nanoTime()}): its UPID was handed out then. */
    public long forkedNanos() {
        return forkedNanos;
    }

    /** When it stopped ({@link System#nanoTime()}); meaningless while it runs. */
    public synchronized long stoppedNanos() {
        return stoppedNanos;
    }

    public synchronized List<String> logLines() {
        return new ArrayList<>(log);
    }
}
