package io.edukit.vmservice.proxmoxsim.timing;

import io.edukit.vmservice.proxmoxsim.LatencyModel;
import io.edukit.vmservice.proxmoxsim.SimulatorSettings;
import java.time.Duration;
import java.util.Random;

/** The actual durations: the model's value, times the time scale, spread by the seeded jitter. */
public final class Timing {

    private final LatencyModel model;
    private final double timeScale;
    private final Duration agentDelay;
    private final Random random;

    public Timing(SimulatorSettings settings) {
        this.model = settings.latency();
        this.timeScale = settings.timeScale();
        this.agentDelay = settings.scaled(settings.agentDelay());
        this.random = new Random(settings.seed() * 31 + 7);
    }

    public LatencyModel model() {
        return model;
    }

    /** A model duration as it will actually pass. */
    public Duration of(Duration modelDuration) {
        if (modelDuration.isZero() || timeScale == 0) {
            return Duration.ZERO;
        }
        double spread;
        synchronized (random) {
            spread = model.jitter() == 0 ? 1 : 1 + model.jitter() * (2 * random.nextDouble() - 1);
        }
        return Duration.ofNanos((long) (modelDuration.toNanos() * timeScale * spread));
    }

    /** How long after a start completes the guest agent begins to answer (scaled, no jitter). */
    public Duration agentDelay() {
        return agentDelay;
    }

    /** Sleeps the calling (virtual) thread; request threads may wait, event loops never do. */
    public static void sleep(Duration d) {
        if (d.isZero() || d.isNegative()) {
            return;
        }
        try {
            Thread.sleep(d);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
