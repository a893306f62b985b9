package io.edukit.vmservice.api.vms;

import io.edukit.vmservice.api.catalog.OsImage;
import io.edukit.vmservice.api.catalog.OsImageCatalog;
import io.edukit.vmservice.api.commands.CommandPublisher;
import io.edukit.vmservice.api.problems.InvalidRequestException;
import io.edukit.vmservice.api.problems.InvalidRequestException.FieldProblem;
import io.edukit.vmservice.api.problems.ProblemException;
import io.edukit.vmservice.api.problems.ProblemType;
import io.edukit.vmservice.schemas.VmDeletionRequested;
import io.edukit.vmservice.schemas.VmRequested;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.UUID;

/**
 * Accepts VM requests and deletions. A request is recorded and its command published in one
 * database transaction: if Kafka does not acknowledge, the record is rolled back and the caller
 * hears 503, so a retry with the same key starts afresh. Command ids are derived from the VM id,
 * so that a command published twice is applied once.
 */
@Service
class VmIntake {

    private static final Logger log = LoggerFactory.getLogger(VmIntake.class);

    private final AcceptedRequests accepted;
    private final OsImageCatalog catalog;
    private final CommandPublisher publisher;
    private final VmViews views;
    private final Clock clock = Clock.systemUTC();

    VmIntake(AcceptedRequests accepted, OsImageCatalog catalog, CommandPublisher publisher, VmViews views) {
        this.accepted = accepted;
        this.catalog = catalog;
        this.publisher = publisher;
        this.views = views;
    }

    @Transactional
    public VmResource request(CallerId caller, IdempotencyKey key, CreateVmRequest request) {
        String fingerprint = RequestFingerprint.of(request);
        UUID vmId = key.vmId(caller);
        if (!accepted.add(caller, key, fingerprint, vmId, checkedAgainstCatalog(request))) {
            return retried(caller, key, fingerprint);
        }
        publisher.publish(new VmRequested(commandId("VmRequested", vmId), vmId, clock.instant(), caller.value(),
                request.osImage(), request.hostname(), request.cores(), request.memoryMb(), request.diskGb(),
                request.sshPublicKeys(), request.ownerId(), request.courseId(),
                request.packages() == null ? List.of() : request.packages()));
        log.info("VM {} requested by {} for owner {}", vmId, caller.value(), request.ownerId());
        return existing(vmId);
    }

    @Transactional(readOnly = true)
    public VmResource delete(CallerId caller, UUID vmId) {
        VmResource vm = existing(vmId);
        publisher.publish(new VmDeletionRequested(commandId("VmDeletionRequested", vmId), vmId, clock.instant(), caller.value()));
        log.info("VM {} deletion requested by {}", vmId, caller.value());
        return vm;
    }

    VmResource existing(UUID vmId) {
        return views.find(vmId).orElseThrow(() -> new ProblemException(ProblemType.VM_NOT_FOUND, "There is no VM " + vmId + "."));
    }

    private VmResource retried(CallerId caller, IdempotencyKey key, String fingerprint) {
        AcceptedRequests.Accepted first = accepted.find(caller, key).orElseThrow();
        if (!first.fingerprint().equals(fingerprint)) {
            throw new ProblemException(ProblemType.IDEMPOTENCY_KEY_REUSED, "Idempotency-Key '" + key.value()
                    + "' was used for VM " + first.vmId() + " with a different request. Use a new key for a new VM.");
        }
        return existing(first.vmId());
    }

    private CreateVmRequest checkedAgainstCatalog(CreateVmRequest request) {
        OsImage image = catalog.findByNameAndActiveTrue(Objects.requireNonNull(request.osImage())).orElse(null);
        if (image == null) {
            throw new InvalidRequestException(List.of(new FieldProblem("osImage", "'" + request.osImage()
                    + "' is not an active image of the catalog; GET /api/v1/os-images lists them")));
        }
        List<FieldProblem> problems = new ArrayList<>();
        if (Objects.requireNonNull(request.diskGb()) < image.minDiskSizeGb()) {
            problems.add(new FieldProblem("diskGb", "must be at least " + image.minDiskSizeGb() + " for " + image.name()));
        }
        if (Objects.requireNonNull(request.memoryMb()) < image.minRamMb()) {
            problems.add(new FieldProblem("memoryMb", "must be at least " + image.minRamMb() + " for " + image.name()));
        }
        if (!problems.isEmpty()) {
            throw new InvalidRequestException(problems);
        }
        return request;
    }

    private static UUID commandId(String type, UUID vmId) {
        return UUID.nameUUIDFromBytes((type + '\n' + vmId).getBytes(StandardCharsets.UTF_8));
    }
}
