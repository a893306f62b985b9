package io.edukit.vmservice.worker.execution;

import io.edukit.vmservice.worker.catalog.ImagePlacement;
import io.edukit.vmservice.worker.catalog.OsImages;
import io.edukit.vmservice.worker.observability.RefreshedGauges;
import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import org.springframework.stereotype.Component;

import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicLong;

/**
 * What holds the executor back, per Proxmox node:
 * <ul>
 * <li>{@value #CLONE_SLOTS} (tag {@code node}) — clone slots in use across all replicas, counted as
 *     {@link CloneSlots} counts them, against
 *     {@code vmservice.max-concurrent-clones-per-node}, shown as {@value #CLONE_SLOTS_MAX};</li>
 * <li>{@code resilience4j.circuitbreaker.state} and the breakers' call meters (tags {@code name},
 *     {@code node}, {@code channel}) — this replica's breakers; every node an active image clones on
 *     has both of its breakers from the first refresh on.</li>
 * </ul>
 */
@Component
class ExecutorMetrics implements RefreshedGauges {

    static final String CLONE_SLOTS = "vmservice.clone.slots.in.use";
    static final String CLONE_SLOTS_MAX = "vmservice.clone.slots.max";

    private final CloneSlots cloneSlots;
    private final NodeCircuits circuits;
    private final OsImages images;
    private final MeterRegistry registry;
    private final Map<String, AtomicLong> slotsInUse = new ConcurrentHashMap<>();

    ExecutorMetrics(CloneSlots cloneSlots, NodeCircuits circuits, OsImages images, MeterRegistry registry,
                    ExecutorProperties properties) {
        this.cloneSlots = cloneSlots;
        this.circuits = circuits;
        this.images = images;
        this.registry = registry;
        circuits.bindTo(registry);
        Gauge.builder(CLONE_SLOTS_MAX, properties, p -> p.maxConcurrentClonesPerNode())
                .description("Clones allowed at once on one node, across all replicas")
                .register(registry);
    }

    @Override
    public void refresh() {
        images.placements().stream().map(ImagePlacement::node).distinct().forEach(node -> {
            circuits.watch(node);
            slots(node);
        });
        Map<String, Integer> inFlight = cloneSlots.inUse();
        inFlight.keySet().forEach(this::slots);
        slotsInUse.forEach((node, inUse) -> inUse.set(inFlight.getOrDefault(node, 0)));
    }

    private AtomicLong slots(String node) {
        return slotsInUse.computeIfAbsent(node, name -> {
            AtomicLong inUse = new AtomicLong();
            Gauge.builder(CLONE_SLOTS, inUse, AtomicLong::get)
                    .description("Clone slots in use on a node, across all replicas")
                    .tag("node", name)
                    .register(registry);
            return inUse;
        });
    }
}
