package io.edukit.vmservice.api.templatechecks;

import io.edukit.vmservice.api.catalog.OsImageCatalog;
import io.edukit.vmservice.api.ops.OpsProperties;
import io.edukit.vmservice.api.problems.ProblemException;
import io.edukit.vmservice.api.problems.ProblemType;
import io.edukit.vmservice.api.vms.CallerId;
import org.jspecify.annotations.Nullable;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.stereotype.Service;

import java.time.Duration;
import java.time.Instant;
import java.util.UUID;

/**
 * Asks the workers for template checks and waits for their answer, up to
 * {@code vmservice.ops.template-check-wait}, by reading the check's row again every
 * {@value #POLL_MILLIS} ms: a check the workers have not answered by then is returned pending, to
 * be followed; they still complete it.
 */
@Service
class TemplateChecks {

    static final long POLL_MILLIS = 50;

    private static final Logger log = LoggerFactory.getLogger(TemplateChecks.class);

    private final TemplateCheckRecords records;
    private final OsImageCatalog catalog;
    private final Duration wait;

    TemplateChecks(TemplateCheckRecords records, OsImageCatalog catalog, OpsProperties properties) {
        this.records = records;
        this.catalog = catalog;
        this.wait = properties.templateCheckWait();
    }

    /** Verifies the templates of one image, active or not, or with {@code image} null of every active image. */
    TemplateCheckResource verify(CallerId caller, @Nullable String image) {
        if (image != null) {
            requireImage(image);
        }
        log.info("Template check of {} asked by {}", image == null ? "every active image" : image, caller.value());
        return awaitAnswer(records.ask("VERIFY", image, null, caller));
    }

    TemplateCheckResource find(UUID id) {
        return records.find(id).orElseThrow(() -> new ProblemException(ProblemType.TEMPLATE_CHECK_NOT_FOUND,
                "There is no template check " + id + "."));
    }

    TemplateCheckPage list(@Nullable String image, int page, int size) {
        return records.list(image, page, size);
    }

    /** The check once a worker completed it, or as it is when the wait is over. */
    TemplateCheckResource awaitAnswer(UUID id) {
        Instant deadline = Instant.now().plus(wait);
        while (true) {
            TemplateCheckResource check = find(id);
            if (check.completed() || !Instant.now().isBefore(deadline)) {
                return check;
            }
            try {
                Thread.sleep(POLL_MILLIS);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                return check;
            }
        }
    }

    void requireImage(String name) {
        if (catalog.findByName(name).isEmpty()) {
            throw imageNotFound(name);
        }
    }

    static ProblemException imageNotFound(String name) {
        return new ProblemException(ProblemType.OS_IMAGE_NOT_FOUND, "There is no OS image '" + name
                + "' in the catalog, active or not; GET /api/v1/admin/os-images lists them.");
    }
}
