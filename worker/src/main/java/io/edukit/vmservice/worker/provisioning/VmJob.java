package io.edukit.vmservice.worker.provisioning;

import io.edukit.vmservice.schemas.ProvisioningStep;
import io.edukit.vmservice.schemas.VmStatus;
import io.edukit.vmservice.schemas.VmStatusChanged;
import org.jspecify.annotations.Nullable;

import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;

/**
 * One VM's job: where it stands and how it got there. Every transition is made here, checks
 * the current status, and registers the {@link VmStatusChanged} event that tells subscribers
 * about it, numbered by a per-VM sequence. The job also remembers what it made on Proxmox (its
 * placement, VMID and running task), so that a step run again after a crash finds it.
 */
public final class VmJob {

    /** {@code VmStatusChanged.reason}'s maxLength. */
    static final int MAX_REASON = 4096;

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
    private @Nullable Placement placement;
    private @Nullable Integer proxmoxVmid;
    private @Nullable String taskUpid;
    private boolean cloneSlot;
    private @Nullable Instant stepStartedAt;
    private @Nullable String lastError;
    private @Nullable String note;
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
        this.placement = snapshot.placement();
        this.proxmoxVmid = snapshot.proxmoxVmid();
        this.taskUpid = snapshot.taskUpid();
        this.cloneSlot = snapshot.cloneSlot();
        this.stepStartedAt = snapshot.stepStartedAt();
        this.lastError = snapshot.lastError();
        this.note = snapshot.note();
    }

    /** A new job for a requested VM: REQUESTED, announced with sequence 1. */
    public static VmJob requested(VmId id, VmSpec spec, Instant at) {
        VmJob job = new VmJob(new Snapshot(id, spec, VmStatus.REQUESTED, null, null, 0, null, List.of(), 0, 0, at, at,
                null, null, null, false, null, null, null));
        job.announce(null, at);
        return job;
    }

    /** A job as it was stored. */
    public static VmJob restore(Snapshot snapshot) {
        return new VmJob(snapshot);
    }

    /** The step to run next, or null when the job waits for nobody (RUNNING, FAILED, DELETED). */
    public @Nullable JobStep pendingStep() {
        return switch (status) {
            case REQUESTED -> JobStep.CLONE;
            case PROVISIONING -> JobStep.of(Objects.requireNonNull(step, "a provisioning job has a step"));
            case DELETING -> JobStep.DELETE;
            case RUNNING, FAILED, DELETED -> null;
        };
    }

    /** The executor took up a REQUESTED job: it is PROVISIONING, cloning first. */
    public void begin(Instant at) {
        if (status != VmStatus.REQUESTED) {
            throw new IllegalTransitionException(id, status, "begin provisioning", "only a REQUESTED job begins");
        }
        status = VmStatus.PROVISIONING;
        enterStep(JobStep.CLONE, at);
        announce(VmStatus.REQUESTED, at);
    }

    /** Where the clone goes; decided once, before the first clone attempt, and kept for every later step. */
    public void place(Placement chosen) {
        if (placement != null && !placement.equals(chosen)) {
            throw new IllegalStateException("VM " + id + " is placed on " + placement.node() + " already");
        }
        placement = chosen;
    }

    /** The VMID reserved for this VM's clone; a VMID found taken by somebody else is replaced. */
    public void useVmid(int vmid) {
        proxmoxVmid = vmid;
        taskUpid = null;
    }

    /**
     * The job took one of its node's clone slots: it is about to start its clone, and holds the
     * slot until the clone step ends, or until a failed attempt leaves no clone task of its running.
     */
    public void takeCloneSlot() {
        requireAt(JobStep.CLONE, "take a clone slot");
        if (placement == null) {
            throw new IllegalStateException("VM " + id + " takes a clone slot before it is placed");
        }
        cloneSlot = true;
    }

    /** The clone could not be started now (its node's circuit opened): a slot held without a clone task is given back. */
    public void cloneNotStarted() {
        requireAt(JobStep.CLONE, "give back a clone slot");
        keepCloneSlotOnlyForAStartedClone();
    }

    /** A Proxmox task of the current step was started: stored before it is waited for. */
    public void taskStarted(String upid) {
        taskUpid = upid;
    }

    /** The deletion has waited for the clone it came during (or found none running): the node's slot is free. */
    public void cloneSettled() {
        requireAt(JobStep.DELETE, "give back the slot of a clone that settled");
        cloneSlot = false;
    }

    /** The current step did its work: the next one begins, or the VM is RUNNING when the network step is done. */
    public void stepSucceeded(JobStep done, Instant at) {
        requireAt(done, "complete " + done);
        if (done == JobStep.DELETE) {
            throw new IllegalArgumentException("a deletion ends with deleted(), not stepSucceeded()");
        }
        JobStep next = done.nextProvisioningStep();
        if (next == null) {
            throw new IllegalArgumentException("the network step ends with running(), not stepSucceeded()");
        }
        enterStep(next, at);
        announce(VmStatus.PROVISIONING, at);
    }

    /** The network step ended: RUNNING with the guest's addresses, or without them and a note saying why. */
    public void running(List<String> addresses, @Nullable String withNote, Instant at) {
        requireAt(JobStep.NETWORK, "become RUNNING");
        status = VmStatus.RUNNING;
        step = null;
        ipAddresses = List.copyOf(addresses);
        note = withNote == null ? null : fitted(withNote);
        taskUpid = null;
        attempts = 0;
        announce(VmStatus.PROVISIONING, at);
    }

    /**
     * The current step failed. A transient failure within the attempt limit leaves the job where it
     * is, to be tried again; anything else makes it FAILED with the reason.
     *
     * @return true when the step will be tried again
     */
    public boolean stepFailed(JobStep failed, FailureClass failureClass, String reason, int maxAttempts, Instant at) {
        requireAt(failed, "record a failure of " + failed);
        attempts++;
        lastError = reason;
        boolean retry = failureClass == FailureClass.TRANSIENT && attempts < maxAttempts;
        if (retry) {
            // A task may outlive the failure (a poll gave up, not the task): the next attempt looks at it again.
            if (status != VmStatus.DELETING) {
                keepCloneSlotOnlyForAStartedClone();
            }
            updatedAt = at;
            return true;
        }
        VmStatus previous = status;
        status = VmStatus.FAILED;
        taskUpid = null;
        cloneSlot = false;
        failureReason = fitted(failureClass == FailureClass.TRANSIENT
                ? "gave up after " + attempts + " attempts: " + reason
                : reason);
        retryable = failureClass == FailureClass.TRANSIENT;
        announce(previous, at);
        return false;
    }

    /**
     * Deletion was asked for. Asking again while it is under way, or after it is done, changes
     * nothing. A job whose clone may be running keeps its node's clone slot until the deletion has
     * waited for that clone ({@link #cloneSettled}), which loads the node like any other.
     */
    public void requestDeletion(Instant at) {
        if (status == VmStatus.DELETING || status == VmStatus.DELETED) {
            return;
        }
        VmStatus previous = status;
        cloneSlot = pendingStep() == JobStep.CLONE && (cloneSlot || taskUpid != null);
        status = VmStatus.DELETING;
        step = null;
        attempts = 0;
        taskUpid = null;
        stepStartedAt = at;
        announce(previous, at);
    }

    /** Everything the VM had on Proxmox is gone, and its VMID is free again. */
    public void deleted(Instant at) {
        requireAt(JobStep.DELETE, "become DELETED");
        status = VmStatus.DELETED;
        ipAddresses = List.of();
        taskUpid = null;
        cloneSlot = false;
        attempts = 0;
        announce(VmStatus.DELETING, at);
    }

    /**
     * A FAILED job runs again from the step that failed, with a fresh attempt count; a failed
     * deletion (FAILED without a step) deletes again.
     */
    public void replay(Instant at) {
        if (status != VmStatus.FAILED) {
            throw new IllegalTransitionException(id, status, "replay", "only a FAILED job can be replayed");
        }
        status = step == null ? VmStatus.DELETING : VmStatus.PROVISIONING;
        failureReason = null;
        retryable = null;
        attempts = 0;
        stepStartedAt = at;
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
                version, createdAt, updatedAt, placement, proxmoxVmid, taskUpid, cloneSlot, stepStartedAt, lastError, note);
    }

    public VmId id() {
        return id;
    }

    public VmSpec spec() {
        return spec;
    }

    public VmStatus status() {
        return status;
    }

    public int attempts() {
        return attempts;
    }

    public @Nullable Placement placement() {
        return placement;
    }

    public @Nullable Integer proxmoxVmid() {
        return proxmoxVmid;
    }

    public @Nullable String taskUpid() {
        return taskUpid;
    }

    /** Whether the job holds one of its node's clone slots: at its clone step, or deleted while its clone may run. */
    public boolean holdsCloneSlot() {
        return cloneSlot;
    }

    public @Nullable Instant stepStartedAt() {
        return stepStartedAt;
    }

    /** Reasons travel in events whose schema bounds them; the history keeps the whole text. */
    private static String fitted(String reason) {
        return reason.length() <= MAX_REASON ? reason : reason.substring(0, MAX_REASON - 1) + "…";
    }

    private void enterStep(JobStep next, Instant at) {
        step = next.announcedAs();
        attempts = 0;
        taskUpid = null;
        cloneSlot = false;
        stepStartedAt = at;
    }

    /**
     * Without a stored clone task no clone of ours is known to run, and the node's slot goes to
     * another job. (A clone call whose answer was lost may still have started one: the next
     * attempt finds it by its marker.)
     */
    private void keepCloneSlotOnlyForAStartedClone() {
        cloneSlot = cloneSlot && taskUpid != null;
    }

    private void requireAt(JobStep expected, String action) {
        if (pendingStep() != expected) {
            throw new IllegalTransitionException(id, status, action, "the job is at " + pendingStep());
        }
    }

    private void announce(@Nullable VmStatus previous, Instant at) {
        lastSequence++;
        updatedAt = at;
        boolean failed = status == VmStatus.FAILED;
        boolean running = status == VmStatus.RUNNING;
        pendingEvents.add(new VmStatusChanged(id.value(), lastSequence, status, previous, step,
                failed ? failureReason : running ? note : null,
                status == VmStatus.PROVISIONING || failed ? attempts : null,
                failed ? retryable : null,
                placement == null ? null : placement.node(), proxmoxVmid,
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
            Instant updatedAt,
            @Nullable Placement placement,
            @Nullable Integer proxmoxVmid,
            @Nullable String taskUpid,
            boolean cloneSlot,
            @Nullable Instant stepStartedAt,
            @Nullable String lastError,
            @Nullable String note) {

        /** The same job after one more update: what the store holds once it was written. */
        public Snapshot nextVersion() {
            return new Snapshot(id, spec, status, step, failureReason, attempts, retryable, ipAddresses, lastSequence,
                    version + 1, createdAt, updatedAt, placement, proxmoxVmid, taskUpid, cloneSlot, stepStartedAt,
                    lastError, note);
        }
    }
}
