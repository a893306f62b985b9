package io.edukit.vmservice.api.ops;

import org.jspecify.annotations.Nullable;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Repository;

import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;

/**
 * Reads the worker's jobs ({@code vm_job}) and their attempts ({@code vm_job_attempt}) as OPS
 * see them. Read only: every change to a job goes through a command to the worker.
 */
@Repository
class JobRecords {

    private static final String FAILED_JOB = """
            select vm_id, hostname, owner_id, course_id, os_image, node, proxmox_vmid, step, failure_reason, attempts,
                   retryable, updated_at
            from vm_job where %s""";

    /** A job in progress is stuck when it made no progress for the given seconds, judged by the database's clock. */
    static final String STUCK = "updated_at < now() - make_interval(secs => ?)";

    private static final String IN_PROGRESS_JOB = """
            select vm_id, status, step, hostname, owner_id, os_image, node, proxmox_vmid, attempts, last_error,
                   next_attempt_at, lease_owner, updated_at, %s as stuck
            from vm_job where %s""".formatted(STUCK, "%s");

    private final JdbcClient jdbc;

    JobRecords(JdbcClient jdbc) {
        this.jdbc = jdbc;
    }

    /** A page of the FAILED jobs the filter matches, the latest failure first. */
    FailedJobPage failed(FailedJobFilter filter, int page, int size) {
        JobConditions.Where where = filter.where();
        List<Object> params = new ArrayList<>(where.params());
        params.add(size);
        params.add((long) page * size);
        List<FailedJob> items = jdbc.sql(FAILED_JOB.formatted(where.sql()) + " order by updated_at desc, vm_id limit ? offset ?")
                .params(params).query(JobRecords::failedJob).list();
        Map<UUID, List<JobResource.Attempt>> histories = histories(items.stream().map(FailedJob::id).toList());
        return FailedJobPage.of(items.stream().map(job -> job.withHistory(histories.getOrDefault(job.id(), List.of()))).toList(),
                page, size, countFailed(filter));
    }

    /** The attempts of each job, oldest first, in one query for a whole page. */
    private Map<UUID, List<JobResource.Attempt>> histories(List<UUID> jobs) {
        Map<UUID, List<JobResource.Attempt>> histories = new HashMap<>();
        jdbc.sql("""
                        select vm_id, step, attempt, worker, started_at, ended_at, outcome, error
                        from vm_job_attempt where vm_id = any(?) order by id""")
                .param(jobs.toArray(UUID[]::new))
                .query(rs -> {
                    histories.computeIfAbsent(rs.getObject("vm_id", UUID.class), job -> new ArrayList<>()).add(attempt(rs, 0));
                });
        return histories;
    }

    long countFailed(FailedJobFilter filter) {
        JobConditions.Where where = filter.where();
        return jdbc.sql("select count(*) from vm_job where " + where.sql()).params(where.params()).query(Long.class).single();
    }

    /** The ids of the first {@code limit} FAILED jobs the filter matches, in the list's order. */
    List<UUID> failedIds(FailedJobFilter filter, int limit) {
        JobConditions.Where where = filter.where();
        List<Object> params = new ArrayList<>(where.params());
        params.add(limit);
        return jdbc.sql("select vm_id from vm_job where " + where.sql() + " order by updated_at desc, vm_id limit ?")
                .params(params).query(UUID.class).list();
    }

    /** A page of the jobs in progress the clause matches, the longest without progress first. */
    InProgressJobPage inProgress(JobConditions.Where where, Duration stuckAfter, int page, int size) {
        List<Object> params = new ArrayList<>();
        params.add(InProgressQuery.seconds(stuckAfter));
        params.addAll(where.params());
        params.add(size);
        params.add((long) page * size);
        List<InProgressJob> items = jdbc.sql(IN_PROGRESS_JOB.formatted(where.sql()) + " order by updated_at, vm_id limit ? offset ?")
                .params(params).query(JobRecords::inProgressJob).list();
        long total = jdbc.sql("select count(*) from vm_job where " + where.sql()).params(where.params()).query(Long.class).single();
        return InProgressJobPage.of(items, page, size, total);
    }

