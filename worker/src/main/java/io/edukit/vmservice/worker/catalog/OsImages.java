package io.edukit.vmservice.worker.catalog;

import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Repository;

import java.util.List;
import java.util.Optional;

@Repository
public class OsImages {

    private final JdbcClient jdbc;

    OsImages(JdbcClient jdbc) {
        this.jdbc = jdbc;
    }

    public Optional<OsImage> findActive(String name) {
        return active().stream().filter(image -> image.name().equals(name)).findFirst();
    }

    public List<OsImage> active() {
        return jdbc.sql("""
                        select name, proxmox_template_id, node, storage, min_disk_size_gb, min_ram_mb
                        from os_image where active order by name""")
                .query((rs, row) -> new OsImage(rs.getString("name"), rs.getString("proxmox_template_id"),
                        rs.getString("node"), rs.getString("storage"), rs.getInt("min_disk_size_gb"), rs.getInt("min_ram_mb")))
                .list();
    }
}
