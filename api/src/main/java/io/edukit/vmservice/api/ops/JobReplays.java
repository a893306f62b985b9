package io.edukit.vmservice.api.ops;

import io.edukit.vmservice.api.commands.CommandNotAcceptedException;
import io.edukit.vmservice.api.commands.CommandPublisher;
import io.edukit.vmservice.api.problems.ProblemException;
import io.edukit.vmservice.api.problems.ProblemType;
import io.edukit.vmservice.api.vms.CallerId;
import io.edukit.vmservice.schemas.VmReplayRequested;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.stereotype.Service;

import java.time.Clock;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;

/**
 * Replays FAILED jobs: one {@code VmReplayRequested} per job, keyed by its VM id, each
 * acknowledged by Kafka before the next is sent. The worker runs a FAILED job again from its
 * failed step and ignores a replay of a job in any other status, so a replay that races the
 * worker changes nothing.
 */
@Service
class JobReplays {

    /** The most jobs one bulk replay publishes for; the answer says how many more matched. */
    static final int LIMIT = 1000;

    private static final Logger log = LoggerFactory.getLogger(JobReplays.class);

    private final JobRecords jobs;
    private final CommandPublisher publisher;
    private final Clock clock = Clock.systemUTC();

    JobReplays(JobRecords jobs, CommandPublisher publisher) {
        this.jobs = jobs;
        this.publisher = publisher;
    }

    /** Replays one job; 404 when there is none, 409 when it is not FAILED. */
    ReplayAnswer replay(CallerId caller, UUID vmId) {
        String status = jobs.status(vmId).orElseThrow(() -> new ProblemException(ProblemType.VM_NOT_FOUND,
                "There is no job for VM " + vmId + "."));
        if (!"FAILED".equals(status)) {
            throw new ProblemException(ProblemType.JOB_NOT_FAILED, "VM " + vmId + " is " + status
                    + ", not FAILED: only a FAILED job can be replayed.");
        }
        publisher.publish(command(caller, vmId));
        log.info("VM {} replay requested by {}", vmId, caller.value());
        return ReplayAnswer.one(vmId);
    }

    /**
     * Replays the FAILED jobs the filter matches, at most {@link #LIMIT}, or in a dry run only
     * names them. If Kafka stops confirming midway, the 503 says which replays went out.
     */
    ReplayAnswer replayMatching(CallerId caller, FailedJobFilter filter, boolean dryRun) {
        long matching = jobs.countFailed(filter);
        List<UUID> vmIds = jobs.failedIds(filter, LIMIT);
        if (dryRun) {
            return ReplayAnswer.bulk(true, vmIds, matching, LIMIT);
        }
        List<UUID> published = new ArrayList<>();
        for (UUID vmId : vmIds) {
            try {
                publisher.publish(command(caller, vmId));
            } catch (CommandNotAcceptedException e) {
                log.warn("Bulk replay by {} stopped after {} of {}: {}", caller.value(), published.size(), vmIds.size(), e.getMessage());
                throw new ProblemException(ProblemType.REPLAY_INTERRUPTED, "The message broker did not confirm the replay of VM "
                        + vmId + "; " + published.size() + " of " + vmIds.size() + " replays were published before it "
                        + "(see published and vmIds). Replaying again is safe: a replay of a job no longer FAILED changes nothing.")
                        .with("published", published.size())
                        .with("vmIds", List.copyOf(published));
            }
            published.add(vmId);
        }
        log.info("Bulk replay by {}: {} published, {} matched {}", caller.value(), published.size(), matching, filter);
        return ReplayAnswer.bulk(false, published, matching, LIMIT);
    }

    /** Every replay is a command of its own: after a replay failed again, asking again must try again. */
    private VmReplayRequested command(CallerId caller, UUID vmId) {
        return new VmReplayRequested(UUID.randomUUID(), vmId, clock.instant(), caller.value());
    }
}
