package io.edukit.vmservice.worker.snippets;

import io.edukit.vmservice.worker.catalog.ImagePlacement;
import io.edukit.vmservice.worker.catalog.OsImages;
import org.springframework.boot.health.contributor.Health;
import org.springframework.boot.health.contributor.HealthIndicator;

import java.util.Map;
import java.util.TreeMap;

/**
 * {@code /actuator/health/snippets}: the snippet directory of every node an active image clones
 * on can be listed over SFTP. Like the Proxmox API's, outside liveness and readiness.
 */
class SnippetStoreHealthIndicator implements HealthIndicator {

    private final SnippetStore store;
    private final OsImages images;

    SnippetStoreHealthIndicator(SnippetStore store, OsImages images) {
        this.store = store;
        this.images = images;
    }

    @Override
    public Health health() {
        Map<String, String> nodes = new TreeMap<>();
        boolean allReachable = true;
        for (String node : images.placements().stream().map(ImagePlacement::node).distinct().toList()) {
            try {
                nodes.put(node, "ok: " + store.list(node).size() + " snippets");
            } catch (SnippetStoreException e) {
                nodes.put(node, e.getMessage());
                allReachable = false;
            }
        }
        return (allReachable ? Health.up() : Health.down()).withDetail("nodes", nodes).build();
    }
}
