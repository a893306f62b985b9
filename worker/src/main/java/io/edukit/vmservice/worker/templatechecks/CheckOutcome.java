package io.edukit.vmservice.worker.templatechecks;

import io.edukit.vmservice.worker.catalog.ImagePlacement;
import io.edukit.vmservice.worker.proxmox.TemplateReport;
import io.edukit.vmservice.worker.proxmox.VmRef;
import org.jspecify.annotations.Nullable;

import java.util.List;
import java.util.function.Function;

/**
 * What a check found: the inspector's result at every placement. It passes when every template is
 * fit to clone. A check of one image that has no placement at all fails: no node could clone it.
 *
 * @param note why it failed when there was nothing to inspect
 */
record CheckOutcome(Verdict verdict, List<PlacementResult> results, @Nullable String note) {

    enum Verdict { PASSED, FAILED }

    /**
     * @param image     the image checked, or null for every active image (where none at all passes)
     * @param inspector the template inspector: it reports a missing template or an unreachable node as a problem
     */
    static CheckOutcome inspect(@Nullable String image, List<ImagePlacement> placements, Function<VmRef, TemplateReport> inspector) {
        if (image != null && placements.isEmpty()) {
            return new CheckOutcome(Verdict.FAILED, List.of(), "no node holds a template of " + image + ": it has no placement");
        }
        List<PlacementResult> results = placements.stream()
                .map(placement -> PlacementResult.of(placement, inspector.apply(new VmRef(placement.node(), placement.templateVmid()))))
                .toList();
        return new CheckOutcome(results.stream().allMatch(PlacementResult::ok) ? Verdict.PASSED : Verdict.FAILED, results, null);
    }

    boolean passed() {
        return verdict == Verdict.PASSED;
    }
}
