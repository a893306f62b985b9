package io.edukit.vmservice.worker.proxmox;

import io.edukit.vmservice.worker.catalog.ImagePlacement;
import io.edukit.vmservice.worker.catalog.OsImages;
import org.springframework.boot.health.contributor.Health;
import org.springframework.boot.health.contributor.HealthIndicator;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * {@code /actuator/health/proxmox}: the API answers with this token, and every active OS image's
 * template is fit to clone. Not part of liveness or readiness: a Proxmox outage is waited out
 * by retries, not by restarting workers.
 */
class ProxmoxHealthIndicator implements HealthIndicator {

    private final ProxmoxClient client;
    private final TemplateInspector inspector;
    private final OsImages images;

    ProxmoxHealthIndicator(ProxmoxClient client, TemplateInspector inspector, OsImages images) {
        this.client = client;
        this.inspector = inspector;
        this.images = images;
    }

    @Override
    public Health health() {
        PveVersion version;
        try {
            version = client.version();
        } catch (ProxmoxException e) {
            return Health.down().withDetail("api", e.getMessage()).build();
        }
        Map<String, Object> templates = new LinkedHashMap<>();
        boolean allValid = true;
        for (ImagePlacement placement : images.placements()) {
            TemplateReport report = inspector.inspect(new VmRef(placement.node(), placement.templateVmid()));
            templates.put(placement.osImage() + "@" + placement.node(),
                    report.valid() ? "ok: template " + report.template() : report.problems());
            allValid &= report.valid();
        }
        return (allValid ? Health.up() : Health.down())
                .withDetail("api", "PVE " + version.version() + " (release " + version.release() + ")")
                .withDetail("templates", templates)
                .build();
    }
}
