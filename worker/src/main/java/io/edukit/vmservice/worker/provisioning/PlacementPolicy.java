package io.edukit.vmservice.worker.provisioning;

import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.function.Predicate;

/**
 * Picks the node a clone goes to: among the image's placements whose node can take a clone now,
 * the one with the most room — the fewest of our VMs in flight and running, against the node's
 * weight (a node of weight 2 takes twice the VMs of a node of weight 1). Ties go to the node
 * name, so the choice is the same on every replica.
 */
public final class PlacementPolicy {

    private final Map<String, Integer> weights;

    /** @param weights per node; a node not named weighs 1 */
    public PlacementPolicy(Map<String, Integer> weights) {
        this.weights = Map.copyOf(weights);
    }

    /**
     * @param candidates   the image's placements
     * @param vmsPerNode   our VMs in flight and running, per node
     * @param canTakeClone whether a node has a free clone slot and a closed circuit
     */
    public Optional<Placement> choose(List<Placement> candidates, Map<String, Integer> vmsPerNode, Predicate<String> canTakeClone) {
        return candidates.stream()
                .filter(placement -> canTakeClone.test(placement.node()))
                .min(Comparator.comparingDouble((Placement placement) -> load(placement.node(), vmsPerNode))
                        .thenComparing(Placement::node));
    }

    private double load(String node, Map<String, Integer> vmsPerNode) {
        int weight = Math.max(1, weights.getOrDefault(node, 1));
        return (vmsPerNode.getOrDefault(node, 0) + 1.0) / weight;
    }
}
