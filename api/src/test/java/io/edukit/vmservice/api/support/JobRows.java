package io.edukit.vmservice.api.support;

import io.edukit.vmservice.api.vms.VmRequestFixtures;
import org.jspecify.annotations.Nullable;
import org.springframework.jdbc.core.simple.JdbcClient;

import java.sql.Timestamp;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;

/**
 * Writes jobs and their attempts the way the worker stores them ({@code vm_job}, {@code vm_job_attempt}),
 * for tests of what the API reads; no worker runs.
 */
public final class JobRows {

    private final JdbcClient jdbc;

    public JobRows(JdbcClient jdbc) {
        this.jdbc = jdbc;
    }

    public UUID insert(Job job) {
        return insert(UUID.randomUUID(), job);
    }

    /** A vm_job row with the columns the worker's JdbcVmJobs writes. */
    public UUID insert(UUID id, Job job) {
        jdbc.sql("""
                insert into vm_job (vm_id, status, step, os_image, hostname, cores, memory_mb, disk_gb, ssh_public_keys,
                    owner_id, course_id, requested_by, failure_reason, attempts, retryable, ip_addresses, last_sequence,
                    version, created_at, updated_at, node, template_vmid, storage, proxmox_vmid, note, last_error)
                values (?, ?, ?, ?, ?, 2, 2048, 20, ?, ?, 'net-101', ?, ?, ?, ?, ?, 3, 3, ?, ?,
                    ?, ?, ?, ?, ?, ?)""")
                .params(id, job.status, job.step, job.osImage, job.hostname(),
                        new String[]{VmRequestFixtures.STUDENT_KEY}, job.owner, job.requestedBy, job.failureReason, job.attempts,
                        job.retryable, job.ipAddresses.toArray(String[]::new),
                        Timestamp.from(job.createdAt), Timestamp.from(job.updatedAt),
                        job.node, job.node == null ? null : 9999, job.node == null ? null : "local-lvm",
                        job.proxmoxVmid, job.note, job.lastError)
                .update();
        return id;
    }

    /** One row of vm_job_attempt; rows are read back in the order they were written. */
    public void attempt(UUID vmId, String step, int attempt, String worker, Instant startedAt, @Nullable Instant endedAt,
                        @Nullable String outcome, @Nullable String error) {
        jdbc.sql("""
                insert into vm_job_attempt (vm_id, step, attempt, worker, started_at, ended_at, outcome, error)
                values (?, ?, ?, ?, ?, ?, ?, ?)""")
                .params(vmId, step, attempt, worker, Timestamp.from(startedAt),
                        endedAt == null ? null : Timestamp.from(endedAt), outcome, error)
                .update();
    }

    /** A job row to write, in the states the worker leaves it. */
    public static final class Job {
        final String status;
        @Nullable String step;
        @Nullable String node;
        @Nullable Integer proxmoxVmid;
        @Nullable String failureReason;
        @Nullable Boolean retryable;
        @Nullable String note;
        @Nullable String lastError;
        @Nullable String hostname;
        String owner = "owner";
        /** The caller that asked for the VM: the tests' usual caller unless set. */
        String requestedBy = TestIssuer.CALLER;
        String osImage = "debian-12";
        int attempts;
        List<String> ipAddresses = new ArrayList<>();
        Instant createdAt = Instant.now().truncatedTo(ChronoUnit.MICROS);
        Instant updatedAt = createdAt;

        public Job(String status) {
            this.status = status;
        }

        /** The owner; the hostname is {@code ws-<owner>} unless set. */
        public Job owner(String value) {
            owner = value;
            return this;
        }

        public Job requestedBy(String caller) {
            requestedBy = caller;
            return this;
        }

        public Job hostname(String value) {
            hostname = value;
            return this;
        }

        public Job osImage(String value) {
            osImage = value;
            return this;
        }

        public Job step(String value) {
            step = value;
            return this;
        }

        public Job placed(String onNode, int vmid) {
            node = onNode;
            proxmoxVmid = vmid;
            return this;
        }

        public Job attempts(int value) {
            attempts = value;
            return this;
        }

        public Job failed(String reason, int afterAttempts, boolean mayRetry) {
            failureReason = reason;
            attempts = afterAttempts;
            retryable = mayRetry;
            return this;
        }

        public Job note(String value) {
            note = value;
            return this;
        }

        public Job lastError(String value) {
            lastError = value;
            return this;
        }

        public Job ipAddresses(String... addresses) {
            ipAddresses = List.of(addresses);
            return this;
        }

        public Job createdAt(Instant value) {
            createdAt = value.truncatedTo(ChronoUnit.MICROS);
            updatedAt = createdAt;
            return this;
        }

        public Job updatedAt(Instant value) {
            updatedAt = value.truncatedTo(ChronoUnit.MICROS);
            return this;
        }

        String hostname() {
            return hostname != null ? hostname : "ws-" + owner;
        }
    }
}
