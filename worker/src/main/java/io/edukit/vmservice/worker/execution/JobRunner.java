package io.edukit.vmservice.worker.execution;

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
import io.github.resilience4j.circuitbreaker.CallNotPermittedException;
import io.edukit.vmservice.worker.steps.Step;
import io.edukit.vmservice.worker.steps.StepCancelledException;
import io.edukit.vmservice.worker.steps.StepContext;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.slf4j.MDC;
import org.springframework.dao.OptimisticLockingFailureException;
import org.springframework.stereotype.Component;
import org.springframework.transaction.support.TransactionTemplate;

import java.time.Clock;
import java.time.Duration;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;
import java.util.function.BooleanSupplier;
import java.util.function.Consumer;

/**
 * Runs one leased job's steps, one after the other, for as long as it holds the lease. Each step
 * runs outside any transaction; what it ends in — the next step, RUNNING, DELETED, a retry later
 * or FAILED — is written in one transaction with its status event and its history row. A job
 * changed meanwhile (a deletion asked for, a lease lost) stops its steps: the change wins.
 */
@Component
class JobRunner {

    private static final Logger log = LoggerFactory.getLogger(JobRunner.class);

    private final VmJobs jobs;
    private final JobQueue queue;
    private final AttemptHistory history;
    private final Outbox outbox;
    private final NodeCircuits circuits;
    private final RetryBackoff backoff;
    private final TransactionTemplate transactions;
    private final Clock clock;
    private final Map<JobStep, Step> steps = new EnumMap<>(JobStep.class);
    private final int maxAttempts;

    JobRunner(VmJobs jobs, JobQueue queue, AttemptHistory history, Outbox outbox, NodeCircuits circuits,
              RetryBackoff backoff, TransactionTemplate transactions, Clock clock, List<Step> steps,
              ExecutorProperties properties) {
        this.jobs = jobs;
        this.queue = queue;
        this.history = history;
        this.outbox = outbox;
        this.circuits = circuits;
        this.backoff = backoff;
        this.transactions = transactions;
        this.clock = clock;
        steps.forEach(step -> this.steps.put(step.name(), step));
        this.maxAttempts = properties.retry().maxAttempts();
    }

    /**
     * @param owner    this replica, holder of the job's lease
     * @param stopping whether the replica is shutting down: a step cut short then is handed back, not failed
     */
    void run(String owner, VmId id, BooleanSupplier stopping) {
        MDC.put("vmId", id.toString());
        try {
            boolean more = true;
            while (more && !stopping.getAsBoolean()) {
                try {
                    more = runNextStep(owner, id, stopping);
                } catch (StepCancelledException e) {
                    log.info("VM {}: {}; looking at the job again", id, e.getMessage());
                }
            }
        } catch (LeaseLostException e) {
            log.warn("VM {}: {}; the replica that holds it now carries on", id, e.getMessage());
        } catch (RuntimeException e) {
            // The database is away, most likely: the lease runs out and a replica takes the job up again.
            log.error("VM {}: the job could not go on here: {}", id, e.toString());
        } finally {
            MDC.remove("vmId");
            MDC.remove("step");
        }
    }

    /** @return whether the job has another step to run now */
    private boolean runNextStep(String owner, VmId id, BooleanSupplier stopping) {
        VmJob job = leasedJob(owner, id);
        JobStep stepName = job.pendingStep();
        if (stepName == null) {
            queue.release(owner, id, Duration.ZERO);
            return false;
        }
        MDC.put("step", stepName.name());
        if (job.status() == io.edukit.vmservice.schemas.VmStatus.REQUESTED) {
            job = write(owner, id, stepName, begun -> begun.begin(clock.instant()));
        }
        Step step = steps.get(stepName);
        String node = job.placement() == null ? null : job.placement().node();
        if (node != null && !circuits.closed(node, step.channels())) {
            waitForNode(owner, id, stepName, job.attempts() + 1, node);
            return false;
        }
        long attempt = history.started(id, stepName, job.attempts() + 1, owner);
        StepOutcome outcome;
        try {
            outcome = step.run(new LeasedContext(owner, id, stepName, job));
        } catch (StepCancelledException | LeaseLostException e) {
            history.ended(attempt, AttemptHistory.Outcome.CANCELLED, e.getMessage());
            if (e instanceof LeaseLostException lost) {
                throw lost;
            }
            queue.release(owner, id, Duration.ZERO);
            log.info("VM {}: {} stopped: {}", id, stepName, e.getMessage());
            return false;
        } catch (CallNotPermittedException e) {
            history.ended(attempt, AttemptHistory.Outcome.WAITING, e.getMessage());
            queue.release(owner, id, circuits.retryBlockedAfter());
            return false;
        } catch (RuntimeException e) {
            if (stopping.getAsBoolean()) {
                history.ended(attempt, AttemptHistory.Outcome.CANCELLED, "the worker stopped during the step");
                queue.release(owner, id, Duration.ZERO);
                return false;
            }
            return failed(owner, id, stepName, attempt, e);
        }
        return succeeded(owner, id, stepName, attempt, outcome);
    }

