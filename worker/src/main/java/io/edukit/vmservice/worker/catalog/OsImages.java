package io.edukit.vmservice.worker.catalog;

import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Repository;

import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.time.Instant;
import java.util.List;
import java.util.Optional;

@Repository
public class OsImages {

    private final JdbcClient jdbc;

    OsImages(JdbcClient jdbc) {
        this.jdbc = jdbc;
    }

    private static final String COLUMNS = "select name, proxmox_template_id, node, storage, min_disk_size_gb, min_ram_mb from os_image";

    /** Asked once per VmRequested: one row by its key, not the whole catalog. */
    public Optional<OsImage> findActive(String name) {
        return jdbc.sql(COLUMNS + " where active and name = ?").param(name).query(OsImages::map).optional();
    }

    /**
     * Whether a VmRequested made at {@code requestedAt} may become a job: its image is active, or was
     * deactivated after the request was made — the API accepted it while the image was active, and
     * a deactivation refuses new requests, not those on their way. {@code requestedAt} is the API's
     * clock, {@code deactivated_at} the database's: only a request within their skew of the
     * deactivation could fall on the wrong side.
     */
    public boolean takesRequestMadeAt(String name, Instant requestedAt) {
        return jdbc.sql("select count(*) from os_image where name = ? and (active or deactivated_at > ?)")
                .params(name, Timestamp.from(requestedAt)).query(Long.class).single() == 1;
    }

    public List<OsImage> active() {
        return jdbc.sql(COLUMNS + " where active order by name").query(OsImages::map).list();
    }

    /** Where each active image can be cloned: every node holding a copy of its template. */
    public List<ImagePlacement> placements() {
        return jdbc.sql(PLACEMENTS + " where i.active order by p.os_image, p.node").query(OsImages::placement).list();
    }

    /** Every node holding a copy of this image's template, the image's own node first, whether it is active or not. */
    public List<ImagePlacement> placementsOf(String name) {
        return jdbc.sql(PLACEMENTS + " where i.name = ? order by p.node <> i.node, p.node").param(name)
                .query(OsImages::placement).list();
    }

    private static final String PLACEMENTS = """
            select p.os_image, p.node, p.template_vmid, p.storage from os_image_placement p
            join os_image i on i.name = p.os_image""";

    private static ImagePlacement placement(ResultSet rs, int row) throws SQLException {
        return new ImagePlacement(rs.getString("os_image"), rs.getString("node"), rs.getInt("template_vmid"), rs.getString("storage"));
    }

    private static OsImage map(ResultSet rs, int row) throws SQLException {
        return new OsImage(rs.getString("name"), rs.getString("proxmox_template_id"), rs.getString("node"),
                rs.getString("storage"), rs.getInt("min_disk_size_gb"), rs.getInt("min_ram_mb"));
    }
}
