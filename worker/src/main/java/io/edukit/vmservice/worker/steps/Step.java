package io.edukit.vmservice.worker.steps;

import io.edukit.vmservice.worker.provisioning.JobStep;
import io.edukit.vmservice.worker.provisioning.StepOutcome;

import java.util.Set;

/**
 * One step of a job on Proxmox. It runs outside any transaction, may be run again after a crash at
 * any point, and so first looks at what is there before it makes anything. A failure is thrown,
 * classified: a {@code StepFailure}, {@code ProxmoxException} or {@code SnippetStoreException}.
 */
public interface Step {

    JobStep name();

    /** The ways to the node the step uses: an open circuit on any of them keeps the job waiting. */
    Set<Channel> channels();

    StepOutcome run(StepContext context);
}
