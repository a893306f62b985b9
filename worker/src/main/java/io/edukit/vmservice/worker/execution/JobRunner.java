package io.edukit.vmservice.worker.execution;

import io.edukit.vmservice.schemas.VmStatus;
import io.edukit.vmservice.worker.outbox.Outbox;
import io.edukit.vmservice.worker.provisioning.FailureClass;
import io.edukit.vmservice.worker.provisioning.JobStep;
import io.edukit.vmservice.worker.provisioning.StepFailure;
import io.edukit.vmservice.worker.provisioning.StepOutcome;
import io.edukit.vmservice.worker.provisioning.VmId;
import io.edukit.vmservice.worker.provisioning.VmJob;
import io.edukit.vmservice.worker.provisioning.VmJobs;
import io.edukit.vmservice.worker.proxmox.ProxmoxException;
import io.edukit.vmservice.worker.snippets.SnippetStoreException;
import io.edukit.vmservice.worker.steps.Step;
import io.edukit.vmservice.worker.steps.StepCancelledException;
import io.edukit.vmservice.worker.steps.StepContext;
import io.edukit.vmservice.worker.tracing.JobTrace;
import io.edukit.vmservice.worker.tracing.TraceContexts;
import io.github.resilience4j.circuitbreaker.CallNotPermittedException;
import org.jspecify.annotations.Nullable;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.slf4j.MDC;
import org.springframework.context.ApplicationEventPublisher;
import org.springframework.dao.OptimisticLockingFailureException;
import org.springframework.stereotype.Component;
import org.springframework.transaction.support.TransactionTemplate;

import java.time.Clock;
import java.time.Duration;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.BooleanSupplier;
import java.util.function.Consumer;
import java.util.function.Predicate;

/**
 * Runs one leased job's steps, one after the other, for as long as it holds the lease. Each step
 * runs outside any transaction; what it ends in — the next step, RUNNING, DELETED, a retry later
 * or FAILED — is written in one transaction with its status event and its history row, which also
 * begins the next step's attempt when there is one: a step that follows another starts without a
 * transaction of its own, from the job as that one stored it. A job
 * changed meanwhile (a deletion asked for, a lease lost) stops its steps: the change wins. The
 * runner never gives a lease back itself; it tells the executor when the job is due again, so
 * that the executor forgets the job before any replica, itself included, can claim it again.
 */
@Component
class JobRunner {

    private static final Logger log = LoggerFactory.getLogger(JobRunner.class);

    private final VmJobs jobs;
    private final JobQueue queue;
    private final AttemptHistory history;
    private final StepMetrics metrics;
    private final Outbox outbox;
    private final NodeCircuits circuits;
    private final RetryBackoff backoff;
    private final TransactionTemplate transactions;
    private final Clock clock;
    private final Map<JobStep, Step> steps = new EnumMap<>(JobStep.class);
    private final int maxAttempts;
    private static final int MAX_WRITE_TRIES = 5;
    private final TraceContexts tracing;
    private final ApplicationEventPublisher events;
    private final CloneSlots cloneSlots;

    JobRunner(VmJobs jobs, JobQueue queue, AttemptHistory history, StepMetrics metrics, Outbox outbox,
              NodeCircuits circuits, RetryBackoff backoff, TransactionTemplate transactions, Clock clock,
              List<Step> steps, ExecutorProperties properties, TraceContexts tracing, ApplicationEventPublisher events,
              CloneSlots cloneSlots) {
        this.jobs = jobs;
        this.queue = queue;
        this.history = history;
        this.metrics = metrics;
        this.outbox = outbox;
        this.circuits = circuits;
        this.backoff = backoff;
        this.transactions = transactions;
        this.clock = clock;
        steps.forEach(step -> this.steps.put(step.name(), step));
        this.maxAttempts = properties.retry().maxAttempts();
        this.tracing = tracing;
        this.events = events;
        this.cloneSlots = cloneSlots;
    }

