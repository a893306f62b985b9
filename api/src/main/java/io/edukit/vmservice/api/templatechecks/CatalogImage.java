package io.edukit.vmservice.api.templatechecks;

import com.fasterxml.jackson.annotation.JsonUnwrapped;
import io.edukit.vmservice.api.catalog.OsImage;
import io.edukit.vmservice.api.templatechecks.OsImageRequest.Placement;
import io.swagger.v3.oas.annotations.media.Schema;

import java.util.List;

/**
 * An image as OPS see it: its catalog row whole (active or not, its primary placement in
 * {@code node}, {@code proxmoxTemplateId} and {@code storage}), with every node that holds its template.
 */
@Schema(description = "An OS image of the catalog, active or not, with every placement of its template")
public record CatalogImage(
        @JsonUnwrapped OsImage image,
        @Schema(description = "Every node holding a copy of the template, the primary first") List<Placement> placements) {
}
