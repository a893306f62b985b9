package io.edukit.vmservice.worker.provisioning.persistence;

import io.edukit.vmservice.schemas.ProvisioningStep;
import io.edukit.vmservice.schemas.VmStatus;
import io.edukit.vmservice.worker.provisioning.Placement;
import io.edukit.vmservice.worker.provisioning.VmId;
import io.edukit.vmservice.worker.provisioning.VmJob;
import io.edukit.vmservice.worker.provisioning.VmJobs;
import io.edukit.vmservice.worker.provisioning.VmSpec;
import org.jspecify.annotations.Nullable;
import org.springframework.dao.OptimisticLockingFailureException;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Repository;

import java.sql.Array;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import java.util.UUID;

@Repository
class JdbcVmJobs implements VmJobs {

    private final JdbcClient jdbc;

    JdbcVmJobs(JdbcClient jdbc) {
        this.jdbc = jdbc;
    }

    @Override
    public Optional<VmJob> find(VmId id) {
        return jdbc.sql("select * from vm_job where vm_id = ?")
                .param(id.value())
                .query((rs, row) -> VmJob.restore(snapshot(rs)))
                .optional();
    }

    @Override
    public Optional<VmJob> findLeasedBy(VmId id, String owner) {
        return jdbc.sql("select * from vm_job where vm_id = ? and lease_owner = ? and lease_expires_at >= statement_timestamp()")
                .params(id.value(), owner)
                .query((rs, row) -> VmJob.restore(snapshot(rs)))
                .optional();
    }

    @Override
    public boolean add(VmJob job, @Nullable String traceparent) {
        VmJob.Snapshot s = job.snapshot();
        VmSpec spec = s.spec();
        return jdbc.sql("""
                        insert into vm_job (vm_id, status, step, os_image, hostname, cores, memory_mb, disk_gb,
                            ssh_public_keys, owner_id, course_id, requested_by, failure_reason, attempts, retryable,
                            ip_addresses, last_sequence, version, created_at, updated_at, packages, trace_parent,
                            next_attempt_at)
                        values (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, 0, ?, ?, ?, ?, now())
                        on conflict (vm_id) do nothing""")
                .params(s.id().value(), s.status().name(), name(s.step()), spec.osImage(), spec.hostname(),
                        spec.cores(), spec.memoryMb(), spec.diskGb(), spec.sshPublicKeys().toArray(String[]::new),
                        spec.ownerId(), spec.courseId(), spec.requestedBy(), s.failureReason(), s.attempts(),
                        s.retryable(), s.ipAddresses().toArray(String[]::new), s.lastSequence(),
                        Timestamp.from(s.createdAt()), Timestamp.from(s.updatedAt()), spec.packages().toArray(String[]::new),
                        traceparent)
                .update() == 1;
    }

    /**
     * Besides the job's own state, keeps the executor's schedule in step: a job that enters an
     * active status (a deletion, a replay) is due at once, a job that ends is nobody's work any more.
     */
    @Override
    public VmJob update(VmJob job, @Nullable String traceparent) {
        return update(job, null, traceparent);
    }

    @Override
    public VmJob updateLeased(VmJob job, String owner) {
        return update(job, owner, null);
    }

