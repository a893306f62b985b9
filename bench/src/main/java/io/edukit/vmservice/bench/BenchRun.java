package io.edukit.vmservice.bench;

import io.edukit.vmservice.proxmoxsim.ProxmoxSimulator;

import java.io.PrintStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDateTime;
import java.time.format.DateTimeFormatter;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;

/**
 * One run of a scenario, start to end: the stack up, counters read, the load sent, every VM
 * followed to RUNNING or FAILED (or until the run stalls), counters read again, the report made.
 */
record BenchRun(Scenario scenario, String command, Path resultsDir, Path runsDir, PrintStream out) {

    /** PostgreSQL publishes an idle connection's counts after up to ten seconds. */
    private static final Duration STATISTICS_SETTLE = Duration.ofSeconds(11);
    /** A run in which no VM ended for this long is over. */
    private static final Duration STALLED_AFTER = Duration.ofMinutes(2);

    RunReport run() throws Exception {
        String timestamp = LocalDateTime.now().format(DateTimeFormatter.ofPattern("yyyyMMdd-HHmmss"));
        Instant startedAt = Instant.now();
        Path runDir = Files.createDirectories(runsDir.resolve(scenario.name() + "-" + timestamp));
        out.printf("bench %s: %d VMs, %s, %d node(s) × %d clones, time scale %s, fault rate %s; logs in %s%n",
                scenario.name(), scenario.vms(), scenario.load().describe(), scenario.nodes(), scenario.clonesPerNode(),
                scenario.proxmox().timeScale(), scenario.faultRate(), runDir);
        RunReport report;
        try (StackUnderTest stack = StackUnderTest.start(scenario, runDir)) {
            report = measure(stack, timestamp, startedAt, runDir);
        }
        Path file = ResultWriter.write(report, resultsDir, timestamp);
        SummaryTable.print(report, out);
        out.println("results: " + file + "; Proxmox tasks (tasks.csv)" + (scenario.profile() ? " and JFR profiles" : "") + ": " + runDir);
        return report;
    }

    /** The warm-up's VMs, at the scenario's rate (50 a second at most), followed to their end; not measured. */
    private void warmUp(StackUnderTest stack, String timestamp) throws InterruptedException {
        if (scenario.warmupVms() == 0) {
            return;
        }
        out.printf("warming up with %d VMs…%n", scenario.warmupVms());
        VmTimelines warm = new VmTimelines("warmup-" + timestamp);
        double rate = scenario.load() instanceof LoadShape.OpenLoop(double perSecond) ? Math.min(perSecond, 50) : 50;
        try (StatusSubscriber subscriber = StatusSubscriber.start(stack.connections().kafkaBootstrapServers(), warm);
             VmRequester requester = new VmRequester(stack.api().url(), stack.token(), warm)) {
            new OpenLoopLoad(rate).run(requester, scenario.warmupVms());
            awaitEnd(stack, warm);
        }
        out.printf("warm-up: %d of %d VMs RUNNING%n", warm.counts().running(), scenario.warmupVms());
    }

