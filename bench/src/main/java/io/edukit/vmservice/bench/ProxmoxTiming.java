package io.edukit.vmservice.bench;

import io.edukit.vmservice.proxmoxsim.LatencyModel;

import java.time.Duration;

/**
 * How long Proxmox takes in a scenario, before {@code timeScale}: each API answer, each task a VM
 * goes through, and the guest agent's boot after the start. The simulator is started with exactly
 * this, and the ideal makespan is computed from it.
 *
 * @param jitter spreads every duration by up to this fraction either way (0 keeps the ideal exact)
 */
record ProxmoxTiming(Duration request, Duration cloning, Duration config, Duration resize, Duration start,
                     Duration agent, double timeScale, double jitter) {

    ProxmoxTiming {
        if (timeScale < 0 || jitter < 0 || jitter > 1) {
            throw new IllegalArgumentException("time scale must be >= 0 and jitter 0..1");
        }
    }

    /** Nothing waits: the service's own overhead is all there is to see. */
    static ProxmoxTiming instant() {
        Duration zero = Duration.ZERO;
        return new ProxmoxTiming(zero, zero, zero, zero, zero, zero, 1.0, 0);
    }

    /** A lab's node: clone 20 s, config 1 s, resize 2 s, start 5 s, agent 30 s after the start, API answers in 15 ms. */
    static ProxmoxTiming lab(double timeScale) {
        return new ProxmoxTiming(Duration.ofMillis(15), Duration.ofSeconds(20), Duration.ofSeconds(1),
                Duration.ofSeconds(2), Duration.ofSeconds(5), Duration.ofSeconds(30), timeScale, 0);
    }

    ProxmoxTiming withTimeScale(double scale) {
        return new ProxmoxTiming(request, cloning, config, resize, start, agent, scale, jitter);
    }

    ProxmoxTiming withJitter(double fraction) {
        return new ProxmoxTiming(request, cloning, config, resize, start, agent, timeScale, fraction);
    }

    /** The simulator's model: a full clone takes {@code cloning} whatever the disk size. */
    LatencyModel latencyModel() {
        return LatencyModel.realistic().withRequest(request).withClone(cloning, Duration.ZERO).withConfigUpdate(config)
                .withResize(resize).withStart(start).withJitter(jitter);
    }

    Duration scaled(Duration modelDuration) {
        return Duration.ofNanos((long) (modelDuration.toNanos() * timeScale));
    }

    /** A clone as a perfect client sees it: the call's answer, then the task. */
    Duration cloneStep() {
        return scaled(request.plus(cloning));
    }

    /** Everything after the clone, for a perfect client: config, resize and start (each a call and its task), then the agent's first answer. */
    Duration afterClone() {
        return scaled(request.multipliedBy(4).plus(config).plus(resize).plus(start).plus(agent));
    }
}
