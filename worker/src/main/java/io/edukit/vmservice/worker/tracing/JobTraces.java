package io.edukit.vmservice.worker.tracing;

import io.edukit.vmservice.worker.provisioning.VmId;
import org.jspecify.annotations.Nullable;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Repository;

/** The trace each job's steps continue: that of the last command applied to it, kept on its row. */
@Repository
public class JobTraces {

    private final JdbcClient jdbc;
    private final TraceContexts contexts;

    JobTraces(JdbcClient jdbc, TraceContexts contexts) {
        this.jdbc = jdbc;
        this.contexts = contexts;
    }

    /** Keeps the trace of the command being applied for the job's steps; in the command's transaction. */
    public void continueWithCurrent(VmId job) {
        jdbc.sql("update vm_job set trace_parent = ? where vm_id = ?").params(contexts.current(), job.value()).update();
    }

    /** The trace the job's steps continue, from the {@code traceparent} kept on its row (read with its lease). */
    public JobTrace of(VmId job, @Nullable String traceparent) {
        return new JobTrace(job, traceparent, contexts);
    }
}
