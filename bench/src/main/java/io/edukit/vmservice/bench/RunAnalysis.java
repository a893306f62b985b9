package io.edukit.vmservice.bench;

import io.edukit.vmservice.proxmoxsim.CountersSnapshot;
import io.edukit.vmservice.proxmoxsim.Operation;
import io.edukit.vmservice.proxmoxsim.TaskTiming;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.function.ToDoubleFunction;
import java.util.stream.Collectors;

/**
 * Turns what a run recorded — the VMs' timelines, the simulator's task times and counters, the
 * database's and Kafka's counts, the processes' memory — into its {@link RunReport}.
 */
final class RunAnalysis {

    /** A step as the events delimit it, and the Proxmox tasks that ran in it. */
    private record StepSpan(String name, Stage from, Stage to, String taskType) {
    }

    private static final List<StepSpan> STEPS = List.of(
            new StepSpan("clone", Stage.CLONING, Stage.CONFIGURING_CLOUD_INIT, "qmclone"),
            new StepSpan("cloud-init", Stage.CONFIGURING_CLOUD_INIT, Stage.RESIZING_DISK, "qmconfig"),
            new StepSpan("resize", Stage.RESIZING_DISK, Stage.STARTING, "resize"),
            new StepSpan("start", Stage.STARTING, Stage.WAITING_FOR_NETWORK, "qmstart"));

    private final Scenario scenario;
    private final List<VmTimeline> vms;
    private final Map<Integer, List<TaskTiming>> tasksByVmid;
    private final long agentDelayNanos;

    private RunAnalysis(Scenario scenario, List<VmTimeline> vms, List<TaskTiming> tasks) {
        this.scenario = scenario;
        this.vms = vms;
        this.tasksByVmid = tasks.stream().collect(Collectors.groupingBy(TaskTiming::vmid));
        this.agentDelayNanos = scenario.proxmox().scaled(scenario.proxmox().agent()).toNanos();
    }

    /** Everything measured during one run, for {@link #report}. */
    record Measured(String command, String startedAt, List<VmTimeline> vms, List<TaskTiming> tasks,
                    CountersSnapshot proxmoxCalls, DatabaseCounters database,
                    List<DatabaseStatements.Counted> statements, KafkaCounters kafka,
                    Map<String, RunReport.ProcessFigures> processes, CpuTimes cpu, double senderWorstLagMs,
                    double[] deliveryMillis) {
    }

    static RunReport report(Scenario scenario, Measured measured) {
        return new RunAnalysis(scenario, measured.vms(), measured.tasks()).report(measured);
    }

    private RunReport report(Measured measured) {
        List<VmTimeline> accepted = vms.stream().filter(vm -> vm.httpStatus() == 202).toList();
        List<VmTimeline> running = accepted.stream().filter(VmTimeline::running).toList();
        int perVmDivisor = Math.max(accepted.size(), 1);
        Percentiles latency = Percentiles.of(running.stream().mapToDouble(VmTimeline::postToRunningMillis).toArray());
        return new RunReport(scenario.name(), measured.command(), measured.startedAt(), scenario.target(), setup(),
                outcome(accepted, running, measured.senderWorstLagMs()), throughput(running, latency),
                latency, Percentiles.of(accepted.stream().mapToDouble(vm -> (vm.answeredNanos() - vm.sentNanos()) / 1e6).toArray()),
                makespan(accepted), perVm(running), steps(running), calls(measured.proxmoxCalls(), perVmDivisor),
                database(measured.database(), perVmDivisor), statements(measured.statements(), perVmDivisor), kafka(measured.kafka(), perVmDivisor), measured.processes(),
                measured.cpu().perVmMillis(perVmDivisor),
                Percentiles.of(measured.deliveryMillis()));
    }

    private RunReport.Setup setup() {
        ProxmoxTiming t = scenario.proxmox();
        Map<String, Double> proxmox = new LinkedHashMap<>();
        proxmox.put("request", millis(t.scaled(t.request())));
        proxmox.put("clone", millis(t.scaled(t.cloning())));
        proxmox.put("config", millis(t.scaled(t.config())));
        proxmox.put("resize", millis(t.scaled(t.resize())));
        proxmox.put("start", millis(t.scaled(t.start())));
        proxmox.put("agentAfterStart", millis(t.scaled(t.agent())));
        return new RunReport.Setup(scenario.vms(), scenario.load().describe(), scenario.nodes(), scenario.clonesPerNode(),
                t.timeScale(), t.jitter(), scenario.faultRate(), proxmox, scenario.workerHeapMb(), scenario.apiHeapMb(),
                scenario.jvmOptions(), new TreeMap<>(scenario.workerSettings()), scenario.warmupVms(),
                Runtime.getRuntime().availableProcessors());
    }