    /**
     * @param owner       this replica, holder of the job's lease
     * @param traceparent the trace the job's steps continue, as the claim read it
     * @param stopping    whether the replica is shutting down: a step cut short then is handed back, not failed
     * @return after how long the job is due again once it is handed back; empty when it is not this
     *         replica's to hand back (its lease was lost, or the database went away)
     */
    Optional<Duration> run(String owner, VmId id, @Nullable String traceparent, BooleanSupplier stopping) {
        MDC.put("vmId", id.toString());
        try {
            JobTrace trace = tracing.jobTrace(id, traceparent);
            NextAttempt begun = null;
            while (!stopping.getAsBoolean()) {
                NextAttempt carried = begun;
                begun = null;
                try {
                    switch (runNextStep(owner, id, stopping, trace, carried)) {
                        case HandBack handBack -> {
                            return Optional.of(handBack.after());
                        }
                        case NextAttempt next -> begun = next;
                    }
                } catch (StepCancelledException e) {
                    log.info("VM {}: {}; looking at the job again", id, e.getMessage());
                }
            }
            if (begun != null) {
                // Interrupted to stop, maybe: the bookkeeping must not be interrupted too.
                Thread.interrupted();
                JobStep next = Objects.requireNonNull(begun.job().pendingStep());
                end(new Attempt(begun.attemptRow(), next, System.nanoTime()), AttemptHistory.Outcome.CANCELLED,
                        "the worker stopped before the step began");
                log.info("VM {}: the worker stops; {} is handed back before it began", id, next);
            }
            return Optional.of(Duration.ZERO);
        } catch (LeaseLostException e) {
            log.warn("VM {}: {}; the replica that holds it now carries on", id, e.getMessage());
            return Optional.empty();
        } catch (RuntimeException e) {
            // The database is away, most likely: the lease runs out and a replica takes the job up again.
            log.error("VM {}: the job could not go on here: {}", id, e.toString());
            return Optional.empty();
        } finally {
            MDC.remove("vmId");
            MDC.remove("step");
            MDC.remove("attempt");
        }
    }

    /** @param begun the step's attempt, begun by the step before; null to read the job and begin it here */
    private Progress runNextStep(String owner, VmId id, BooleanSupplier stopping, JobTrace trace, @Nullable NextAttempt begun) {
        VmJob job = begun == null ? leasedJob(owner, id) : begun.job();
        JobStep stepName = job.pendingStep();
        if (stepName == null) {
            return new HandBack(Duration.ZERO);
        }
        // The step's logs, its Proxmox calls and the events it writes belong to the trace of the command that asked for it.
        try (JobTrace.StepSpan span = trace.startStep(stepName.name())) {
            return runStep(owner, id, stopping, job, stepName, begun == null ? null : begun.attemptRow());
        }
    }

    private Progress runStep(String owner, VmId id, BooleanSupplier stopping, VmJob job, JobStep stepName,
                             @Nullable Long begunRow) {
        MDC.put("step", stepName.name());
        MDC.put("attempt", Integer.toString(job.attempts() + 1));
        Step step = steps.get(stepName);
        String node = job.placement() == null ? null : job.placement().node();
        int number = job.attempts() + 1;
        if (node != null && !circuits.closed(node, step.channels())) {
            // Noted without an attempt spent.
            long waiting = begunRow != null ? begunRow : history.started(id, stepName, number, owner);
            end(new Attempt(waiting, stepName, System.nanoTime()), AttemptHistory.Outcome.WAITING,
                    "the circuit of node " + node + " is open");
            log.info("VM {}: node {} is failing; {} waits", id, node, stepName);
            return new HandBack(circuits.retryBlockedAfter());
        }
        LeasedContext context = new LeasedContext(owner, id, stepName, job);
        long row;
        if (begunRow != null) {
            row = begunRow;
        } else if (job.status() == VmStatus.REQUESTED) {
            // Taken up and its first attempt begun, in one transaction.
            AtomicLong started = new AtomicLong();
            context.record(begun -> {
                begun.begin(clock.instant());
                started.set(history.started(id, stepName, number, owner));
            });
            row = started.get();
        } else {
            row = history.started(id, stepName, number, owner);
        }
        Attempt attempt = new Attempt(row, stepName, System.nanoTime());
        metrics.attemptBegun(stepName);
        StepOutcome outcome;
        try {
            outcome = step.run(context);
        } catch (StepCancelledException | LeaseLostException e) {
            end(attempt, AttemptHistory.Outcome.CANCELLED, e.getMessage());
            throw e;
        } catch (CallNotPermittedException e) {
            // The node's circuit opened during the step: no attempt spent, and no clone slot held without a clone.
            end(attempt, AttemptHistory.Outcome.WAITING, e.getMessage());
            if (stepName == JobStep.CLONE) {
                context.record(VmJob::cloneNotStarted);
            }
            return new HandBack(circuits.retryBlockedAfter());
        } catch (RuntimeException e) {
            if (stopping.getAsBoolean()) {
                // Interrupted to stop: the bookkeeping must not be interrupted too.
                Thread.interrupted();
                end(attempt, AttemptHistory.Outcome.CANCELLED, "the worker stopped during the step");
                return new HandBack(Duration.ZERO);
            }
            return new HandBack(failed(context, attempt, e));
        }
        return succeeded(context, attempt, outcome);
    }

