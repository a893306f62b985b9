package io.edukit.vmservice.worker.commands;

import io.edukit.vmservice.schemas.VmCommand;
import io.edukit.vmservice.schemas.VmDeletionRequested;
import io.edukit.vmservice.schemas.VmReplayRequested;
import io.edukit.vmservice.schemas.VmRequested;
import io.edukit.vmservice.worker.catalog.OsImages;
import io.edukit.vmservice.worker.outbox.Outbox;
import io.edukit.vmservice.worker.provisioning.IllegalTransitionException;
import io.edukit.vmservice.worker.provisioning.JobsScheduled;
import io.edukit.vmservice.worker.provisioning.VmId;
import io.edukit.vmservice.worker.provisioning.VmJob;
import io.edukit.vmservice.worker.provisioning.VmJobs;
import io.edukit.vmservice.worker.provisioning.VmSpec;
import io.edukit.vmservice.worker.tracing.TraceContexts;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.context.ApplicationEventPublisher;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

import java.time.Clock;
import java.util.function.Consumer;

/**
 * Applies a command to its VM's job in one transaction, together with the outbox rows of the
 * events it caused and the record that the command was applied: all of it or none.
 */
@Service
class CommandHandler {

    private static final Logger log = LoggerFactory.getLogger(CommandHandler.class);

    private final ProcessedCommands processed;
    private final VmJobs jobs;
    private final Outbox outbox;
    private final OsImages images;
    private final Clock clock;
    private final ApplicationEventPublisher events;
    private final TraceContexts tracing;

    CommandHandler(ProcessedCommands processed, VmJobs jobs, Outbox outbox, OsImages images, Clock clock,
                   ApplicationEventPublisher events, TraceContexts tracing) {
        this.processed = processed;
        this.jobs = jobs;
        this.outbox = outbox;
        this.images = images;
        this.clock = clock;
        this.events = events;
        this.tracing = tracing;
    }

    @Transactional
    public void handle(VmCommand command) {
        if (!processed.firstDelivery(command)) {
            log.info("Command {} for VM {} was applied before; ignoring the redelivery", command.commandId(), command.vmId());
            return;
        }
        switch (command) {
            case VmRequested requested -> createJob(requested);
            case VmDeletionRequested ignored -> change(command, job -> job.requestDeletion(clock.instant()));
            case VmReplayRequested replay -> replay(replay);
        }
    }

    /** OPS may replay by filter: a job that is not FAILED (any more) is no error, only nothing to do. */
    private void replay(VmReplayRequested replay) {
        VmId id = new VmId(replay.vmId());
        VmJob job = jobs.find(id).orElseThrow(() -> new CommandRejectedException(
                "VmReplayRequested names VM " + id + ", which has no job"));
        try {
            job.replay(clock.instant());
        } catch (IllegalTransitionException e) {
            log.info("VM {}: replay {} changes nothing: {}", id, replay.commandId(), e.getMessage());
            return;
        }
        save(job);
        log.info("VM {}: replayed by {}, job is {} again", id, replay.requestedBy(), job.status());
    }

    private void createJob(VmRequested requested) {
        if (!images.takesRequestMadeAt(requested.osImage(), requested.requestedAt())) {
            throw new CommandRejectedException("VmRequested names OS image '" + requested.osImage()
                    + "', which is not an active image of the catalog (nor one deactivated after the request was made)");
        }
        VmJob job = VmJob.requested(new VmId(requested.vmId()), VmSpec.of(requested), clock.instant());
        if (jobs.add(job, tracing.current())) {
            outbox.append(job.pullEvents());
            events.publishEvent(new JobsScheduled());
            log.info("VM {} requested by {}: job recorded as {}", job.id(), requested.requestedBy(), job.status());
        } else {
            log.info("VM {} has a job already; command {} changes nothing", job.id(), requested.commandId());
        }
    }

    private void change(VmCommand command, Consumer<VmJob> transition) {
        VmId id = new VmId(command.vmId());
        VmJob job = jobs.find(id).orElseThrow(() -> new CommandRejectedException(
                command.getClass().getSimpleName() + " names VM " + id + ", which has no job"));
        try {
            transition.accept(job);
        } catch (IllegalTransitionException e) {
            throw new CommandRejectedException(e.getMessage());
        }
        save(job);
        log.info("VM {}: {} applied, job is {}", id, command.getClass().getSimpleName(), job.status());
    }

    /** The job's steps from here on continue the trace of the command that moved it. */
    private void save(VmJob job) {
        jobs.update(job, tracing.current());
        outbox.append(job.pullEvents());
        events.publishEvent(new JobsScheduled());
    }
}
