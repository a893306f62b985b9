package io.edukit.vmservice.worker.templatechecks;

import io.edukit.vmservice.worker.catalog.ImagePlacement;
import io.edukit.vmservice.worker.proxmox.TemplateReport;
import io.edukit.vmservice.worker.proxmox.VmRef;
import org.junit.jupiter.api.Test;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.function.Function;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.tuple;

class CheckOutcomeTest {

    static final ImagePlacement ON_PVE4 = new ImagePlacement("ubuntu-24.04", "pve4", 9998, "local-lvm");
    static final ImagePlacement ON_PVE5 = new ImagePlacement("ubuntu-24.04", "pve5", 9898, "local-zfs");
    static final String NO_CLOUD_INIT = "there is no cloud-init drive on ide2: run 'qm set 9898 --ide2 <storage>:cloudinit'";

    /** An inspector that knows these templates' problems; every other template is fit. */
    static Function<VmRef, TemplateReport> inspector(Map<VmRef, List<String>> problems, List<VmRef> asked) {
        return template -> {
            asked.add(template);
            return new TemplateReport(template, problems.getOrDefault(template, List.of()));
        };
    }

    @Test
    void everyTemplateFitPassesWithOneResultPerPlacementInTheirOrder() {
        List<VmRef> asked = new ArrayList<>();

        CheckOutcome outcome = CheckOutcome.inspect("ubuntu-24.04", List.of(ON_PVE4, ON_PVE5), inspector(Map.of(), asked));

        assertThat(outcome.passed()).isTrue();
        assertThat(asked).containsExactly(new VmRef("pve4", 9998), new VmRef("pve5", 9898));
        assertThat(outcome.results()).extracting(PlacementResult::node, PlacementResult::templateVmid, PlacementResult::storage,
                PlacementResult::ok).containsExactly(tuple("pve4", 9998, "local-lvm", true), tuple("pve5", 9898, "local-zfs", true));
        assertThat(outcome.note()).isNull();
    }

    @Test
    void oneBrokenCopyFailsTheCheckNamingItsProblemAndTheOthersStillReported() {
        CheckOutcome outcome = CheckOutcome.inspect("ubuntu-24.04", List.of(ON_PVE4, ON_PVE5),
                inspector(Map.of(new VmRef("pve5", 9898), List.of(NO_CLOUD_INIT)), new ArrayList<>()));

        assertThat(outcome.verdict()).isEqualTo(CheckOutcome.Verdict.FAILED);
        assertThat(outcome.results().get(0).ok()).isTrue();
        assertThat(outcome.results().get(1).ok()).isFalse();
        assertThat(outcome.results().get(1).problems()).containsExactly(NO_CLOUD_INIT);
    }

    @Test
    void anImageThatNoNodeHoldsFailsWithANoteAndNothingIsAsked() {
        List<VmRef> asked = new ArrayList<>();

        CheckOutcome outcome = CheckOutcome.inspect("ubuntu-24.04", List.of(), inspector(Map.of(), asked));

        assertThat(outcome.passed()).isFalse();
        assertThat(outcome.results()).isEmpty();
        assertThat(outcome.note()).isEqualTo("no node holds a template of ubuntu-24.04: it has no placement");
        assertThat(asked).isEmpty();
    }

    @Test
    void verifyingEveryActiveImageOfAnEmptyCatalogPasses() {
        CheckOutcome outcome = CheckOutcome.inspect(null, List.of(), inspector(Map.of(), new ArrayList<>()));

        assertThat(outcome.passed()).isTrue();
        assertThat(outcome.results()).isEmpty();
    }

    @Test
    void aProposedImageIsPlacedOnItsOwnNodeFirstThenOnEachOther() {
        ProposedImage proposed = new ProposedImage("ubuntu-24.04", "9998", "pve4", "local-lvm", "x86_64", 8, 1024, "",
                List.of(new ProposedImage.OtherNode("pve5", "9898", "local-zfs")));

        assertThat(proposed.allPlacements()).containsExactly(ON_PVE4, ON_PVE5);
        assertThat(new ProposedImage("ubuntu-24.04", "9998", "pve4", "local-lvm", "x86_64", 8, 1024, null, null)
                .allPlacements()).containsExactly(ON_PVE4);
    }
}