    private Progress succeeded(LeasedContext context, Attempt attempt, StepOutcome outcome) {
        JobStep stepName = attempt.step();
        AttemptHistory.Outcome ended = outcome.skipped() ? AttemptHistory.Outcome.SKIPPED : AttemptHistory.Outcome.SUCCEEDED;
        AtomicLong nextRow = new AtomicLong();
        VmJob job;
        try {
            job = context.record(done -> {
                switch (stepName) {
                    case NETWORK -> done.running(outcome.addresses(), outcome.note(), clock.instant());
                    case DELETE -> done.deleted(clock.instant());
                    default -> done.stepSucceeded(stepName, clock.instant());
                }
                history.ended(attempt.id(), ended, null);
                JobStep next = done.pendingStep();
                if (next != null) {
                    nextRow.set(history.started(done.id(), next, done.attempts() + 1, context.owner));
                }
            });
        } catch (StepCancelledException | LeaseLostException e) {
            end(attempt, AttemptHistory.Outcome.CANCELLED, e.getMessage());
            throw e;
        }
        measure(attempt, ended);
        String done = outcome.skipped() ? "had nothing to do" : "done";
        if (job.pendingStep() == null) {
            log.info("VM {}: {} {}; job is {}", job.id(), stepName, done, job.status());
        } else {
            // Every step's end is in the job's history and its events; at INFO the log keeps the job's end and its failures.
            log.debug("VM {}: {} {}; job is {}, next {}", job.id(), stepName, done, job.status(), job.pendingStep());
        }
        return job.pendingStep() == null ? new HandBack(Duration.ZERO) : new NextAttempt(job, nextRow.get());
    }

    private Duration failed(LeasedContext context, Attempt attempt, RuntimeException failure) {
        JobStep stepName = attempt.step();
        Classified classified = classify(failure);
        AtomicBoolean retry = new AtomicBoolean();
        VmJob job;
        try {
            job = context.record(current -> {
                retry.set(current.stepFailed(stepName, classified.failureClass(), classified.reason(), maxAttempts, clock.instant()));
                history.ended(attempt.id(), retry.get() ? AttemptHistory.Outcome.RETRYING : AttemptHistory.Outcome.FAILED,
                        classified.reason());
            });
        } catch (StepCancelledException e) {
            end(attempt, AttemptHistory.Outcome.CANCELLED, classified.reason());
            throw e;
        } catch (LeaseLostException e) {
            end(attempt, AttemptHistory.Outcome.CANCELLED, e.getMessage() + " (the step had failed: " + classified.reason() + ")");
            throw e;
        }
        metrics.attemptFailed(stepName, classified.failureClass(), retry.get());
        if (!retry.get()) {
            measure(attempt, AttemptHistory.Outcome.FAILED);
            log.warn("VM {}: {} failed for good after {} attempt(s): {}", job.id(), stepName, job.attempts(), classified.reason());
            return Duration.ZERO;
        }
        Duration pause = backoff.after(job.attempts());
        measure(attempt, AttemptHistory.Outcome.RETRYING);
        log.info("VM {}: {} failed (attempt {} of {}), again in {} ms: {}", job.id(), stepName, job.attempts(), maxAttempts,
                pause.toMillis(), classified.reason());
        return pause;
    }

    /** Closes the attempt's history row on its own, for an attempt that ends without a change to its job, and measures it. */
    private void end(Attempt attempt, AttemptHistory.Outcome outcome, @Nullable String error) {
        history.ended(attempt.id(), outcome, error);
        measure(attempt, outcome);
    }

    private void measure(Attempt attempt, AttemptHistory.Outcome outcome) {
        metrics.attemptEnded(attempt.step(), outcome, Duration.ofNanos(System.nanoTime() - attempt.startedNanos()));
    }

    private VmJob leasedJob(String owner, VmId id) {
        return jobs.findLeasedBy(id, owner).orElseThrow(() -> new LeaseLostException("the lease on the job expired or was taken over"));
    }

    private static Classified classify(RuntimeException failure) {
        return switch (failure) {
            case StepFailure step -> new Classified(step.failureClass(), step.getMessage());
            case ProxmoxException proxmox -> new Classified(forStep(proxmox.failureClass()), proxmox.getMessage());
            case SnippetStoreException ssh -> new Classified(forStep(ssh.failureClass()), ssh.getMessage());
            default -> new Classified(FailureClass.TRANSIENT, "unexpected " + failure.getClass().getSimpleName() + ": "
                    + failure.getMessage());
        };
    }

