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

import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import java.util.UUID;

/**
 * Accepts VM requests and deletions. A request is recorded first (unconfirmed), its command is
 * then published with no database transaction open, and the record is confirmed once Kafka
 * acknowledged: a caller hears 202 only for a stored command. If Kafka does not answer, the
 * caller hears 503 and retries with the same key, which publishes the same command again
 * (its id is derived from the VM id, so the worker applies it once).
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

    public VmResource request(CallerId caller, IdempotencyKey key, CreateVmRequest request) {
        String fingerprint = RequestFingerprint.of(request);
        List<FieldProblem> problems = catalogProblems(request);
        // A new key, the usual case, is recorded at once; the key is looked up only when it was taken.
        if (!problems.isEmpty() || !accepted.add(caller, key, fingerprint, key.vmId(caller), request)) {
            // A retry, a concurrent request with this key recorded first, or a request the catalog refuses now:
            // a retry of one it took before, since deactivated, still answers its VM.
            AcceptedRequests.Accepted first = accepted.find(caller, key).orElseThrow(() -> problems.isEmpty()
                    ? new IllegalStateException("Idempotency-Key '" + key.value() + "' is taken, yet no request holds it")
                    : new InvalidRequestException(problems));
            if (!first.fingerprint().equals(fingerprint)) {
                throw new ProblemException(ProblemType.IDEMPOTENCY_KEY_REUSED, "Idempotency-Key '" + key.value()
                        + "' was used for VM " + first.vmId() + " with a different request. Use a new key for a new VM.");
            }
            if (first.confirmed()) {
                return existing(first.vmId(), VmReader.ownVms(caller));
            }
        }
        UUID vmId = key.vmId(caller);
        publisher.publish(new VmRequested(commandId(vmId), vmId, clock.instant(), caller.value(),
                request.osImage(), request.hostname(), request.cores(), request.memoryMb(), request.diskGb(),
                request.sshPublicKeys(), request.ownerId(), request.courseId(), RequestFingerprint.packagesOf(request)));
        Optional<AcceptedRequests.Confirmed> confirmed = accepted.confirm(vmId);
        log.info("VM {} requested by {} for owner {}", vmId, caller.value(), request.ownerId());
        // What a read would show of a request just confirmed, without the read; a concurrent retry confirmed it first otherwise.
        return confirmed.map(at -> VmResource.requested(vmId, request, at.createdAt(), at.confirmedAt()))
                .orElseGet(() -> existing(vmId, VmReader.ownVms(caller)));
    }

    /** Every DELETE is a command of its own: after a failed deletion, asking again must try again. */
    public VmResource delete(VmReader caller, UUID vmId) {
        VmResource vm = existing(vmId, caller);
        publisher.publish(new VmDeletionRequested(UUID.randomUUID(), vmId, clock.instant(), caller.caller().value()));
        log.info("VM {} deletion requested by {}", vmId, caller.caller().value());
        return vm;
    }

    VmResource existing(UUID vmId, VmReader reader) {
        return views.find(vmId, reader).orElseThrow(() -> new ProblemException(ProblemType.VM_NOT_FOUND, "There is no VM " + vmId + "."));
    }

    /** What the catalog refuses in the request; empty when it takes it. */
    private List<FieldProblem> catalogProblems(CreateVmRequest request) {
        OsImage image = catalog.findByNameAndActiveTrue(Objects.requireNonNull(request.osImage())).orElse(null);
        if (image == null) {
            return List.of(new FieldProblem("osImage", "'" + request.osImage()
                    + "' is not an active image of the catalog; GET /api/v1/os-images lists them"));
        }
        List<FieldProblem> problems = new ArrayList<>();
        if (Objects.requireNonNull(request.diskGb()) < image.minDiskSizeGb()) {
            problems.add(new FieldProblem("diskGb", "must be at least " + image.minDiskSizeGb() + " for " + image.name()));
        }
        if (Objects.requireNonNull(request.memoryMb()) < image.minRamMb()) {
            problems.add(new FieldProblem("memoryMb", "must be at least " + image.minRamMb() + " for " + image.name()));
        }
        return problems;
    }

    /** One VM, one request: the same id however often the command is published. */
    private static UUID commandId(UUID vmId) {
        return UUID.nameUUIDFromBytes((VmRequested.TYPE + '\n' + vmId).getBytes(StandardCharsets.UTF_8));
    }
}