    /** A node whose circuit is open keeps its jobs waiting, without spending their attempts. */
    private void waitForNode(String owner, VmId id, JobStep stepName, int attempt, String node) {
        Duration wait = circuits.retryBlockedAfter();
        history.waited(id, stepName, attempt, owner, "the circuit of node " + node + " is open");
        queue.release(owner, id, wait);
        log.info("VM {}: node {} is failing; {} waits {} ms", id, node, stepName, wait.toMillis());
    }

    private boolean succeeded(String owner, VmId id, JobStep stepName, long attempt, StepOutcome outcome) {
        try {
            VmJob job = write(owner, id, stepName, done -> {
                switch (stepName) {
                    case NETWORK -> done.running(outcome.addresses(), outcome.note(), clock.instant());
                    case DELETE -> done.deleted(clock.instant());
                    default -> done.stepSucceeded(stepName, clock.instant());
                }
            });
            history.ended(attempt, outcome.skipped() ? AttemptHistory.Outcome.SKIPPED : AttemptHistory.Outcome.SUCCEEDED, null);
            log.info("VM {}: {} {}; job is {}{}", id, stepName, outcome.skipped() ? "had nothing to do" : "done",
                    job.status(), job.pendingStep() == null ? "" : ", next " + job.pendingStep());
            return job.pendingStep() != null;
        } catch (StepCancelledException e) {
            history.ended(attempt, AttemptHistory.Outcome.CANCELLED, e.getMessage());
            queue.release(owner, id, Duration.ZERO);
            return false;
        }
    }

    private boolean failed(String owner, VmId id, JobStep stepName, long attempt, RuntimeException failure) {
        Classified classified = classify(failure);
        boolean[] retry = new boolean[1];
        VmJob job;
        try {
            job = write(owner, id, stepName, current -> retry[0] = current.stepFailed(stepName,
                    classified.failureClass(), classified.reason(), maxAttempts, clock.instant()));
        } catch (StepCancelledException e) {
            history.ended(attempt, AttemptHistory.Outcome.CANCELLED, classified.reason());
            queue.release(owner, id, Duration.ZERO);
            return false;
        }
        if (retry[0]) {
            Duration pause = backoff.after(job.attempts());
            history.ended(attempt, AttemptHistory.Outcome.RETRYING, classified.reason());
            queue.release(owner, id, pause);
            log.info("VM {}: {} failed (attempt {} of {}), again in {} ms: {}", id, stepName, job.attempts(), maxAttempts,
                    pause.toMillis(), classified.reason());
        } else {
            history.ended(attempt, AttemptHistory.Outcome.FAILED, classified.reason());
            log.warn("VM {}: {} failed for good after {} attempt(s): {}", id, stepName, job.attempts(), classified.reason());
        }
        return false;
    }

    /**
     * Applies a change to the job in one transaction with its events, provided this replica still
     * holds it and it is still at {@code step}.
     */
    private VmJob write(String owner, VmId id, JobStep step, Consumer<VmJob> change) {
        try {
            return transactions.execute(tx -> {
                VmJob job = leasedJob(owner, id);
                if (job.pendingStep() != step) {
                    throw new StepCancelledException("the job is " + job.status() + " now, no longer at " + step);
                }
                change.accept(job);
                jobs.update(job);
                outbox.append(job.pullEvents());
                return job;
            });
        } catch (OptimisticLockingFailureException e) {
            // A command changed the job between our read and our write: read it again to see what it is now.
            return write(owner, id, step, change);
        }
    }

    private VmJob leasedJob(String owner, VmId id) {
        if (!queue.holds(owner, id)) {
            throw new LeaseLostException("the lease on the job expired or was taken over");
        }
        return jobs.find(id).orElseThrow(() -> new IllegalStateException("VM job " + id + " vanished"));
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

    /** The job is no longer this replica's. */
    static final class LeaseLostException extends RuntimeException {
        LeaseLostException(String message) {
            super(message);
        }
    }

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

        @Override
        public VmJob record(Consumer<VmJob> change) {
            job = write(owner, id, step, change);
            return job;
        }
    }
}
