package io.edukit.vmservice.worker.templatechecks;

import io.edukit.vmservice.worker.catalog.ImagePlacement;
import org.jspecify.annotations.Nullable;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Repository;

import java.util.Objects;

/**
 * Applies a change whose templates all passed to {@code os_image} and {@code os_image_placement},
 * in the transaction that completes its check. The {@code os_image} row keeps its primary
 * placement in its own columns; {@code os_image_placement} holds one row per node, the primary's too.
 */
@Repository
class CatalogChanges {

    /** Whether the change was made, and if not, why. */
    record Applied(boolean applied, @Nullable String note) {
        static final Applied DONE = new Applied(true, null);
    }

    private final JdbcClient jdbc;

    CatalogChanges(JdbcClient jdbc) {
        this.jdbc = jdbc;
    }

    Applied apply(TemplateCheck check) {
        return switch (check.purpose()) {
            case ADD -> add(Objects.requireNonNull(check.proposed()));
            case UPDATE -> update(Objects.requireNonNull(check.proposed()));
            case ACTIVATE -> activate(Objects.requireNonNull(check.osImage()));
            case VERIFY -> new Applied(false, null);
        };
    }

    /** A name is the image's key: if another ADD of it passed first, this one changes nothing. */
    private Applied add(ProposedImage image) {
        int added = jdbc.sql("""
                        insert into os_image (name, proxmox_template_id, node, storage, architecture, min_disk_size_gb,
                                              min_ram_mb, description)
                        values (?, ?, ?, ?, ?, ?, ?, ?) on conflict (name) do nothing""")
                .params(image.name(), image.proxmoxTemplateId(), image.node(), image.storage(), image.architecture(),
                        image.minDiskSizeGb(), image.minRamMb(), Objects.requireNonNullElse(image.description(), ""))
                .update();
        if (added == 0) {
            return new Applied(false, "an image named " + image.name() + " was added meanwhile: nothing was changed");
        }
        place(image);
        return Applied.DONE;
    }

    /** Replaces what the image is and where its template lives; whether it is active stays as it is. */
    private Applied update(ProposedImage image) {
        int updated = jdbc.sql("""
                        update os_image set proxmox_template_id = ?, node = ?, storage = ?, architecture = ?,
                            min_disk_size_gb = ?, min_ram_mb = ?, description = ?, updated_at = now()
                        where name = ?""")
                .params(image.proxmoxTemplateId(), image.node(), image.storage(), image.architecture(),
                        image.minDiskSizeGb(), image.minRamMb(), Objects.requireNonNullElse(image.description(), ""), image.name())
                .update();
        if (updated == 0) {
            return new Applied(false, "there is no image named " + image.name() + ": nothing was changed");
        }
        jdbc.sql("delete from os_image_placement where os_image = ?").param(image.name()).update();
        place(image);
        return Applied.DONE;
    }

    private Applied activate(String name) {
        int activated = jdbc.sql("update os_image set active = true, deactivated_at = null, updated_at = now() where name = ?").param(name).update();
        return activated == 1 ? Applied.DONE : new Applied(false, "there is no image named " + name + ": nothing was changed");
    }

    private void place(ProposedImage image) {
        for (ImagePlacement placement : image.allPlacements()) {
            jdbc.sql("insert into os_image_placement (os_image, node, template_vmid, storage) values (?, ?, ?, ?)")
                    .params(placement.osImage(), placement.node(), placement.templateVmid(), placement.storage())
                    .update();
        }
    }
}
