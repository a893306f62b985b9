package io.edukit.vmservice.worker.templatechecks;

import io.edukit.vmservice.worker.catalog.ImagePlacement;
import io.edukit.vmservice.worker.proxmox.TemplateReport;

import java.util.List;

/** What the inspector found at one placement, as {@code template_check.results} holds it; ok when the template is fit to clone. */
record PlacementResult(String image, String node, int templateVmid, String storage, boolean ok, List<String> problems) {

    static PlacementResult of(ImagePlacement placement, TemplateReport report) {
        return new PlacementResult(placement.osImage(), placement.node(), placement.templateVmid(), placement.storage(),
                report.valid(), report.problems());
    }
}