    /**
     * With an {@code owner}, a runner's: only while that replica holds the job's lease by the
     * database's clock, and the trace stays. Without one, a command's: its trace replaces the job's.
     */
    private VmJob update(VmJob job, @Nullable String owner, @Nullable String traceparent) {
        VmJob.Snapshot s = job.snapshot();
        Placement placement = s.placement();
        boolean active = s.status() == VmStatus.REQUESTED || s.status() == VmStatus.PROVISIONING
                || s.status() == VmStatus.DELETING;
        int updated = jdbc.sql("""
                        update vm_job set status = :status, step = :step, failure_reason = :failureReason,
                            attempts = :attempts, retryable = :retryable, ip_addresses = :ipAddresses,
                            last_sequence = :lastSequence, version = version + 1, updated_at = :updatedAt,
                            node = :node, template_vmid = :templateVmid, storage = :storage,
                            proxmox_vmid = :proxmoxVmid, task_upid = :taskUpid, clone_slot = :cloneSlot, step_started_at = :stepStartedAt,
                            last_error = :lastError, note = :note,
                            next_attempt_at = case when not :active then null
                                                   when status <> :status then now()
                                                   else next_attempt_at end,
                            lease_owner = case when :active then lease_owner end,
                            lease_expires_at = case when :active then lease_expires_at end,
                            trace_parent = case when cast(:owner as text) is null then :traceparent else trace_parent end
                        where vm_id = :id and version = :version
                          and (cast(:owner as text) is null
                               or (lease_owner = :owner and lease_expires_at >= statement_timestamp()))""")
                .param("status", s.status().name())
                .param("step", name(s.step()))
                .param("failureReason", s.failureReason())
                .param("attempts", s.attempts())
                .param("retryable", s.retryable())
                .param("ipAddresses", s.ipAddresses().toArray(String[]::new))
                .param("lastSequence", s.lastSequence())
                .param("updatedAt", Timestamp.from(s.updatedAt()))
                .param("node", placement == null ? null : placement.node())
                .param("templateVmid", placement == null ? null : placement.templateVmid())
                .param("storage", placement == null ? null : placement.storage())
                .param("proxmoxVmid", s.proxmoxVmid())
                .param("taskUpid", s.taskUpid())
                .param("cloneSlot", s.cloneSlot())
                .param("stepStartedAt", s.stepStartedAt() == null ? null : Timestamp.from(s.stepStartedAt()))
                .param("lastError", s.lastError())
                .param("note", s.note())
                .param("active", active)
                .param("id", s.id().value())
                .param("version", s.version())
                .param("owner", owner)
                .param("traceparent", traceparent)
                .update();
        if (updated != 1) {
            throw new OptimisticLockingFailureException("VM job " + s.id() + " was changed concurrently"
                    + (owner == null ? "" : " or is no longer leased by " + owner));
        }
        return VmJob.restore(s.nextVersion());
    }

    private static VmJob.Snapshot snapshot(ResultSet rs) throws SQLException {
        VmSpec spec = new VmSpec(rs.getString("os_image"), rs.getString("hostname"), rs.getInt("cores"),
                rs.getInt("memory_mb"), rs.getInt("disk_gb"), strings(rs.getArray("ssh_public_keys")),
                rs.getString("owner_id"), rs.getString("course_id"), rs.getString("requested_by"),
                strings(rs.getArray("packages")));
        String step = rs.getString("step");
        return new VmJob.Snapshot(
                new VmId(rs.getObject("vm_id", UUID.class)),
                spec,
                VmStatus.valueOf(rs.getString("status")),
                step == null ? null : ProvisioningStep.valueOf(step),
                rs.getString("failure_reason"),
                rs.getInt("attempts"),
                rs.getObject("retryable", Boolean.class),
                strings(rs.getArray("ip_addresses")),
                rs.getLong("last_sequence"),
                rs.getLong("version"),
                rs.getTimestamp("created_at").toInstant(),
                rs.getTimestamp("updated_at").toInstant(),
                placement(rs),
                rs.getObject("proxmox_vmid", Integer.class),
                rs.getString("task_upid"),
                rs.getBoolean("clone_slot"),
                instant(rs.getTimestamp("step_started_at")),
                rs.getString("last_error"),
                rs.getString("note"));
    }

    private static @Nullable Placement placement(ResultSet rs) throws SQLException {
        String node = rs.getString("node");
        Integer templateVmid = rs.getObject("template_vmid", Integer.class);
        String storage = rs.getString("storage");
        return node == null || templateVmid == null || storage == null ? null : new Placement(node, templateVmid, storage);
    }

    private static @Nullable Instant instant(@Nullable Timestamp timestamp) {
        return timestamp == null ? null : timestamp.toInstant();
    }

    private static List<String> strings(Array array) throws SQLException {
        return List.of((String[]) array.getArray());
    }

    private static @Nullable String name(@Nullable Enum<?> value) {
        return value == null ? null : value.name();
    }
}
