package io.edukit.vmservice.worker.provisioning.persistence;

import io.edukit.vmservice.schemas.ProvisioningStep;
import io.edukit.vmservice.schemas.VmStatus;
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
    public boolean add(VmJob job) {
        VmJob.Snapshot s = job.snapshot();
        VmSpec spec = s.spec();
        return jdbc.sql("""
                        insert into vm_job (vm_id, status, step, os_image, hostname, cores, memory_mb, disk_gb,
                            ssh_public_keys, owner_id, course_id, requested_by, failure_reason, attempts, retryable,
                            ip_addresses, last_sequence, version, created_at, updated_at, packages)
                        values (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, 0, ?, ?, ?)
                        on conflict (vm_id) do nothing""")
                .params(s.id().value(), s.status().name(), name(s.step()), spec.osImage(), spec.hostname(),
                        spec.cores(), spec.memoryMb(), spec.diskGb(), spec.sshPublicKeys().toArray(String[]::new),
                        spec.ownerId(), spec.courseId(), spec.requestedBy(), s.failureReason(), s.attempts(),
                        s.retryable(), s.ipAddresses().toArray(String[]::new), s.lastSequence(),
                        Timestamp.from(s.createdAt()), Timestamp.from(s.updatedAt()), spec.packages().toArray(String[]::new))
                .update() == 1;
    }

    @Override
    public void update(VmJob job) {
        VmJob.Snapshot s = job.snapshot();
        int updated = jdbc.sql("""
                        update vm_job set status = ?, step = ?, failure_reason = ?, attempts = ?, retryable = ?,
                            ip_addresses = ?, last_sequence = ?, version = version + 1, updated_at = ?
                        where vm_id = ? and version = ?""")
                .params(s.status().name(), name(s.step()), s.failureReason(), s.attempts(), s.retryable(),
                        s.ipAddresses().toArray(String[]::new), s.lastSequence(), Timestamp.from(s.updatedAt()),
                        s.id().value(), s.version())
                .update();
        if (updated != 1) {
            throw new OptimisticLockingFailureException("VM job " + s.id() + " was changed concurrently");
        }
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
                rs.getTimestamp("updated_at").toInstant());
    }

    private static List<String> strings(Array array) throws SQLException {
        return List.of((String[]) array.getArray());
    }

    private static @Nullable String name(@Nullable Enum<?> value) {
        return value == null ? null : value.name();
    }
}
