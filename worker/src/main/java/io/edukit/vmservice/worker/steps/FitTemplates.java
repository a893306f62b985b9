package io.edukit.vmservice.worker.steps;

import io.edukit.vmservice.worker.proxmox.TemplateInspector;
import io.edukit.vmservice.worker.proxmox.TemplateReport;
import io.edukit.vmservice.worker.proxmox.VmRef;
import org.springframework.stereotype.Component;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

/**
 * The templates found fit to clone, remembered for {@link #REMEMBERED}: the clones of a lab start
 * read their template from Proxmox once in that time instead of once each, where a node's few
 * pveproxy workers serve every API call. A template found unfit is read again at every clone.
 */
@Component
class FitTemplates {

    static final Duration REMEMBERED = Duration.ofSeconds(10);

    private final TemplateInspector inspector;
    private final Clock clock;
    private final Map<VmRef, Instant> fitUntil = new ConcurrentHashMap<>();

    FitTemplates(TemplateInspector inspector, Clock clock) {
        this.inspector = inspector;
        this.clock = clock;
    }

    /** What is wrong with the template for a clone about to be made; read unless it was found fit lately. */
    TemplateReport beforeClone(VmRef template) {
        Instant now = clock.instant();
        Instant until = fitUntil.get(template);
        if (until != null && now.isBefore(until)) {
            return new TemplateReport(template, List.of());
        }
        TemplateReport report = inspector.inspectBeforeClone(template);
        if (report.valid()) {
            fitUntil.put(template, now.plus(REMEMBERED));
        } else {
            fitUntil.remove(template);
        }
        return report;
    }

    /** Reads the template again at its next clone: a clone of it failed, and it may be what changed. */
    void forget(VmRef template) {
        fitUntil.remove(template);
    }
}
