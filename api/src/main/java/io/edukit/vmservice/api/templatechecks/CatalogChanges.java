package io.edukit.vmservice.api.templatechecks;

import io.edukit.vmservice.api.catalog.OsImage;
import io.edukit.vmservice.api.catalog.OsImageCatalog;
import io.edukit.vmservice.api.problems.InvalidRequestException;
import io.edukit.vmservice.api.problems.InvalidRequestException.FieldProblem;
import io.edukit.vmservice.api.problems.ProblemException;
import io.edukit.vmservice.api.problems.ProblemType;
import io.edukit.vmservice.api.templatechecks.OsImageRequest.Placement;
import io.edukit.vmservice.api.vms.CallerId;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.stereotype.Service;
import org.springframework.transaction.support.TransactionTemplate;

import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import java.util.UUID;
import java.util.stream.Collectors;

/**
 * OPS's changes to the catalog. Whatever puts an image on templates — adding it, moving it to
 * other templates, reactivating it — is checked by a worker first and applied by it when every
 * template passes; a failed check changes nothing and answers 422 with the templates' problems.
 * Deactivating, and an update that leaves the templates alone, are made here at once. Each change
 * is recorded with its caller. Requests already accepted for a deactivated image run on: the
 * intake refuses only new ones.
 */
@Service
class CatalogChanges {

    private static final Logger log = LoggerFactory.getLogger(CatalogChanges.class);

    private final TemplateChecks checks;
    private final TemplateCheckRecords records;
    private final OsImageCatalog catalog;
    private final CatalogRows rows;
    private final TransactionTemplate transactions;

    CatalogChanges(TemplateChecks checks, TemplateCheckRecords records, OsImageCatalog catalog, CatalogRows rows,
                   TransactionTemplate transactions) {
        this.checks = checks;
        this.records = records;
        this.catalog = catalog;
        this.rows = rows;
        this.transactions = transactions;
    }

    List<CatalogImage> images() {
        Map<String, List<Placement>> placements = rows.placements();
        return catalog.findAllByOrderByName().stream()
                .map(image -> new CatalogImage(image, placements.getOrDefault(image.name(), List.of()))).toList();
    }

    /** A new image, active once its templates passed; 409 when the name is taken, active or not. */
    TemplateCheckResource add(CallerId caller, OsImageRequest image) {
        requireConsistent(image);
        String name = Objects.requireNonNull(image.name());
        if (catalog.findByName(name).isPresent()) {
            throw new ProblemException(ProblemType.OS_IMAGE_EXISTS, "The catalog has an image '" + name
                    + "' already (active or not): PUT /api/v1/admin/os-images/" + name + " changes it.");
        }
        log.info("Adding OS image {} on template {}@{} asked by {}", name, image.proxmoxTemplateId(), image.node(), caller.value());
        return settled(checks.awaitAnswer(records.ask("ADD", name, image, caller)));
    }

    /**
     * Replaces the image. With its templates as they are (the same primary and placements), at once;
     * otherwise once a worker has checked the new ones.
     */
    TemplateCheckResource update(CallerId caller, String name, OsImageRequest image) {
        if (!name.equals(image.name())) {
            throw new InvalidRequestException(List.of(new FieldProblem("name", "must be '" + name + "', the image the path names")));
        }
        requireConsistent(image);
        OsImage current = catalog.findByName(name).orElseThrow(() -> TemplateChecks.imageNotFound(name));
        if (sameTemplates(current, rows.placements().getOrDefault(name, List.of()), image)) {
            log.info("OS image {} described anew by {}", name, caller.value());
            return transactions.execute(tx -> {
                rows.describe(image);
                return checks.find(records.recordDone("UPDATE", name, image, caller, true, null));
            });
        }
        log.info("Moving OS image {} to template {}@{} (+{} copies) asked by {}", name, image.proxmoxTemplateId(), image.node(),
                image.allPlacements().size() - 1, caller.value());
        return settled(checks.awaitAnswer(records.ask("UPDATE", name, image, caller)));
    }

    /** New requests for the image are refused from now on; VMs already asked for are provisioned. */
    TemplateCheckResource deactivate(CallerId caller, String name) {
        checks.requireImage(name);
        UUID id = Objects.requireNonNull(transactions.execute(tx -> {
            boolean changed = rows.deactivate(name);
            return records.recordDone("DEACTIVATE", name, null, caller, changed, changed ? null : name + " was inactive already");
        }));
        log.info("OS image {} deactivated by {}", name, caller.value());
        return checks.find(id);
    }

    /** Active again once a worker found every template of the image fit. */
    TemplateCheckResource activate(CallerId caller, String name) {
        checks.requireImage(name);
        log.info("Reactivating OS image {} asked by {}", name, caller.value());
        return settled(checks.awaitAnswer(records.ask("ACTIVATE", name, null, caller)));
    }

    /** A completed change that did not go through as a problem; a passed or pending one as it is. */
    private static TemplateCheckResource settled(TemplateCheckResource check) {
        if (!check.completed()) {
            return check;
        }
        if (check.failed()) {
            throw refusal(check);
        }
        if (!check.applied()) {
            // The worker's reason: another ADD of the name passed first, or the image is gone.
            throw new ProblemException("ADD".equals(check.purpose()) ? ProblemType.OS_IMAGE_EXISTS : ProblemType.OS_IMAGE_NOT_FOUND,
                    "The templates passed, but nothing was changed: " + check.note() + ".").with("checkId", check.id());
        }
        return check;
    }

    private static ProblemException refusal(TemplateCheckResource check) {
        List<PlacementResult> results = Objects.requireNonNullElse(check.results(), List.of());
        String why = results.isEmpty() ? String.valueOf(check.note()) : results.stream().filter(result -> !result.ok())
                .map(result -> "template " + result.templateVmid() + " on " + result.node() + ": " + String.join("; ", result.problems()))
                .collect(Collectors.joining(" | "));
        ProblemException problem = new ProblemException(ProblemType.TEMPLATE_CHECK_FAILED,
                "Template check " + check.id() + " refused the change to " + check.osImage() + ", nothing was changed: " + why)
                .with("checkId", check.id())
                .with("results", results);
        return check.note() == null ? problem : problem.with("note", check.note());
    }

    private static boolean sameTemplates(OsImage current, List<Placement> placements, OsImageRequest image) {
        return current.node().equals(image.node()) && current.proxmoxTemplateId().equals(image.proxmoxTemplateId())
                && current.storage().equals(image.storage()) && Set.copyOf(placements).equals(Set.copyOf(image.allPlacements()));
    }

    private static void requireConsistent(OsImageRequest image) {
        List<FieldProblem> problems = image.crossFieldProblems();
        if (!problems.isEmpty()) {
            throw new InvalidRequestException(problems);
        }
    }
}