    /** Within a step a conflict is retried (its own step resolved it); a thing not found is not coming back. */
    private static FailureClass forStep(FailureClass failureClass) {
        return switch (failureClass) {
            case CONFLICT -> FailureClass.TRANSIENT;
            case NOT_FOUND -> FailureClass.PERMANENT;
            default -> failureClass;
        };
    }

    private record Classified(FailureClass failureClass, String reason) {
    }

    /** Where a step leaves its job: handed back, due again after a while, or at its next step. */
    private sealed interface Progress {
    }

    private record HandBack(Duration after) implements Progress {
    }

    /** The next step, its attempt begun in the transaction that ended the step before, and the job as that stored it. */
    private record NextAttempt(VmJob job, long attemptRow) implements Progress {
    }

    /** An attempt under way: its history row and when it began. */
    private record Attempt(long id, JobStep step, long startedNanos) {
    }

    /** The job is no longer this replica's. */
    static final class LeaseLostException extends RuntimeException {
        LeaseLostException(String message) {
            super(message);
        }
    }

    /**
     * The leased job as this runner last read or stored it. A change is applied to that copy and
     * written if nobody changed the job since (its version, which a claim by another replica and
     * every command move on) and this replica still holds its lease: no read before each write. A
     * job changed meanwhile is read again, and the change applied to it as it is now, or refused.
     */
    private final class LeasedContext implements StepContext {

        private final String owner;
        private final VmId id;
        private final JobStep step;
        private VmJob job;

        LeasedContext(String owner, VmId id, JobStep step, VmJob job) {
            this.owner = owner;
            this.id = id;
            this.step = step;
            this.job = job;
        }

        @Override
        public VmJob job() {
            return job;
        }

        /** Writes the change in one transaction with its events, provided the job is still this replica's and at its step. */
        @Override
        public VmJob record(Consumer<VmJob> change) {
            return write(false, current -> true, change).orElseThrow();
        }

        @Override
        public void stopIfMovedOn() {
            job = atStep(leasedJob(owner, id));
        }

        @Override
        public VmJob takeCloneSlot() {
            String node = Objects.requireNonNull(job.placement(), "a job takes a clone slot once placed").node();
            // Read first: another replica's transaction may have handed the job a slot.
            cloneSlots.await(node, id, job.holdsCloneSlot(),
                    () -> write(true, current -> current.holdsCloneSlot() || cloneSlots.freeOn(node), VmJob::takeCloneSlot)
                            .isPresent());
            if (!job.holdsCloneSlot()) {
                // Handed over by another job's transaction, which moved the version on: the copy is read anew.
                job = leasedJob(owner, id);
            }
            return job;
        }

        private VmJob atStep(VmJob current) {
            if (current.pendingStep() != step) {
                throw new StepCancelledException("the job is " + current.status() + " now, no longer at " + step);
            }
            return current;
        }

        /**
         * As {@link #record}, when the job passes {@code condition} in the transaction; empty when not.
         *
         * @param readFirst whether to read the job before the first try too, for a condition on what others wrote
         */
        private Optional<VmJob> write(boolean readFirst, Predicate<VmJob> condition, Consumer<VmJob> change) {
            for (int tries = 1; ; tries++) {
                boolean reread = readFirst || tries > 1;
                try {
                    Optional<VmJob> stored = transactions.execute(tx -> {
                        VmJob current = atStep(reread ? leasedJob(owner, id) : VmJob.restore(job.snapshot()));
                        if (!condition.test(current)) {
                            return Optional.empty();
                        }
                        boolean heldCloneSlot = current.holdsCloneSlot();
                        change.accept(current);
                        VmJob written = jobs.updateLeased(current, owner);
                        outbox.append(current.pullEvents());
                        if (heldCloneSlot && !current.holdsCloneSlot()) {
                            // The job that waited longest for it takes it in this transaction; here, it goes on once this commits.
                            String node = Objects.requireNonNull(current.placement()).node();
                            events.publishEvent(new CloneSlotFreed(node, cloneSlots.handOver(node, owner).orElse(null)));
                        }
                        return Optional.of(written);
                    });
                    stored.ifPresent(written -> job = written);
                    return stored;
                } catch (OptimisticLockingFailureException e) {
                    if (tries == MAX_WRITE_TRIES) {
                        throw e;
                    }
                }
            }
        }
    }
}