    Optional<String> status(UUID vmId) {
        return jdbc.sql("select status from vm_job where vm_id = ?").param(vmId).query(String.class).optional();
    }

    /**
     * One job with its history. Stuck is judged by the database's clock, as the worker judges
     * leases and its stuck-job metric.
     */
    Optional<JobResource> find(UUID vmId, Duration stuckAfter) {
        List<JobResource.Attempt> history = jdbc.sql("""
                        select step, attempt, worker, started_at, ended_at, outcome, error
                        from vm_job_attempt where vm_id = ? order by id""")
                .param(vmId).query(JobRecords::attempt).list();
        return jdbc.sql("""
                        select *, %s and %s as stuck
                        from vm_job where vm_id = ?""".formatted(InProgressQuery.IN_PROGRESS_SQL, STUCK))
                .params(InProgressQuery.seconds(stuckAfter), vmId)
                .query((rs, row) -> job(rs, history)).optional();
    }

    private static FailedJob failedJob(ResultSet rs, int row) throws SQLException {
        return new FailedJob(
                rs.getObject("vm_id", UUID.class),
                rs.getString("hostname"),
                rs.getString("owner_id"),
                rs.getString("course_id"),
                rs.getString("os_image"),
                rs.getString("node"),
                rs.getObject("proxmox_vmid", Integer.class),
                rs.getString("step"),
                rs.getString("failure_reason"),
                rs.getInt("attempts"),
                rs.getObject("retryable", Boolean.class),
                rs.getTimestamp("updated_at").toInstant(),
                List.of());
    }

    private static InProgressJob inProgressJob(ResultSet rs, int row) throws SQLException {
        return new InProgressJob(
                rs.getObject("vm_id", UUID.class),
                rs.getString("status"),
                rs.getString("step"),
                rs.getString("hostname"),
                rs.getString("owner_id"),
                rs.getString("os_image"),
                rs.getString("node"),
                rs.getObject("proxmox_vmid", Integer.class),
                rs.getInt("attempts"),
                rs.getString("last_error"),
                instant(rs, "next_attempt_at"),
                rs.getString("lease_owner"),
                rs.getTimestamp("updated_at").toInstant(),
                rs.getBoolean("stuck"));
    }

    private static JobResource job(ResultSet rs, List<JobResource.Attempt> history) throws SQLException {
        return new JobResource(
                rs.getObject("vm_id", UUID.class),
                rs.getString("status"),
                rs.getString("step"),
                rs.getString("failure_reason"),
                rs.getInt("attempts"),
                rs.getObject("retryable", Boolean.class),
                rs.getString("last_error"),
                rs.getBoolean("stuck"),
                rs.getString("os_image"),
                rs.getString("hostname"),
                rs.getInt("cores"),
                rs.getInt("memory_mb"),
                rs.getInt("disk_gb"),
                rs.getString("owner_id"),
                rs.getString("course_id"),
                rs.getString("requested_by"),
                rs.getString("node"),
                rs.getObject("proxmox_vmid", Integer.class),
                List.of((String[]) rs.getArray("ip_addresses").getArray()),
                instant(rs, "next_attempt_at"),
                rs.getString("lease_owner"),
                instant(rs, "lease_expires_at"),
                rs.getTimestamp("created_at").toInstant(),
                rs.getTimestamp("updated_at").toInstant(),
                history);
    }

    private static JobResource.Attempt attempt(ResultSet rs, int row) throws SQLException {
        return new JobResource.Attempt(
                rs.getString("step"),
                rs.getInt("attempt"),
                rs.getString("worker"),
                rs.getTimestamp("started_at").toInstant(),
                instant(rs, "ended_at"),
                rs.getString("outcome"),
                rs.getString("error"));
    }

    private static @Nullable Instant instant(ResultSet rs, String column) throws SQLException {
        Timestamp value = rs.getTimestamp(column);
        return value == null ? null : value.toInstant();
    }
}
