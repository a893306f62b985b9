package io.edukit.vmservice.bench;

import java.time.Duration;
import java.util.List;
import java.util.Map;

/**
 * The scenarios of issue 7, by name, at their full size. Every one runs on the lab's cluster shape,
 * three nodes that clone four at a time each (the worker's default cap is two on one node).
 */
final class Scenarios {

    static final List<String> NAMES = List.of("overhead", "lab-start", "flaky", "backlog");

    /**
     * VMs that warm the JVMs up before a run is measured: a service in a lab has been up a while.
     * 50 left the API's and the worker's hot paths to the interpreter and the JIT compilers during
     * lab-start's intake (POST→202 p50 0.22–0.40 s against 0.07–0.15 s after 300).
     */
    static final int WARMUP = 300;
    /** How much faster than a real node the lab scenarios' simulated nodes run (×0.05: a 20 s clone takes 1 s). */
    static final double LAB_SCALE = 0.05;

    private Scenarios() {
    }

    static Scenario named(String name) {
        return switch (name) {
            case "overhead" -> new Scenario("overhead", 2000, new LoadShape.OpenLoop(200), ProxmoxTiming.instant(),
                    3, 4, 0, 512, 512, List.of(), Map.of(), WARMUP, false,
                    "at least 200 VMs/s to RUNNING; at 100 VMs/s, p99 POST-to-RUNNING under 1 s");
            case "lab-start" -> labStart();
            case "flaky" -> new Scenario("flaky", 500, new LoadShape.OpenLoop(50), ProxmoxTiming.lab(LAB_SCALE), 3, 4, 0.10,
                    512, 512, List.of(), serviceTimersScaledBy(LAB_SCALE), WARMUP, false,
                    "makespan within 20% of the ideal, every VM RUNNING");
            case "backlog" -> new Scenario("backlog", 5000, new LoadShape.OpenLoop(500), ProxmoxTiming.lab(LAB_SCALE), 3, 4, 0,
                    256, 512, List.of(), serviceTimersScaledBy(LAB_SCALE), WARMUP, false,
                    "5,000 jobs in flight: worker heap under 256 MB, per-step latency at most 2x that of the 500-VM run");
            default -> throw new IllegalArgumentException("no scenario '" + name + "'; there are " + String.join(", ", NAMES));
        };
    }

    /** 500 VMs asked for within 10 s, on three nodes that clone four at a time. */
    private static Scenario labStart() {
        return new Scenario("lab-start", 500, new LoadShape.OpenLoop(50), ProxmoxTiming.lab(LAB_SCALE), 3, 4, 0, 512, 512,
                List.of(), serviceTimersScaledBy(LAB_SCALE), WARMUP, false, "makespan within 5% of the ideal");
    }

    /**
     * The worker's own waits on Proxmox — task polls, retry pauses, the executor's poll, an open
     * circuit's wait — at their shipped defaults scaled as the lab scenarios scale Proxmox: the
     * whole system runs time-compressed, so that a 1 s poll against a 20 s clone stays a 50 ms poll
     * against a 1 s clone. A {@code --worker} option still overrides any of them.
     */
    static Map<String, String> serviceTimersScaledBy(double scale) {
        return Map.of(
                "proxmox.task-poll-initial", scaled(Duration.ofMillis(200), scale),
                "proxmox.task-poll-max", scaled(Duration.ofSeconds(1), scale),
                "vmservice.retry.initial-backoff", scaled(Duration.ofSeconds(2), scale),
                "vmservice.retry.max-backoff", scaled(Duration.ofMinutes(2), scale),
                "vmservice.retry.read-retry-pause", scaled(Duration.ofMillis(200), scale),
                "vmservice.executor.poll-interval", scaled(Duration.ofMillis(500), scale),
                "vmservice.circuit-breaker.wait-in-open-state", scaled(Duration.ofSeconds(30), scale));
    }

    private static String scaled(Duration shipped, double scale) {
        return Math.max(1, Math.round(shipped.toMillis() * scale)) + "ms";
    }
}
