package io.edukit.vmservice.worker.templatechecks;

import io.edukit.vmservice.worker.catalog.ImagePlacement;
import io.edukit.vmservice.worker.catalog.OsImages;
import io.edukit.vmservice.worker.execution.ReplicaName;
import io.edukit.vmservice.worker.proxmox.ProxmoxClient;
import io.edukit.vmservice.worker.proxmox.TemplateInspector;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.beans.factory.annotation.Qualifier;
import org.springframework.stereotype.Component;
import org.springframework.transaction.support.TransactionTemplate;

import java.util.List;
import java.util.Objects;
import java.util.Optional;

/**
 * Works off the checks OPS asked for: claims the oldest open one, inspects the template of each
 * placement, and completes the check — with the catalog change it guards, when every template
 * passed — in one transaction. Templates are read with the raw client, as the health check reads
 * them: OPS want the node's answer now, even while its circuit keeps jobs off it; an unreachable
 * node or a missing template is a failed check with the inspector's reason. A check completed by
 * another replica meanwhile (one that took over an expired claim) is left as that replica left it.
 */
@Component
class TemplateCheckPoller {

    private static final Logger log = LoggerFactory.getLogger(TemplateCheckPoller.class);

    private final TemplateCheckQueue queue;
    private final CatalogChanges catalog;
    private final OsImages images;
    private final TemplateInspector inspector;
    private final TransactionTemplate transactions;
    private final String owner;
    private final TemplateCheckProperties properties;

    TemplateCheckPoller(TemplateCheckQueue queue, CatalogChanges catalog, OsImages images,
                        @Qualifier("proxmoxClient") ProxmoxClient proxmoxClient, TransactionTemplate transactions,
                        ReplicaName replica, TemplateCheckProperties properties) {
        this.queue = queue;
        this.catalog = catalog;
        this.images = images;
        this.inspector = new TemplateInspector(proxmoxClient);
        this.transactions = transactions;
        this.owner = replica.value();
        this.properties = properties;
    }

    /** Completes every open check it can claim, one after the other; a failure leaves the check to its claim's expiry. */
    void pollOnce() {
        try {
            Optional<TemplateCheck> next;
            while ((next = queue.claim(owner, properties.claimTimeout())).isPresent()) {
                run(next.get());
            }
        } catch (RuntimeException e) {
            log.warn("Template checks could not be worked off; trying again in {}: {}", properties.pollInterval(), e.toString());
        }
    }

    private void run(TemplateCheck check) {
        CheckOutcome outcome = CheckOutcome.inspect(check.osImage(), placementsOf(check), inspector::inspect);
        Boolean completed = transactions.execute(tx -> {
            if (!queue.lockIfOpen(check.id())) {
                return false;
            }
            CatalogChanges.Applied applied = outcome.passed() && check.purpose().changesCatalog()
                    ? catalog.apply(check) : new CatalogChanges.Applied(false, null);
            queue.complete(check.id(), owner, outcome, applied.applied(), outcome.note() != null ? outcome.note() : applied.note());
            return true;
        });
        if (Boolean.TRUE.equals(completed)) {
            log.info("Template check {} ({} {}, asked by {}): {}", check.id(), check.purpose(),
                    check.osImage() == null ? "every active image" : check.osImage(), check.requestedBy(), outcome.verdict());
        } else {
            log.info("Template check {} was completed by another replica meanwhile; its answer stands", check.id());
        }
    }

    /** What an ADD or UPDATE proposes, or the catalog's placements of the image (of every active image). */
    private List<ImagePlacement> placementsOf(TemplateCheck check) {
        return switch (check.purpose()) {
            case ADD, UPDATE -> Objects.requireNonNull(check.proposed()).allPlacements();
            case VERIFY, ACTIVATE -> check.osImage() == null ? images.placements() : images.placementsOf(check.osImage());
        };
    }
}
