package io.edukit.vmservice.bench;

import io.edukit.vmservice.devstack.Connections;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;
import java.util.stream.Stream;

/**
 * The CPU time each process of the run has used so far, as the operating system counts it: the
 * worker, the API, PostgreSQL (the postmaster, every process under it, and those under it that
 * ended) and this JVM (Kafka, the simulated nodes, the load and the subscriber). Two readings
 * apart give what a run cost each of them: less dependent on how busy the shared machine was than
 * a rate, though not free of it. A process the system tells nothing about counts zero.
 */
record CpuTimes(Map<String, Duration> byProcess) {

    private static final int TICKS_PER_SECOND = 100;

    static CpuTimes read(StackUnderTest stack) {
        Map<String, Duration> times = new LinkedHashMap<>();
        times.put("worker", ProcessHandle.of(stack.worker().pid()).map(CpuTimes::cpu).orElse(Duration.ZERO));
        times.put("api", ProcessHandle.of(stack.api().pid()).map(CpuTimes::cpu).orElse(Duration.ZERO));
        times.put("postgres", postmaster(stack.connections()).map(CpuTimes::postgres).orElse(Duration.ZERO));
        times.put("harness", cpu(ProcessHandle.current()));
        return new CpuTimes(times);
    }

    CpuTimes since(CpuTimes before) {
        Map<String, Duration> used = new LinkedHashMap<>();
        byProcess.forEach((name, time) -> used.put(name, time.minus(before.byProcess.getOrDefault(name, Duration.ZERO))));
        return new CpuTimes(used);
    }

    /** Milliseconds of CPU per VM, per process, and their total. */
    Map<String, Double> perVmMillis(int vms) {
        Map<String, Double> perVm = new LinkedHashMap<>();
        byProcess.forEach((name, time) -> perVm.put(name, time.toNanos() / 1e6 / vms));
        perVm.put("total", perVm.values().stream().mapToDouble(Double::doubleValue).sum());
        return perVm;
    }

    /**
     * The postmaster's own time, its live descendants', and that of the children it reaped (a
     * backend or an autovacuum worker that ended during the run would be lost otherwise).
     */
    private static Duration postgres(ProcessHandle postmaster) {
        Duration live = Stream.concat(Stream.of(postmaster), postmaster.descendants())
                .map(CpuTimes::cpu)
                .reduce(Duration.ZERO, Duration::plus);
        try {
            return live.plus(reapedChildren(Files.readString(Path.of("/proc", Long.toString(postmaster.pid()), "stat"))));
        } catch (IOException | RuntimeException notLinux) {
            return live;
        }
    }

    /**
     * {@code cutime + cstime} of a {@code /proc/<pid>/stat} line (fields 16 and 17): the CPU time
     * of the children the process has waited for, in clock ticks of {@value #TICKS_PER_SECOND} a
     * second (Linux's {@code USER_HZ}).
     */
    static Duration reapedChildren(String stat) {
        // The command (field 2) may hold spaces; the fields after it start with field 3.
        String[] fields = stat.substring(stat.lastIndexOf(')') + 2).strip().split(" ");
        long ticks = Long.parseLong(fields[16 - 3]) + Long.parseLong(fields[17 - 3]);
        return Duration.ofMillis(ticks * 1000 / TICKS_PER_SECOND);
    }

    private static Duration cpu(ProcessHandle process) {
        return process.info().totalCpuDuration().orElse(Duration.ZERO);
    }

    /** The embedded server runs detached from this JVM; a backend's parent is its postmaster. */
    private static Optional<ProcessHandle> postmaster(Connections connections) {
        try (Connection db = DriverManager.getConnection(connections.jdbcUrl(), connections.dbUser(), connections.dbPassword());
             Statement statement = db.createStatement();
             ResultSet row = statement.executeQuery("select pg_backend_pid()")) {
            row.next();
            return ProcessHandle.of(row.getLong(1)).flatMap(ProcessHandle::parent);
        } catch (SQLException e) {
            throw new IllegalStateException("cannot ask PostgreSQL for its process", e);
        }
    }
}
