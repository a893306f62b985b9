package io.edukit.vmservice.worker.provisioning.persistence;

import io.edukit.vmservice.worker.provisioning.Placement;
import io.edukit.vmservice.worker.provisioning.VmId;
import io.edukit.vmservice.worker.provisioning.VmJob;
import io.edukit.vmservice.worker.provisioning.VmJobs;
import io.edukit.vmservice.worker.provisioning.VmSpec;
import io.edukit.vmservice.worker.support.WorkerTest;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.dao.OptimisticLockingFailureException;
import org.springframework.jdbc.core.simple.JdbcClient;

import java.time.Instant;
import java.util.List;
import java.util.UUID;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** How a job's changes are stored: never over somebody else's, from a runner only while it holds the lease, and with the trace its steps continue. */
@WorkerTest
class JdbcVmJobsTest {

    @Autowired
    VmJobs jobs;
    @Autowired
    JdbcClient jdbc;

    @Test
    void anUpdateReturnsTheJobAsStoredSoThatTheNextUpdateNeedsNoRead() {
        VmJob job = aStoredJob();

        job.place(new Placement("pve4", 9999, "local-lvm"));
        job.useVmid(100042);
        VmJob stored = jobs.update(job, null);
        stored.taskStarted("UPID:pve4:clone");
        VmJob storedAgain = jobs.update(stored, null);

        VmJob read = jobs.find(job.id()).orElseThrow();
        assertThat(storedAgain.snapshot().version()).isEqualTo(job.snapshot().version() + 2)
                .isEqualTo(read.snapshot().version());
        assertThat(read.taskUpid()).isEqualTo("UPID:pve4:clone");
        assertThat(read.proxmoxVmid()).isEqualTo(100042);
    }

    @Test
    void aCopyOlderThanTheStoredJobIsNotWrittenOverIt() {
        VmJob job = aStoredJob();
        VmJob stale = VmJob.restore(job.snapshot());
        job.useVmid(100043);
        jobs.update(job, null);

        stale.useVmid(100044);

        assertThatThrownBy(() -> jobs.update(stale, null)).isInstanceOf(OptimisticLockingFailureException.class);
        assertThat(jobs.find(job.id()).orElseThrow().proxmoxVmid()).isEqualTo(100043);
    }

    @Test
    void aRunnersUpdateIsWrittenOnlyWhileItHoldsTheLease() {
        VmJob job = aStoredJob();
        lease(job.id(), "replica-a", "now() + interval '1 minute'");
        job.useVmid(100045);
        VmJob stored = jobs.updateLeased(job, "replica-a");

        stored.useVmid(100046);
        assertThatThrownBy(() -> jobs.updateLeased(VmJob.restore(stored.snapshot()), "replica-b"))
                .as("another replica's lease").isInstanceOf(OptimisticLockingFailureException.class);
        lease(job.id(), "replica-a", "now() - interval '1 second'");
        assertThatThrownBy(() -> jobs.updateLeased(stored, "replica-a"))
                .as("an expired lease").isInstanceOf(OptimisticLockingFailureException.class);

        assertThat(jobs.find(job.id()).orElseThrow().proxmoxVmid()).isEqualTo(100045);
    }

    @Test
    void aJobsStepsContinueTheTraceOfTheLastCommandThatWroteIt() {
        String asked = "00-0af7651916cd43dd8448eb211c80319c-b7ad6b7169203331-01";
        String deleted = "00-4bf92f3577b34da6a3ce929d0e0e4736-00f067aa0ba902b7-00";
        VmJob job = VmJob.requested(new VmId(UUID.randomUUID()), aSpec(), Instant.now());
        jobs.add(job, asked);
        assertThat(traceOf(job.id())).as("kept with the new job").isEqualTo(asked);

        lease(job.id(), "replica-a", "now() + interval '1 minute'");
        VmJob stepped = jobs.find(job.id()).orElseThrow();
        stepped.useVmid(100047);
        VmJob stored = jobs.updateLeased(stepped, "replica-a");
        assertThat(traceOf(job.id())).as("a step's write keeps it").isEqualTo(asked);

        jobs.update(stored, deleted);
        assertThat(traceOf(job.id())).as("a command's write replaces it").isEqualTo(deleted);
        jobs.update(jobs.find(job.id()).orElseThrow(), null);
        assertThat(traceOf(job.id())).as("a command of no trace leaves none").isNull();
    }

    private String traceOf(VmId id) {
        return jdbc.sql("select trace_parent from vm_job where vm_id = ?").param(id.value()).query(String.class).list().getFirst();
    }

    private VmJob aStoredJob() {
        VmJob job = VmJob.requested(new VmId(UUID.randomUUID()), aSpec(), Instant.now());
        assertThat(jobs.add(job, null)).isTrue();
        return jobs.find(job.id()).orElseThrow();
    }

    private static VmSpec aSpec() {
        return new VmSpec("debian-12", "ws-alice-01", 2, 2048, 20, List.of("ssh-ed25519 AAAA"), "alice", "net-101",
                "lab-portal", List.of());
    }

    private void lease(VmId id, String owner, String expires) {
        jdbc.sql("update vm_job set lease_owner = ?, lease_expires_at = " + expires + " where vm_id = ?")
                .params(owner, id.value()).update();
    }
}
