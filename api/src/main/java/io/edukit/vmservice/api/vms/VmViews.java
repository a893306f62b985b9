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
 * Reads VMs as callers see them: the worker's job where there is one — status, step, placement
 * (node, VMID), addresses, failure — else the request the API confirmed (REQUESTED, not placed
 * yet), so that a GET right after the 202 finds the VM.
 */
@Repository
class VmViews {

    /**
     * Jobs, and confirmed requests the worker has not made a job of yet. The filters go into
     * each branch, so that the indexes on owner and status serve them (VmReadModelTest checks the plans).
     */
    static final String VIEW = """
            select vm_id as id, status, step, os_image, hostname, cores, memory_mb, disk_gb, owner_id, course_id,
                   ip_addresses, node, proxmox_vmid, note, failure_reason, attempts, retryable, created_at, updated_at
            from vm_job where %1$s
            union all
            select r.vm_id, 'REQUESTED', null, r.os_image, r.hostname, r.cores, r.memory_mb, r.disk_gb, r.owner_id,
                   r.course_id, '{}', null, null, null, null, 0, null, r.created_at, r.confirmed_at
            from vm_request r
            where r.confirmed_at is not null and %2$s
              and not exists (select 1 from vm_job j where j.vm_id = r.vm_id)
            """;

    private final JdbcClient jdbc;

    VmViews(JdbcClient jdbc) {
        this.jdbc = jdbc;
    }

    /** One VM, if the reader may see it. */
    Optional<VmResource> find(UUID id, VmReader reader) {
        return query(new Filters(reader).where("vm_id = ?", "r.vm_id = ?", id)).optional();
    }

    VmPage list(VmReader reader, @Nullable String ownerId, @Nullable String status, int page, int size) {
        Filters filters = new Filters(reader);
        if (ownerId != null) {
            filters.where("owner_id = ?", "r.owner_id = ?", ownerId);
        }
        if (status != null) {
            filters.where("status = ?", "'REQUESTED' = ?", status);
        }
        String view = filters.view();
        long total = jdbc.sql("select count(*) from (" + view + ") v").params(filters.params()).query(Long.class).single();
        List<Object> pageParams = new ArrayList<>(filters.params());
        pageParams.add(size);
        pageParams.add((long) page * size);
        List<VmResource> items = jdbc.sql("select * from (" + view + ") v order by created_at desc, id limit ? offset ?")
                .params(pageParams).query(VmViews::map).list();
        return VmPage.of(items, page, size, total);
    }

    private JdbcClient.MappedQuerySpec<VmResource> query(Filters filters) {
        return jdbc.sql(filters.view()).params(filters.params()).query(VmViews::map);
    }

    /** The conditions of both branches of {@link #VIEW}, starting with whose VMs the reader may see. */
    private static final class Filters {

        private final List<String> onJobs = new ArrayList<>(List.of("true"));
        private final List<String> onRequests = new ArrayList<>(List.of("true"));
        private final List<Object> jobParams = new ArrayList<>();
        private final List<Object> requestParams = new ArrayList<>();

        Filters(VmReader reader) {
            if (!reader.seesAll()) {
                where("requested_by = ?", "r.caller = ?", reader.caller().value());
            }
        }

        Filters where(String onJob, String onRequest, Object value) {
            onJobs.add(onJob);
            jobParams.add(value);
            onRequests.add(onRequest);
            requestParams.add(value);
            return this;
        }

        String view() {
            return VIEW.formatted(String.join(" and ", onJobs), String.join(" and ", onRequests));
        }

        List<Object> params() {
            List<Object> params = new ArrayList<>(jobParams);
            params.addAll(requestParams);
            return params;
        }
    }

    private static VmResource map(ResultSet rs, int row) throws SQLException {
        String status = rs.getString("status");
        String reason = rs.getString("failure_reason");
        VmResource.Failure failure = "FAILED".equals(status) && reason != null
                ? new VmResource.Failure(reason, rs.getInt("attempts"), rs.getBoolean("retryable"))
                : null;
        return new VmResource(
                rs.getObject("id", UUID.class),
                status,
                rs.getString("step"),
                rs.getString("os_image"),
                rs.getString("hostname"),
                rs.getInt("cores"),
                rs.getInt("memory_mb"),
                rs.getInt("disk_gb"),
                rs.getString("owner_id"),
                rs.getString("course_id"),
                List.of((String[]) rs.getArray("ip_addresses").getArray()),
                rs.getString("node"),
                rs.getObject("proxmox_vmid", Integer.class),
                // A note explains a RUNNING VM without an address; the row keeps it after that, as the events do not.
                "RUNNING".equals(status) ? rs.getString("note") : null,
                failure,
                rs.getTimestamp("created_at").toInstant(),
                rs.getTimestamp("updated_at").toInstant());
    }
}
