package io.edukit.vmservice.worker.provisioning;

import io.edukit.vmservice.schemas.ProvisioningStep;
import io.edukit.vmservice.schemas.VmStatus;
import io.edukit.vmservice.schemas.VmStatusChanged;
import org.jspecify.annotations.Nullable;

import java.time.Instant;
import java.util.ArrayList;
import java.util.List;

/**
 * One VM's job: where it stands and how it got there. Every transition is made here, checks
 * the current status, and registers the {@link VmStatusChanged} event that tells subscribers
 * about it, numbered by a per-VM sequence.
 */
public final class VmJob {

    private final VmId id;
    private final VmSpec spec;
    private final Instant createdAt;
    private final long version;
    private VmStatus status;
    private @Nullable ProvisioningStep step;
    private @Nullable String failureReason;
    private int attempts;
    private @Nullable Boolean retryable;
    private List<String> ipAddresses;
    private long lastSequence;
    private Instant updatedAt;
    private final List<VmStatusChanged> pendingEvents = new ArrayList<>();

    private VmJob(Snapshot snapshot) {
        this.id = snapshot.id();
        this.spec = snapshot.spec();
        this.status = snapshot.status();
        this.step = snapshot.step();
        this.failureReason = snapshot.failureReason();
        this.attempts = snapshot.attempts();
        this.retryable = snapshot.retryable();
        this.ipAddresses = List.copyOf(snapshot.ipAddresses());
        this.lastSequence = snapshot.lastSequence();
        this.version = snapshot.version();
        this.createdAt = snapshot.createdAt();
        this.updatedAt = snapshot.updatedAt();
    }

    /** A new job for a requested VM: REQUESTED, announced with sequence 1. */
    public static VmJob requested(VmId id, VmSpec spec, Instant at) {
        VmJob job = new VmJob(new Snapshot(id, spec, VmStatus.REQUESTED, null, null, 0, null, List.of(), 0, 0, at, at));
        job.announce(null, at);
        return job;
    }

    /** A job as it was stored. */
    public static VmJob restore(Snapshot snapshot) {
        return new VmJob(snapshot);
    }

    /** Deletion was asked for. Asking again while it is under way, or after it is done, changes nothing. */
    public void requestDeletion(Instant at) {
        if (status == VmStatus.DELETING || status == VmStatus.DELETED) {
            return;
        }
        VmStatus previous = status;
        status = VmStatus.DELETING;
        step = null;
        announce(previous, at);
    }

    /** A FAILED job runs again from the step that failed, with a fresh attempt count. */
    public void replay(Instant at) {
        if (status != VmStatus.FAILED) {
            throw new IllegalTransitionException(id, status, "replay", "only a FAILED job can be replayed");
        }
        status = VmStatus.PROVISIONING;
        failureReason = null;
        retryable = null;
        attempts = 0;
        announce(VmStatus.FAILED, at);
    }

    /** The events of the transitions made since the last call, oldest first; they are handed out once. */
    public List<VmStatusChanged> pullEvents() {
        List<VmStatusChanged> events = List.copyOf(pendingEvents);
        pendingEvents.clear();
        return events;
    }

    public Snapshot snapshot() {
        return new Snapshot(id, spec, status, step, failureReason, attempts, retryable, ipAddresses, lastSequence,
                version, createdAt, updatedAt);
    }

    public VmId id() {
        return id;
    }

    public VmStatus status() {
        return status;
    }

    private void announce(@Nullable VmStatus previous, Instant at) {
        lastSequence++;
        updatedAt = at;
        boolean failed = status == VmStatus.FAILED;
        pendingEvents.add(new VmStatusChanged(id.value(), lastSequence, status, previous, step,
                failed ? failureReason : null,
                status == VmStatus.PROVISIONING || failed ? attempts : null,
                failed ? retryable : null,
                ipAddresses, spec.hostname(), spec.ownerId(), spec.courseId(), at));
    }

    /** Everything a job is, as stored; {@code version} guards against lost updates. */
    public record Snapshot(
            VmId id,
            VmSpec spec,
            VmStatus status,
            @Nullable ProvisioningStep step,
            @Nullable String failureReason,
            int attempts,
            @Nullable Boolean retryable,
            List<String> ipAddresses,
            long lastSequence,
            long version,
            Instant createdAt,
            Instant updatedAt) {
    }
}
