package io.edukit.vmservice.api.catalog;

import org.springframework.data.annotation.Id;
import org.springframework.data.relational.core.mapping.Table;

/** One OS image callers can ask for, and the Proxmox template it is cloned from. */
@Table("os_image")
public record OsImage(
        @Id String name,
        String proxmoxTemplateId,
        String node,
        String storage,
        String architecture,
        int minDiskSizeGb,
        int minRamMb,
        String description,
        boolean active) {
}
