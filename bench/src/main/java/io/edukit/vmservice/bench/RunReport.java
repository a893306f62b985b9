package io.edukit.vmservice.bench;

import java.util.List;
import java.util.Map;

/**
 * What a run measured, as it is written to {@code bench/results/}. Times in milliseconds unless
 * a name says seconds; "per VM" divides by the VMs the API accepted.
 *
 * @param command           the arguments of {@code bench/run} that reproduce the run
 * @param postToRunningMs   from the POST's send to the RUNNING event's arrival at the subscriber
 * @param postToAcceptedMs  from the POST's send to its 202
 * @param eventDeliveryMs   from a status change in the worker ({@code occurredAt}) to the event's arrival
 * @param steps             per step: wall time between its events at the subscriber, Proxmox's own time in it, and the rest
 * @param databaseStatements the statements the database spent most time on, with their calls per VM (background work included)
 * @param cpuMsPerVm        CPU time per VM of each process from the first POST to the last VM's end: the worker, the
 *                          API, PostgreSQL, the harness (Kafka, the simulated nodes, load and subscriber), and their total
 */
record RunReport(String scenario, String command, String startedAt, String target, Setup setup, Outcome outcome,
                 Throughput throughput, Percentiles postToRunningMs, Percentiles postToAcceptedMs, Makespan makespan,
                 PerVm perVm, List<StepTime> steps, ProxmoxCalls proxmoxCalls, Map<String, Double> databasePerVm,
                 List<StatementCalls> databaseStatements, Map<String, Double> kafkaRecordsPerVm,
                 Map<String, ProcessFigures> processes, Map<String, Double> cpuMsPerVm, Percentiles eventDeliveryMs) {

    /** A statement the services sent, from {@code pg_stat_statements}: calls per VM and the database's time on it, all VMs together. */
    record StatementCalls(String query, double callsPerVm, double totalMs) {
    }

    /**
     * How the run was set up; the Proxmox durations are the scaled ones, as they pass, and
     * {@code warmupVms} ran before it, unmeasured.
     */
    record Setup(int vms, String load, int nodes, int clonesPerNode, double timeScale, double jitter, double faultRate,
                 Map<String, Double> proxmoxMs, int workerHeapMb, int apiHeapMb, List<String> jvmOptions,
                 Map<String, String> workerSettings,
                 int warmupVms, int processors) {
    }

    /**
     * @param refusedByStatus the POSTs not answered 202, by HTTP status (0: no answer within 30 s, or the connection failed)
     * @param failureReasons  the FAILED events' reasons, counted, at most ten
     */
    record Outcome(int requested, int accepted, int refused, Map<Integer, Integer> refusedByStatus, int running, int failed,
                   int unfinished, Map<String, Integer> failureReasons, double senderWorstLagMs) {
    }

    /**
     * @param overallPerSecond     RUNNING VMs over the time from the first POST to the last RUNNING
     * @param sustainedPerSecond   RUNNING events in the window of the load, shifted by the median latency, over its length
     * @param peakPerSecond        the most RUNNING events in one second
     */
    record Throughput(double overallPerSecond, double sustainedPerSecond, double peakPerSecond) {
    }

    /**
     * @param measuredSeconds from the first POST to the last VM's RUNNING or FAILED event; only a lower
     *                        bound when {@code complete} is false (VMs still unfinished when the run stalled)
     * @param ratio           measured / ideal: 1.0 is a perfect orchestrator
     * @param lastCloneSeconds from the first POST to the end of the last clone task; the rest of the
     *                        makespan is the last VM's way from its clone to RUNNING
     * @param cloneSlotsBusy  the share of the clone slots (nodes × cap) that clone tasks kept busy
     *                        from the first POST to the end of the last clone: 1.0 is what the ideal assumes
     */
    record Makespan(double measuredSeconds, double idealSeconds, double ratio, boolean complete, double lastCloneSeconds,
                    double cloneSlotsBusy) {
    }

    /** Means over the VMs that ran: the whole way, Proxmox's part of it, and the rest, which is the service's (queueing included). */
    record PerVm(double postToRunningMs, double proxmoxMs, double serviceMs) {
    }

    record StepTime(String step, int vms, double wallMeanMs, double wallP99Ms, double proxmoxMeanMs, double overheadMeanMs) {
    }

    /**
     * @param perVm          every call but task status polls and guest agent polls
     * @param taskPollsPerVm {@code GET …/tasks/{upid}/status}
     * @param agentPollsPerVm {@code GET …/agent/network-get-interfaces}
     */
    record ProxmoxCalls(double perVm, double taskPollsPerVm, double agentPollsPerVm, Map<String, Double> perVmByEndpoint) {
    }

    record ProcessFigures(double peakHeapMb, double peakResidentMb, double gcPauseMs, int heapLimitMb) {
    }
}