    private RunReport measure(StackUnderTest stack, String timestamp, Instant startedAt, Path runDir) throws Exception {
        warmUp(stack, timestamp);
        VmTimelines timelines = new VmTimelines(timestamp);
        MemoryWatch worker = new MemoryWatch(stack.worker());
        MemoryWatch api = new MemoryWatch(stack.api());
        ProxmoxSimulator simulator = stack.simulator();
        ScheduledExecutorService ticks = Executors.newScheduledThreadPool(1, Thread.ofPlatform().daemon().factory());
        try (StatusSubscriber subscriber = StatusSubscriber.start(stack.connections().kafkaBootstrapServers(), timelines);
             VmRequester requester = new VmRequester(stack.api().url(), stack.token(), timelines)) {
            DatabaseCounters databaseBefore = DatabaseCounters.read(stack.connections());
            KafkaCounters kafkaBefore = KafkaCounters.read(stack.connections().kafkaBootstrapServers());
            CpuTimes cpuBefore = CpuTimes.read(stack);
            GcPauses gcBefore = GcPauses.read(stack);
            simulator.counters().reset();
            DatabaseStatements.reset(stack.connections());
            if (scenario.faultRate() > 0) {
                simulator.faults().errorRate(null, scenario.faultRate(), 596, "Connection timed out");
            }
            ticks.scheduleAtFixedRate(() -> {
                worker.sample();
                api.sample();
            }, 0, 500, TimeUnit.MILLISECONDS);
            LiveTable table = LiveTable.start(out, timelines, worker, api);
            table.header();
            ticks.scheduleAtFixedRate(table::line, 1, 1, TimeUnit.SECONDS);

            double senderLag = sendLoad(requester, timelines);
            awaitEnd(stack, timelines);
            CpuTimes cpu = CpuTimes.read(stack).since(cpuBefore);
            GcPauses gc = GcPauses.read(stack).since(gcBefore);
            simulator.faults().clear();
            Thread.sleep(STATISTICS_SETTLE);
            table.line();

            Map<String, RunReport.ProcessFigures> processes = new LinkedHashMap<>();
            processes.put("worker", figures(worker, gc.workerMillis(), scenario.workerHeapMb()));
            processes.put("api", figures(api, gc.apiMillis(), scenario.apiHeapMb()));
            RunAnalysis.Measured measured = new RunAnalysis.Measured(command, startedAt.toString(), timelines.all(),
                    simulator.taskTimings(), simulator.counters().snapshot(),
                    DatabaseCounters.read(stack.connections()).since(databaseBefore),
                    DatabaseStatements.top(stack.connections(), 25),
                    KafkaCounters.read(stack.connections().kafkaBootstrapServers()).since(kafkaBefore),
                    processes, cpu, senderLag, subscriber.deliveryMillis());
            TaskLog.write(runDir.resolve("tasks.csv"), measured.tasks());
            return RunAnalysis.report(scenario, measured);
        } finally {
            ticks.shutdownNow();
        }
    }

    /** @return how far behind its plan the open-loop sender fell at worst, in ms (0 for a closed loop) */
    private double sendLoad(VmRequester requester, VmTimelines timelines) throws InterruptedException {
        return switch (scenario.load()) {
            case LoadShape.OpenLoop open -> {
                OpenLoopLoad load = new OpenLoopLoad(open.perSecond());
                load.run(requester, scenario.vms());
                yield load.worstLagMillis();
            }
            case LoadShape.ClosedLoop closed -> {
                new ClosedLoopLoad(closed.concurrency(), timelines).run(requester, scenario.vms());
                yield 0;
            }
        };
    }

    /** Until every VM sent has ended, no VM ended for {@link #STALLED_AFTER}, or the worker died. */
    private void awaitEnd(StackUnderTest stack, VmTimelines timelines) throws InterruptedException {
        int lastEnded = -1;
        long lastProgress = System.nanoTime();
        for (VmTimelines.Counts counts = timelines.counts(); !counts.allEnded(); counts = timelines.counts()) {
            if (!stack.worker().alive() || !stack.api().alive()) {
                out.println("bench: a service process died; see its log");
                return;
            }
            int ended = counts.ended();
            if (ended != lastEnded) {
                lastEnded = ended;
                lastProgress = System.nanoTime();
            } else if (System.nanoTime() - lastProgress > STALLED_AFTER.toNanos()) {
                out.printf("bench: no VM ended for %s; %d still in flight%n", STALLED_AFTER, counts.inFlight());
                return;
            }
            Thread.sleep(100);
        }
    }

    private static RunReport.ProcessFigures figures(MemoryWatch watch, double gcPauseMillis, int heapLimitMb) {
        return new RunReport.ProcessFigures(watch.peakHeapMb(), watch.peakResidentMb(), gcPauseMillis, heapLimitMb);
    }
}
