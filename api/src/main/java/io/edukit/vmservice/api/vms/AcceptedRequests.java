package io.edukit.vmservice.api.vms;

import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Repository;

import java.time.Instant;
import java.util.Optional;
import java.util.UUID;

/**
 * The API's idempotency record: which VM each (caller, key) named, a fingerprint of its body,
 * and whether Kafka confirmed its command. Each call is its own short transaction.
 */
@Repository
class AcceptedRequests {

    private final JdbcClient jdbc;

    AcceptedRequests(JdbcClient jdbc) {
        this.jdbc = jdbc;
    }

    record Accepted(UUID vmId, String fingerprint, boolean confirmed) {
    }

    Optional<Accepted> find(CallerId caller, IdempotencyKey key) {
        return jdbc.sql("""
                        select vm_id, body_fingerprint, confirmed_at is not null as confirmed
                        from vm_request where caller = ? and idempotency_key = ?""")
                .params(caller.value(), key.value())
                .query((rs, row) -> new Accepted(rs.getObject("vm_id", UUID.class), rs.getString("body_fingerprint"),
                        rs.getBoolean("confirmed")))
                .optional();
    }

    /** Records the request, unconfirmed; false when the same caller and key were recorded first. */
    boolean add(CallerId caller, IdempotencyKey key, String fingerprint, UUID vmId, CreateVmRequest request) {
        return jdbc.sql("""
                        insert into vm_request (caller, idempotency_key, body_fingerprint, vm_id, os_image, hostname,
                            cores, memory_mb, disk_gb, owner_id, course_id)
                        values (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)
                        on conflict do nothing""")
                .params(caller.value(), key.value(), fingerprint, vmId, request.osImage(), request.hostname(),
                        request.cores(), request.memoryMb(), request.diskGb(), request.ownerId(), request.courseId())
                .update() == 1;
    }

    /** When a request was recorded and confirmed. */
    record Confirmed(Instant createdAt, Instant confirmedAt) {
    }

    /**
     * Kafka acknowledged the request's command: from now on callers see the VM. Empty when it was
     * confirmed before (by a concurrent retry with the same key).
     */
    Optional<Confirmed> confirm(UUID vmId) {
        return jdbc.sql("update vm_request set confirmed_at = now() where vm_id = ? and confirmed_at is null returning created_at, confirmed_at")
                .param(vmId)
                .query((rs, row) -> new Confirmed(rs.getTimestamp("created_at").toInstant(), rs.getTimestamp("confirmed_at").toInstant()))
                .optional();
    }
}
