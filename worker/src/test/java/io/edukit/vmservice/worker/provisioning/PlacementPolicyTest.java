package io.edukit.vmservice.worker.provisioning;

import org.junit.jupiter.api.Test;

import java.util.List;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;

class PlacementPolicyTest {

    static final Placement PVE4 = new Placement("pve4", 9999, "local-lvm");
    static final Placement PVE5 = new Placement("pve5", 9899, "local-lvm");
    static final Placement PVE6 = new Placement("pve6", 9799, "local-zfs");

    @Test
    void theNodeWithTheFewestOfOurVmsTakesTheClone() {
        PlacementPolicy policy = new PlacementPolicy(Map.of());

        assertThat(policy.choose(List.of(PVE4, PVE5, PVE6), Map.of("pve4", 3, "pve5", 1, "pve6", 2), node -> true))
                .contains(PVE5);
    }

    @Test
    void aHeavierNodeTakesMoreVms() {
        PlacementPolicy policy = new PlacementPolicy(Map.of("pve4", 3));

        assertThat(policy.choose(List.of(PVE4, PVE5), Map.of("pve4", 5, "pve5", 2), node -> true))
                .as("(5+1)/3 = 2 beats (2+1)/1 = 3").contains(PVE4);
    }

    @Test
    void nodesWithoutAFreeSlotOrWithAnOpenCircuitAreSkippedAndTiesGoToTheName() {
        PlacementPolicy policy = new PlacementPolicy(Map.of());

        assertThat(policy.choose(List.of(PVE6, PVE4, PVE5), Map.of(), node -> !node.equals("pve4"))).contains(PVE5);
        assertThat(policy.choose(List.of(PVE4), Map.of(), node -> false)).isEmpty();
    }
}
