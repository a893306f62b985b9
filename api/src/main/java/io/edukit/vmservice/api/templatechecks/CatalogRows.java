package io.edukit.vmservice.api.templatechecks;

import io.edukit.vmservice.api.templatechecks.OsImageRequest.Placement;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Repository;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;

/**
 * What the API itself writes to the catalog: only what needs no template check — an image's
 * activity turned off, its description and minimums. Where templates live is the worker's to
 * change, once it has inspected them.
 */
@Repository
class CatalogRows {

    private final JdbcClient jdbc;

    CatalogRows(JdbcClient jdbc) {
        this.jdbc = jdbc;
    }

    /** Every node holding a copy of each image's template, by image, the image's own node first. */
    Map<String, List<Placement>> placements() {
        Map<String, List<Placement>> byImage = new HashMap<>();
        jdbc.sql("""
                        select p.os_image, p.node, p.template_vmid, p.storage from os_image_placement p
                        join os_image i on i.name = p.os_image order by p.os_image, p.node <> i.node, p.node""")
                .query(rs -> {
                    byImage.computeIfAbsent(rs.getString("os_image"), image -> new ArrayList<>())
                            .add(new Placement(rs.getString("node"), rs.getInt("template_vmid"), rs.getString("storage")));
                });
        return byImage;
    }

    /** False when the image was inactive already. */
    boolean deactivate(String name) {
        return jdbc.sql("update os_image set active = false, deactivated_at = now(), updated_at = now() where name = ? and active").param(name).update() == 1;
    }

    /** What callers read of the image and the minimums a request must meet; its templates stay as they are. */
    void describe(OsImageRequest image) {
        jdbc.sql("""
                        update os_image set architecture = ?, min_disk_size_gb = ?, min_ram_mb = ?, description = ?, updated_at = now()
                        where name = ?""")
                .params(image.architecture(), image.minDiskSizeGb(), image.minRamMb(),
                        Objects.requireNonNullElse(image.description(), ""), image.name())
                .update();
    }
}