    private RunReport.Outcome outcome(List<VmTimeline> accepted, List<VmTimeline> running, double lag) {
        Map<String, Integer> reasons = new HashMap<>();
        accepted.stream().filter(VmTimeline::failed)
                .forEach(vm -> reasons.merge(String.valueOf(vm.failure()), 1, Integer::sum));
        Map<String, Integer> topReasons = new LinkedHashMap<>();
        reasons.entrySet().stream().sorted(Map.Entry.<String, Integer>comparingByValue().reversed()).limit(10)
                .forEach(e -> topReasons.put(e.getKey(), e.getValue()));
        int failed = (int) accepted.stream().filter(VmTimeline::failed).count();
        Map<Integer, Integer> refused = new TreeMap<>();
        vms.stream().filter(vm -> vm.httpStatus() != 202).forEach(vm -> refused.merge(vm.httpStatus(), 1, Integer::sum));
        return new RunReport.Outcome(vms.size(), accepted.size(), vms.size() - accepted.size(), refused, running.size(),
                failed, accepted.size() - running.size() - failed, topReasons, lag);
    }

    private RunReport.Throughput throughput(List<VmTimeline> running, Percentiles latency) {
        if (running.isEmpty()) {
            return new RunReport.Throughput(0, 0, 0);
        }
        long firstSent = vms.stream().mapToLong(VmTimeline::sentNanos).min().orElseThrow();
        long lastSent = vms.stream().mapToLong(VmTimeline::sentNanos).max().orElseThrow();
        long[] arrivals = running.stream().mapToLong(vm -> vm.arrival(Stage.RUNNING)).sorted().toArray();
        double overall = running.size() / ((arrivals[arrivals.length - 1] - firstSent) / 1e9);
        long shift = (long) (latency.p50() * 1e6);
        long from = firstSent + shift;
        long to = lastSent + shift;
        long inWindow = java.util.Arrays.stream(arrivals).filter(a -> a >= from && a <= to).count();
        double sustained = to > from ? inWindow / ((to - from) / 1e9) : overall;
        Map<Long, Integer> perSecond = new HashMap<>();
        for (long a : arrivals) {
            perSecond.merge((a - firstSent) / 1_000_000_000L, 1, Integer::sum);
        }
        return new RunReport.Throughput(overall, sustained, perSecond.values().stream().mapToInt(i -> i).max().orElse(0));
    }

    private RunReport.Makespan makespan(List<VmTimeline> accepted) {
        if (accepted.isEmpty()) {
            return new RunReport.Makespan(Double.NaN, Double.NaN, Double.NaN, false, Double.NaN, Double.NaN);
        }
        long[] sent = accepted.stream().mapToLong(VmTimeline::sentNanos).toArray();
        long first = java.util.Arrays.stream(sent).min().orElseThrow();
        long lastEnd = accepted.stream().mapToLong(vm -> Math.max(vm.arrival(Stage.RUNNING), vm.arrival(Stage.FAILED)))
                .max().orElseThrow();
        boolean allEnded = accepted.stream().allMatch(vm -> vm.running() || vm.failed());
        double measured = (lastEnd - first) / 1e9;
        double ideal = IdealMakespan.of(sent, scenario.proxmox(), scenario.nodes(), scenario.clonesPerNode()).toNanos() / 1e9;
        List<TaskTiming> clones = accepted.stream().flatMap(vm -> tasks(vm).stream()).filter(t -> t.type().equals("qmclone")).toList();
        long lastClone = clones.stream().mapToLong(TaskTiming::stoppedNanos).max().orElse(first);
        double cloneNanos = clones.stream().mapToDouble(t -> t.stoppedNanos() - Math.max(t.forkedNanos(), first)).sum();
        double slotNanos = (double) scenario.nodes() * scenario.clonesPerNode() * (lastClone - first);
        return new RunReport.Makespan(measured, ideal, measured / ideal, allEnded, (lastClone - first) / 1e9,
                slotNanos > 0 ? cloneNanos / slotNanos : Double.NaN);
    }

    private RunReport.PerVm perVm(List<VmTimeline> running) {
        List<VmTimeline> complete = running.stream().filter(this::everyStageSeen).toList();
        double total = mean(complete, VmTimeline::postToRunningMillis);
        double proxmox = mean(complete, this::proxmoxMillis);
        return new RunReport.PerVm(total, proxmox, total - proxmox);
    }

