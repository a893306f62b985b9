package io.edukit.vmservice.proxmoxsim;

import java.time.Duration;

/**
 * How long things take, before {@link SimulatorSettings#timeScale()} scales them.
 *
 * <p>{@code request} delays every API answer (the API's own overhead). The others are the running
 * time of the task behind an asynchronous call: a full clone takes {@code cloneBase} plus
 * {@code clonePerGb} for every GiB of disk it copies, a linked clone {@code linkedClone}.
 * {@code authFailure} is how long a rejected token waits for its 401 (PVE delays them by three
 * seconds). {@code jitter} spreads every duration by up to that fraction either way, seeded.
 */
public record LatencyModel(
        Duration request,
        Duration authFailure,
        Duration cloneBase,
        Duration clonePerGb,
        Duration linkedClone,
        Duration configUpdate,
        Duration resize,
        Duration start,
        Duration stop,
        Duration shutdown,
        Duration destroy,
        Duration template,
        double jitter) {

    public LatencyModel {
        for (Duration d : new Duration[] {request, authFailure, cloneBase, clonePerGb, linkedClone,
                configUpdate, resize, start, stop, shutdown, destroy, template}) {
            if (d.isNegative()) {
                throw new IllegalArgumentException("latencies cannot be negative: " + d);
            }
        }
        if (jitter < 0 || jitter > 1) {
            throw new IllegalArgumentException("jitter is a fraction 0..1, got " + jitter);
        }
    }

    /** Durations in the range a small lab node shows (a 2 GiB full clone takes about 8 s). */
    public static LatencyModel realistic() {
        return new LatencyModel(ms(15), ms(3000), ms(2000), ms(3000), ms(1500), ms(500), ms(1000),
                ms(2000), ms(1000), ms(6000), ms(1500), ms(2000), 0.2);
    }

    /** Everything instant: tasks end as soon as the scheduler runs them. For fast tests. */
    public static LatencyModel zero() {
        Duration z = Duration.ZERO;
        return new LatencyModel(z, z, z, z, z, z, z, z, z, z, z, z, 0);
    }

    /** The running time of a full clone copying {@code diskGb} GiB, before scaling. */
    public Duration fullClone(double diskGb) {
        return cloneBase.plus(Duration.ofNanos((long) (clonePerGb.toNanos() * diskGb)));
    }

    public LatencyModel withRequest(Duration d) {
        return new LatencyModel(d, authFailure, cloneBase, clonePerGb, linkedClone, configUpdate, resize, start, stop, shutdown, destroy, template, jitter);
    }

    public LatencyModel withAuthFailure(Duration d) {
        return new LatencyModel(request, d, cloneBase, clonePerGb, linkedClone, configUpdate, resize, start, stop, shutdown, destroy, template, jitter);
    }

    /** Sets the fixed part of a full clone and the whole of a linked clone. */
    public LatencyModel withClone(Duration base, Duration perGb) {
        return new LatencyModel(request, authFailure, base, perGb, base, configUpdate, resize, start, stop, shutdown, destroy, template, jitter);
    }

    public LatencyModel withConfigUpdate(Duration d) {
        return new LatencyModel(request, authFailure, cloneBase, clonePerGb, linkedClone, d, resize, start, stop, shutdown, destroy, template, jitter);
    }

    public LatencyModel withResize(Duration d) {
        return new LatencyModel(request, authFailure, cloneBase, clonePerGb, linkedClone, configUpdate, d, start, stop, shutdown, destroy, template, jitter);
    }

    public LatencyModel withStart(Duration d) {
        return new LatencyModel(request, authFailure, cloneBase, clonePerGb, linkedClone, configUpdate, resize, d, stop, shutdown, destroy, template, jitter);
    }

    /** Sets stop, shutdown and destroy alike. */
    public LatencyModel withPowerOff(Duration d) {
        return new LatencyModel(request, authFailure, cloneBase, clonePerGb, linkedClone, configUpdate, resize, start, d, d, d, template, jitter);
    }

    public LatencyModel withJitter(double fraction) {
        return new LatencyModel(request, authFailure, cloneBase, clonePerGb, linkedClone, configUpdate, resize, start, stop, shutdown, destroy, template, fraction);
    }

    private static Duration ms(long millis) {
        return Duration.ofMillis(millis);
    }
}
