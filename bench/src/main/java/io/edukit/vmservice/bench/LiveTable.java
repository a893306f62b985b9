package io.edukit.vmservice.bench;

import java.io.PrintStream;
import java.util.List;

/**
 * One line a second while a run goes: how many VMs were asked for, accepted, running, and how fast
 * and how late. Its clock starts when it is made ({@link #start}).
 */
record LiveTable(PrintStream out, VmTimelines timelines, MemoryWatch worker, MemoryWatch api, Ticks ticks) {

    static LiveTable start(PrintStream out, VmTimelines timelines, MemoryWatch worker, MemoryWatch api) {
        return new LiveTable(out, timelines, worker, api, new Ticks());
    }

    void header() {
        out.printf("%7s %6s %6s %7s %6s %8s %7s %8s %8s %16s %16s%n", "t (s)", "sent", "202", "running", "failed",
                "in-fl.", "run/s", "p50 ms", "p99 ms", "worker heap/rss", "api heap/rss");
    }

    void line() {
        VmTimelines.Counts counts = timelines.counts();
        double rate = ticks.rate(counts.running());
        List<VmTimeline> all = timelines.all();
        Percentiles latency = Percentiles.of(all.stream().filter(VmTimeline::running)
                .mapToDouble(VmTimeline::postToRunningMillis).toArray());
        out.printf("%7.1f %6d %6d %7d %6d %8d %7.1f %8.0f %8.0f %16s %16s%n", ticks.elapsedSeconds(), counts.sent(),
                counts.accepted(), counts.running(), counts.failed(), counts.inFlight(), rate, latency.p50(), latency.p99(),
                memory(worker), memory(api));
    }

    private static String memory(MemoryWatch watch) {
        MemoryWatch.Reading last = watch.last();
        return "%.0f/%.0f MB".formatted(last.heapMb(), last.residentMb());
    }

    /** The table's clock, and the RUNNING count at its last line, for the rate between two lines. */
    static final class Ticks {
        private final long startNanos = System.nanoTime();
        private long lastNanos = startNanos;
        private int lastRunning;

        synchronized double rate(int running) {
            long now = System.nanoTime();
            double rate = (running - lastRunning) / ((now - lastNanos) / 1e9);
            lastRunning = running;
            lastNanos = now;
            return rate;
        }

        double elapsedSeconds() {
            return (System.nanoTime() - startNanos) / 1e9;
        }
    }
}
