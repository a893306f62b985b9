package io.edukit.vmservice.bench;

import java.io.PrintStream;
import java.util.List;

/** One line a second while a run goes: how many VMs were asked for, accepted, running, and how fast and how late. */
final class LiveTable {

    private final PrintStream out;
    private final VmTimelines timelines;
    private final MemoryWatch worker;
    private final MemoryWatch api;
    private long startNanos = System.nanoTime();
    private int lastRunning;
    private long lastNanos = startNanos;

    LiveTable(PrintStream out, VmTimelines timelines, MemoryWatch worker, MemoryWatch api) {
        this.out = out;
        this.timelines = timelines;
        this.worker = worker;
        this.api = api;
    }

    /** Prints the header; the table's clock starts here. */
    void header() {
        startNanos = System.nanoTime();
        lastNanos = startNanos;
        out.printf("%7s %6s %6s %7s %6s %8s %7s %8s %8s %16s %16s%n", "t (s)", "sent", "202", "running", "failed",
                "in-fl.", "run/s", "p50 ms", "p99 ms", "worker heap/rss", "api heap/rss");
    }

    void line() {
        long now = System.nanoTime();
        int running = timelines.running();
        double rate = (running - lastRunning) / ((now - lastNanos) / 1e9);
        lastRunning = running;
        lastNanos = now;
        List<VmTimeline> all = timelines.all();
        Percentiles latency = Percentiles.of(all.stream().filter(VmTimeline::running)
                .mapToDouble(VmTimeline::postToRunningMillis).toArray());
        out.printf("%7.1f %6d %6d %7d %6d %8d %7.1f %8.0f %8.0f %16s %16s%n", (now - startNanos) / 1e9, timelines.sent(),
                timelines.accepted(), running, timelines.failed(), timelines.inFlight(), rate, latency.p50(), latency.p99(),
                memory(worker), memory(api));
    }

    private static String memory(MemoryWatch watch) {
        return "%.0f/%.0f MB".formatted(watch.heapMb(), watch.residentMb());
    }
}
