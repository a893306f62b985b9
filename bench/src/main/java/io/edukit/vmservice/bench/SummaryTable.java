package io.edukit.vmservice.bench;

import java.io.PrintStream;
import java.util.List;
import java.util.Map;

/** The end of a run, in a few lines: the figures the issue asks for, next to the target. */
final class SummaryTable {

    private SummaryTable() {
    }

    static void print(RunReport r, PrintStream out) {
        RunReport.Outcome o = r.outcome();
        out.println();
        List<String> jvm = r.setup().jvmOptions();
        out.printf("== %s: %s (%s; after a warm-up of %d VMs%s)%n", r.scenario(), r.command(), r.setup().load(),
                r.setup().warmupVms(), jvm.isEmpty() ? "" : "; services' JVMs with " + String.join(" ", jvm));
        out.printf("   target: %s%n", r.target());
        out.printf("VMs            requested %d, accepted %d, RUNNING %d, FAILED %d, unfinished %d, refused %d %s%n",
                o.requested(), o.accepted(), o.running(), o.failed(), o.unfinished(), o.refused(),
                o.refused() == 0 ? "" : "(by HTTP status, 0 = no answer: " + o.refusedByStatus() + ")");
        o.failureReasons().forEach((reason, count) -> out.printf("               %d× %s%n", count, reason));
        out.printf("throughput     %.1f VMs/s to RUNNING overall, %.1f sustained, %.0f peak (sender lag ≤ %.0f ms)%n",
                r.throughput().overallPerSecond(), r.throughput().sustainedPerSecond(), r.throughput().peakPerSecond(),
                o.senderWorstLagMs());
        out.printf("POST→RUNNING   p50 %.0f ms, p95 %.0f, p99 %.0f, max %.0f (POST→202 p50 %.1f, p99 %.1f)%n",
                r.postToRunningMs().p50(), r.postToRunningMs().p95(), r.postToRunningMs().p99(), r.postToRunningMs().max(),
                r.postToAcceptedMs().p50(), r.postToAcceptedMs().p99());
        out.printf("makespan       %s%.2f s, ideal %.2f s: measured/ideal %s%.3f%n", r.makespan().complete() ? "" : "at least ",
                r.makespan().measuredSeconds(), r.makespan().idealSeconds(), r.makespan().complete() ? "" : "≥ ",
                r.makespan().ratio());
        out.printf("clone slots    busy %.1f %% until the last clone ended at %.2f s%n", 100 * r.makespan().cloneSlotsBusy(),
                r.makespan().lastCloneSeconds());
        out.printf("per VM         %.0f ms POST→RUNNING = %.0f ms Proxmox + %.0f ms service (queueing included)%n",
                r.perVm().postToRunningMs(), r.perVm().proxmoxMs(), r.perVm().serviceMs());
        out.printf("   %-38s %8s %8s %9s %9s%n", "step", "wall ms", "p99 ms", "proxmox", "overhead");
        r.steps().forEach(s -> out.printf("   %-38s %8.1f %8.1f %9.1f %9.1f%n", s.step(), s.wallMeanMs(), s.wallP99Ms(),
                s.proxmoxMeanMs(), s.overheadMeanMs()));
        out.printf("Proxmox calls  %.2f per VM, + %.2f task polls, + %.2f agent polls%n", r.proxmoxCalls().perVm(),
                r.proxmoxCalls().taskPollsPerVm(), r.proxmoxCalls().agentPollsPerVm());
        out.printf("database       %s per VM%n", perVm(r.databasePerVm()));
        out.printf("   %9s %11s  %s%n", "calls/VM", "DB time", "statement (by the database's time on it, all VMs)");
        r.databaseStatements().stream().limit(12).forEach(st -> out.printf("   %9.2f %8.0f ms  %s%n", st.callsPerVm(),
                st.totalMs(), st.query().length() > 110 ? st.query().substring(0, 110) + "…" : st.query()));
        out.printf("Kafka records  %s per VM%n", perVm(r.kafkaRecordsPerVm()));
        out.printf("events         worker → subscriber p50 %.0f ms, p99 %.0f ms%n", r.eventDeliveryMs().p50(),
                r.eventDeliveryMs().p99());
        out.printf("CPU            %s ms per VM%n", perVm(r.cpuMsPerVm()));
        r.processes().forEach((name, p) -> out.printf("%-14s peak heap %.0f MB (-Xmx%dm), peak RSS %.0f MB, GC pauses %.0f ms%n",
                name, p.peakHeapMb(), p.heapLimitMb(), p.peakResidentMb(), p.gcPauseMs()));
    }

    private static String perVm(Map<String, Double> values) {
        StringBuilder text = new StringBuilder();
        values.forEach((name, value) -> text.append(text.isEmpty() ? "" : ", ").append(name).append(' ')
                .append(String.format("%.2f", value)));
        return text.toString();
    }
}
