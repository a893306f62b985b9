package io.edukit.vmservice.worker.steps;

import io.edukit.vmservice.worker.proxmox.TemplateInspector;
import io.edukit.vmservice.worker.proxmox.TemplateReport;
import io.edukit.vmservice.worker.proxmox.VmRef;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.stereotype.Component;

import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.LongSupplier;

/**
 * The templates found fit to clone, remembered for {@code vmservice.template-reread-after}: the
 * clones of a lab start read their template from Proxmox once in that time instead of once each,
 * where a node's few pveproxy workers serve every API call. A template found unfit is read again
 * at every clone, and so is one {@link #forget forgotten}: the newest look at a template wins, so
 * a read that began before it was forgotten does not bring back its old verdict.
 */
@Component
class FitTemplates {

    private final TemplateInspector inspector;
    private final long rememberedNanos;
    private final LongSupplier nanoTime;
    private final Map<VmRef, Look> looks = new ConcurrentHashMap<>();

    @Autowired
    FitTemplates(TemplateInspector inspector, StepProperties properties) {
        this(inspector, properties.templateRereadAfter(), System::nanoTime);
    }

    FitTemplates(TemplateInspector inspector, Duration remembered, LongSupplier nanoTime) {
        this.inspector = inspector;
        this.rememberedNanos = remembered.toNanos();
        this.nanoTime = nanoTime;
    }

    /** What is wrong with the template for a clone about to be made; read unless it was found fit lately. */
    TemplateReport beforeClone(VmRef template) {
        long now = nanoTime.getAsLong();
        Look last = looks.get(template);
        if (last != null && last.fit() && now - last.at() < rememberedNanos) {
            return new TemplateReport(template, List.of());
        }
        TemplateReport report = inspector.inspectBeforeClone(template);
        looks.merge(template, new Look(now, report.valid()), Look::newer);
        return report;
    }

    /** The next clone of the template reads it again: a clone call of it was refused, and it may be what changed. */
    void forget(VmRef template) {
        looks.merge(template, new Look(nanoTime.getAsLong(), false), Look::newer);
    }

    /** A look at a template begun at {@code at} (nanoTime), and whether it found the template fit; not fit once forgotten. */
    private record Look(long at, boolean fit) {
        Look newer(Look other) {
            return other.at - at >= 0 ? other : this;
        }
    }
}
