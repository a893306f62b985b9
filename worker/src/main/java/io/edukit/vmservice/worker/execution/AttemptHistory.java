package io.edukit.vmservice.worker.execution;

import io.edukit.vmservice.worker.provisioning.JobStep;
import io.edukit.vmservice.worker.provisioning.VmId;
import org.jspecify.annotations.Nullable;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Component;

/** One row per attempt at a step, opened when it starts and closed with its outcome: a job's story for OPS. */
@Component
class AttemptHistory {

    /** How an attempt ended. */
    enum Outcome { SUCCEEDED, SKIPPED, RETRYING, FAILED, WAITING, CANCELLED }

    private static final int MAX_ERROR = 4096;

    private final JdbcClient jdbc;

    AttemptHistory(JdbcClient jdbc) {
        this.jdbc = jdbc;
    }

    long started(VmId job, JobStep step, int attempt, String worker) {
        return jdbc.sql("""
                        insert into vm_job_attempt (vm_id, step, attempt, worker, started_at)
                        values (?, ?, ?, ?, now()) returning id""")
                .params(job.value(), step.name(), attempt, worker)
                .query(Long.class).single();
    }

    void ended(long attemptId, Outcome outcome, @Nullable String error) {
        jdbc.sql("update vm_job_attempt set ended_at = now(), outcome = ?, error = ? where id = ?")
                .params(outcome.name(), error == null || error.length() <= MAX_ERROR ? error : error.substring(0, MAX_ERROR), attemptId)
                .update();
    }
}
