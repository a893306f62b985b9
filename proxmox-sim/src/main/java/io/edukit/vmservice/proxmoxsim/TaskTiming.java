package io.edukit.vmservice.proxmoxsim;

import java.time.Duration;

/**
 * How long one stopped task ran on the simulated node: from the moment its UPID was handed out
 * until it stopped. This is Proxmox's own time, which a client can only wait for; benchmarks set
 * it against the time a client took around it.
 *
 * @param node          the node it ran on
 * @param type          the task type, e.g. {@code qmclone}, {@code qmconfig}, {@code resize}, {@code qmstart}
 * @param vmid          the VM it worked on: for a clone the new VM (the UPID names the source)
 * @param forkedNanos   when its UPID was handed out, on {@link System#nanoTime()}'s clock
 * @param stoppedNanos  when it stopped, on the same clock
 * @param exitStatus    {@code OK}, {@code WARNINGS: n} or the error
 */
public record TaskTiming(String node, String type, int vmid, long forkedNanos, long stoppedNanos, String exitStatus) {

    public Duration duration() {
        return Duration.ofNanos(stoppedNanos - forkedNanos);
    }

    public boolean succeeded() {
        return exitStatus.equals("OK") || exitStatus.startsWith("WARNINGS");
    }
}
