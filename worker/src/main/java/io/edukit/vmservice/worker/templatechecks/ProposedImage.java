package io.edukit.vmservice.worker.templatechecks;

import io.edukit.vmservice.worker.catalog.ImagePlacement;
import org.jspecify.annotations.Nullable;

import java.util.ArrayList;
import java.util.List;

/**
 * An image as OPS propose it for the catalog, as the API stored it in {@code template_check.proposed}:
 * its primary placement in its own fields (the {@code os_image} row's node, template and storage),
 * the copies of its template on other nodes in {@code placements}.
 */
record ProposedImage(
        String name,
        String proxmoxTemplateId,
        String node,
        String storage,
        String architecture,
        int minDiskSizeGb,
        int minRamMb,
        @Nullable String description,
        @Nullable List<OtherNode> placements) {

    /** A copy of the template on another node, under its own VMID. */
    record OtherNode(String node, String proxmoxTemplateId, String storage) {
    }

    /** Every placement, the primary first: one {@code os_image_placement} row each. */
    List<ImagePlacement> allPlacements() {
        List<ImagePlacement> all = new ArrayList<>();
        all.add(new ImagePlacement(name, node, Integer.parseInt(proxmoxTemplateId), storage));
        if (placements != null) {
            placements.forEach(other -> all.add(new ImagePlacement(name, other.node(),
                    Integer.parseInt(other.proxmoxTemplateId()), other.storage())));
        }
        return all;
    }
}