    private List<RunReport.StepTime> steps(List<VmTimeline> running) {
        List<VmTimeline> complete = running.stream().filter(this::everyStageSeen).toList();
        List<RunReport.StepTime> steps = new ArrayList<>();
        steps.add(step("asked → taken up (API, Kafka, queue)", complete,
                vm -> (vm.arrival(Stage.CLONING) - vm.sentNanos()) / 1e6, vm -> 0));
        for (StepSpan span : STEPS) {
            steps.add(step(span.name(), complete, vm -> (vm.arrival(span.to()) - vm.arrival(span.from())) / 1e6,
                    vm -> taskMillis(vm, span.taskType())));
        }
        steps.add(step("network", complete, vm -> (vm.arrival(Stage.RUNNING) - vm.arrival(Stage.WAITING_FOR_NETWORK)) / 1e6,
                this::agentMillis));
        return steps;
    }

    private static RunReport.StepTime step(String name, List<VmTimeline> vms, ToDoubleFunction<VmTimeline> wall,
                                           ToDoubleFunction<VmTimeline> proxmox) {
        Percentiles walls = Percentiles.of(vms.stream().mapToDouble(wall).toArray());
        double proxmoxMean = mean(vms, proxmox);
        return new RunReport.StepTime(name, vms.size(), walls.mean(), walls.p99(), proxmoxMean, walls.mean() - proxmoxMean);
    }

    private boolean everyStageSeen(VmTimeline vm) {
        for (Stage stage : Stage.values()) {
            if (stage != Stage.FAILED && vm.arrival(stage) == 0) {
                return false;
            }
        }
        return vm.proxmoxVmid() != null;
    }

    /** Proxmox's own time for the VM: its tasks, and the guest's boot still to come when the network step began. */
    private double proxmoxMillis(VmTimeline vm) {
        double tasks = 0;
        for (StepSpan span : STEPS) {
            tasks += taskMillis(vm, span.taskType());
        }
        return tasks + agentMillis(vm);
    }

    private double taskMillis(VmTimeline vm, String type) {
        return tasks(vm).stream().filter(t -> t.type().equals(type)).mapToDouble(t -> t.duration().toNanos() / 1e6).sum();
    }

    /** The agent answers {@code agentDelay} after the start task stopped; what of that was left when the network step began. */
    private double agentMillis(VmTimeline vm) {
        long startStopped = tasks(vm).stream().filter(t -> t.type().equals("qmstart") && t.succeeded())
                .mapToLong(TaskTiming::stoppedNanos).max().orElse(0);
        if (startStopped == 0) {
            return 0;
        }
        return Math.max(0, startStopped + agentDelayNanos - vm.arrival(Stage.WAITING_FOR_NETWORK)) / 1e6;
    }

    private List<TaskTiming> tasks(VmTimeline vm) {
        Integer vmid = vm.proxmoxVmid();
        return vmid == null ? List.of() : tasksByVmid.getOrDefault(vmid, List.of());
    }

    private static RunReport.ProxmoxCalls calls(CountersSnapshot counters, int vms) {
        Map<String, Double> byEndpoint = new LinkedHashMap<>();
        counters.calls().entrySet().stream().sorted(Map.Entry.<String, Long>comparingByValue().reversed())
                .forEach(e -> byEndpoint.put(e.getKey(), (double) e.getValue() / vms));
        long all = counters.calls().values().stream().mapToLong(Long::longValue).sum();
        long agent = counters.calls(Operation.AGENT_NETWORK);
        return new RunReport.ProxmoxCalls((double) (all - counters.taskPolls() - agent) / vms,
                (double) counters.taskPolls() / vms, (double) agent / vms, byEndpoint);
    }

    private static Map<String, Double> database(DatabaseCounters db, int vms) {
        Map<String, Double> perVm = new LinkedHashMap<>();
        perVm.put("transactions", (double) db.commits() / vms);
        perVm.put("rollbacks", (double) db.rollbacks() / vms);
        perVm.put("rowsInserted", (double) db.inserted() / vms);
        perVm.put("rowsUpdated", (double) db.updated() / vms);
        perVm.put("rowsDeleted", (double) db.deleted() / vms);
        return perVm;
    }

    private static List<RunReport.StatementCalls> statements(List<DatabaseStatements.Counted> counted, int vms) {
        return counted.stream().map(c -> new RunReport.StatementCalls(c.query(), (double) c.calls() / vms, c.totalMs())).toList();
    }

    private static Map<String, Double> kafka(KafkaCounters kafka, int vms) {
        Map<String, Double> perVm = new LinkedHashMap<>();
        kafka.endOffsets().entrySet().stream().sorted(Comparator.comparing(Map.Entry::getKey))
                .forEach(e -> perVm.put(e.getKey(), (double) e.getValue() / vms));
        return perVm;
    }

    private static double mean(List<VmTimeline> vms, ToDoubleFunction<VmTimeline> value) {
        return vms.stream().mapToDouble(value).average().orElse(Double.NaN);
    }

    private static double millis(java.time.Duration d) {
        return d.toNanos() / 1e6;
    }
}
