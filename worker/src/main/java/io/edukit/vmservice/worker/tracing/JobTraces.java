package io.edukit.vmservice.worker.tracing;

import io.edukit.vmservice.worker.provisioning.VmId;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Repository;

/** Keeps on each job's row the trace its steps continue: that of the last command applied to it (a claim reads it back). */
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
}
