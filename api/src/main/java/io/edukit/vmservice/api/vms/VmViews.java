package io.edukit.vmservice.api.vms;

import org.jspecify.annotations.Nullable;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Repository;

import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.UUID;

/**
 * Reads VMs as callers see them: the worker's job where there is one, else the request the API
 * accepted (REQUESTED), so that a GET right after the 202 finds the VM.
 */
@Repository
class VmViews {

    private static final String VIEW = """
            select coalesce(j.vm_id, r.vm_id) as id,
                   coalesce(j.status, 'REQUESTED') as status,
                   j.step,
                   coalesce(j.os_image, r.os_image) as os_image,
                   coalesce(j.hostname, r.hostname) as hostname,
                   coalesce(j.cores, r.cores) as cores,
                   coalesce(j.memory_mb, r.memory_mb) as memory_mb,
                   coalesce(j.disk_gb, r.disk_gb) as disk_gb,
                   coalesce(j.owner_id, r.owner_id) as owner_id,
                   coalesce(j.course_id, r.course_id) as course_id,
                   coalesce(j.ip_addresses, '{}') as ip_addresses,
                   j.failure_reason, j.attempts, j.retryable,
                   coalesce(r.created_at, j.created_at) as created_at,
                   coalesce(j.updated_at, r.created_at) as updated_at
            from vm_request r full join vm_job j on j.vm_id = r.vm_id
            """;

    private final JdbcClient jdbc;

    VmViews(JdbcClient jdbc) {
        this.jdbc = jdbc;
    }

    Optional<VmResource> find(UUID id) {
        return jdbc.sql("select * from (" + VIEW + ") v where id = ?").param(id).query(VmViews::map).optional();
    }

    VmPage list(@Nullable String ownerId, @Nullable String status, int page, int size) {
        StringBuilder where = new StringBuilder(" where true");
        List<Object> params = new ArrayList<>();
        if (ownerId != null) {
            where.append(" and owner_id = ?");
            params.add(ownerId);
        }
        if (status != null) {
            where.append(" and status = ?");
            params.add(status);
        }
        String filtered = "from (" + VIEW + ") v" + where;
        long total = jdbc.sql("select count(*) " + filtered).params(params).query(Long.class).single();
        List<Object> pageParams = new ArrayList<>(params);
        pageParams.add(size);
        pageParams.add((long) page * size);
        List<VmResource> items = jdbc.sql("select * " + filtered + " order by created_at desc, id limit ? offset ?")
                .params(pageParams).query(VmViews::map).list();
        return VmPage.of(items, page, size, total);
    }

    private static VmResource map(ResultSet rs, int row) throws SQLException {
        String reason = rs.getString("failure_reason");
        VmResource.Failure failure = "FAILED".equals(rs.getString("status")) && reason != null
                ? new VmResource.Failure(reason, rs.getInt("attempts"), rs.getBoolean("retryable"))
                : null;
        return new VmResource(
                rs.getObject("id", UUID.class),
                rs.getString("status"),
                rs.getString("step"),
                rs.getString("os_image"),
                rs.getString("hostname"),
                rs.getInt("cores"),
                rs.getInt("memory_mb"),
                rs.getInt("disk_gb"),
                rs.getString("owner_id"),
                rs.getString("course_id"),
                List.of((String[]) rs.getArray("ip_addresses").getArray()),
                failure,
                rs.getTimestamp("created_at").toInstant(),
                rs.getTimestamp("updated_at").toInstant());
    }
}
