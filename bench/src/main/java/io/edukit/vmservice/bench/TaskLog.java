package io.edukit.vmservice.bench;

import io.edukit.vmservice.proxmoxsim.TaskTiming;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Comparator;
import java.util.List;
import java.util.stream.Collectors;

/**
 * Every Proxmox task of the run as CSV, in the order they were forked, with times in ms since the
 * first: the raw material for questions the summary does not answer (how long a node's clone slot
 * stayed empty between two clones).
 */
final class TaskLog {

    private TaskLog() {
    }

    static void write(Path file, List<TaskTiming> tasks) throws IOException {
        long first = tasks.stream().mapToLong(TaskTiming::forkedNanos).min().orElse(0);
        String rows = tasks.stream().sorted(Comparator.comparingLong(TaskTiming::forkedNanos))
                .map(t -> String.join(",", t.node(), t.type(), Integer.toString(t.vmid()), millis(t.forkedNanos() - first),
                        millis(t.stoppedNanos() - first), '"' + t.exitStatus().replace("\"", "\"\"") + '"'))
                .collect(Collectors.joining("\n", "", "\n"));
        Files.writeString(file, "node,type,vmid,forked_ms,stopped_ms,exit_status\n" + rows);
    }

    private static String millis(long nanos) {
        return String.format(java.util.Locale.ROOT, "%.1f", nanos / 1e6);
    }
}
