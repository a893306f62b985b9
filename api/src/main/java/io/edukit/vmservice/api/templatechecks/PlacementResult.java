package io.edukit.vmservice.api.templatechecks;

import io.swagger.v3.oas.annotations.media.Schema;

import java.util.List;

/** What a worker found at one placement, as it wrote it into {@code template_check.results}. */
@Schema(description = "What a worker found at one placement: ok when the template is fit to clone")
public record PlacementResult(
        @Schema(example = "ubuntu-24.04") String image,
        @Schema(example = "pve4") String node,
        @Schema(example = "9998") int templateVmid,
        @Schema(example = "local-lvm") String storage,
        boolean ok,
        @Schema(description = "What is wrong, each with the qm command that fixes it; empty when ok")
        List<String> problems) {
}
