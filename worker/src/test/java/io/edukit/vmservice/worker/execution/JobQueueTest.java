package io.edukit.vmservice.worker.execution;

import io.edukit.vmservice.worker.provisioning.PlacementPolicy;
import io.edukit.vmservice.worker.provisioning.VmId;
import io.edukit.vmservice.worker.support.WorkerTest;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.jdbc.core.simple.JdbcClient;

import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.function.Predicate;

import static org.assertj.core.api.Assertions.assertThat;

/** Claims, placement, the clone cap and leases, against PostgreSQL. */
@WorkerTest
class JobQueueTest {

    static final Duration LEASE = Duration.ofSeconds(30);

    @Autowired
    JobQueue queue;
    @Autowired
    JdbcClient jdbc;

    PlacementPolicy policy = new PlacementPolicy(Map.of());

    @BeforeEach
    void twoNodesAndNoJobs() {
        jdbc.sql("delete from vm_job_attempt").update();
        jdbc.sql("delete from vm_job").update();
        jdbc.sql("delete from os_image_placement where node = 'pve5'").update();
        jdbc.sql("insert into os_image_placement (os_image, node, template_vmid, storage) values ('debian-12', 'pve5', 9899, 'local-lvm')").update();
    }

    @Test
    void clonesAreSpreadOverTheNodesAndCappedPerNodeAcrossReplicas() {
        for (int i = 0; i < 10; i++) {
            requested();
        }

        List<VmId> first = claim("replica-a", LEASE, 3, node -> true);
        List<VmId> second = claim("replica-b", LEASE, 10, node -> true);

        assertThat(first).hasSize(3);
        assertThat(second).as("the cap counts the other replica's clones").hasSize(1);
        assertThat(countPerNode()).containsExactlyInAnyOrderEntriesOf(Map.of("pve4", 2L, "pve5", 2L));
        assertThat(claim("replica-b", LEASE, 10, node -> true)).isEmpty();
    }

    @Test
    void aNodeWithAnOpenCircuitGetsNoClonesAndWorkPastTheCloneIsNotCapped() {
        for (int i = 0; i < 4; i++) {
            requested();
        }
        UUID starting = requested();
        jdbc.sql("update vm_job set status = 'PROVISIONING', step = 'STARTING', node = 'pve4', template_vmid = 9999, storage = 'local-lvm' where vm_id = ?")
                .param(starting).update();

        List<VmId> claimed = claim("replica-a", LEASE, 10, node -> !node.equals("pve4"));

        assertThat(claimed).hasSize(3).contains(new VmId(starting));
        assertThat(countPerNode()).containsEntry("pve5", 2L);
        assertThat(claimed).extracting(job -> placementOf(job.value()))
                .as("the two placed now on pve5 with its template and storage; the one placed before keeps its own")
                .containsExactlyInAnyOrder("pve5/9899/local-lvm", "pve5/9899/local-lvm", "pve4/9999/local-lvm");
    }

    @Test
    void aCloneWhoseTaskWasStartedKeepsItsSlotThroughItsRetriesAndNeedsNoOtherToResume() {
        UUID retrying = requested();
        jdbc.sql("""
                        update vm_job set status = 'PROVISIONING', step = 'CLONING', node = 'pve4', template_vmid = 9999,
                            storage = 'local-lvm', task_upid = 'UPID:pve4:1:2:3:qmclone:100000:x@pve!t:' where vm_id = ?""")
                .param(retrying).update();
        jdbc.sql("delete from os_image_placement where node = 'pve5'").update();
        for (int i = 0; i < 3; i++) {
            requested();
        }

        List<VmId> claimed = claim("replica-a", LEASE, 10, node -> true);

        assertThat(claimed).as("the retrying clone, and one new clone for the one slot left").hasSize(2)
                .contains(new VmId(retrying));

        UUID holding = requested();
        jdbc.sql("""
                        update vm_job set status = 'PROVISIONING', step = 'CLONING', node = 'pve4', template_vmid = 9999,
                            storage = 'local-lvm', clone_slot = true where vm_id = ?""")
                .param(holding).update();
        UUID nowhereToGo = requested();
        jdbc.sql("""
                insert into os_image (name, proxmox_template_id, node, storage, architecture, min_disk_size_gb, min_ram_mb)
                values ('alpine-3', '9100', 'pve4', 'local-lvm', 'x86_64', 1, 256)""").update();
        try {
            jdbc.sql("update vm_job set os_image = 'alpine-3' where vm_id = ?").param(nowhereToGo).update();
            assertThat(claim("replica-a", LEASE, 10, node -> true))
                    .as("its node is full: the job that holds a slot there goes on, and the one whose image has no placement, to fail")
                    .containsExactlyInAnyOrder(new VmId(holding), new VmId(nowhereToGo));
        } finally {
            jdbc.sql("delete from vm_job_attempt").update();
            jdbc.sql("delete from vm_job").update();
            jdbc.sql("delete from os_image where name = 'alpine-3'").update();
        }
    }

    @Test
    void anExpiredLeaseIsTakenOverAndAReleasedJobIsDueAfterItsDelay() throws InterruptedException {
        UUID job = requested();
        assertThat(claim("replica-a", Duration.ofMillis(1), 1, node -> true)).hasSize(1);
        // The next claim may begin within the millisecond: let the lease run out first.
        Thread.sleep(20);

        assertThat(claim("replica-b", LEASE, 1, node -> true)).containsExactly(new VmId(job));
        assertThat(queue.holds("replica-a", new VmId(job))).isFalse();
        assertThat(queue.renew("replica-a", List.of(new VmId(job)), LEASE)).as("a lost lease is not renewed").isZero();

        queue.release("replica-b", new VmId(job), Duration.ofMinutes(5));
        assertThat(claim("replica-a", LEASE, 1, node -> true)).as("not due yet").isEmpty();
    }

    @Test
    void aJobAtTheCloneStepCountsAgainstItsNodeWhileLeasedHoldingASlotOrRunningItsCloneAndSoDoesItsDeletion() {
        UUID job = requested();
        assertThat(queue.atCloneInFlight()).isEmpty();

        claim("replica-a", LEASE, 1, node -> true);
        String node = jdbc.sql("select node from vm_job where vm_id = ?").param(job).query(String.class).single();
        assertThat(queue.atCloneInFlight()).as("leased at the clone step").containsExactly(Map.entry(node, 1));

        queue.release("replica-a", new VmId(job), Duration.ofMinutes(5));
        assertThat(queue.atCloneInFlight()).as("handed back before it took a slot").isEmpty();

        jdbc.sql("update vm_job set status = 'PROVISIONING', step = 'CLONING', clone_slot = true where vm_id = ?").param(job).update();
        assertThat(queue.atCloneInFlight()).as("its clone is about to start").containsExactly(Map.entry(node, 1));

        jdbc.sql("update vm_job set clone_slot = false, task_upid = 'UPID:" + node + ":1' where vm_id = ?").param(job).update();
        assertThat(queue.atCloneInFlight()).as("its task may still run on Proxmox").containsExactly(Map.entry(node, 1));

        jdbc.sql("update vm_job set status = 'DELETING', step = null, task_upid = null, clone_slot = true where vm_id = ?")
                .param(job).update();
        assertThat(queue.atCloneInFlight()).as("deleted while its clone may run").containsExactly(Map.entry(node, 1));

        jdbc.sql("update vm_job set clone_slot = false where vm_id = ?").param(job).update();
        assertThat(queue.atCloneInFlight()).as("its deletion waited for the clone").isEmpty();
    }

    @Test
    void aStoppingReplicaHandsItsJobsBackDueAtOnce() {
        UUID job = requested();
        claim("replica-a", LEASE, 1, node -> true);

        assertThat(queue.releaseAll("replica-a", List.of())).isEqualTo(1);

        assertThat(claim("replica-b", LEASE, 1, node -> true)).containsExactly(new VmId(job));
    }

    @Test
    void aClaimHandsOnTheTraceOfTheLastCommandAppliedToEachJob() {
        UUID traced = requested();
        UUID untraced = requested();
        String traceparent = "00-4bf92f3577b34da6a3ce929d0e0e4736-00f067aa0ba902b7-01";
        jdbc.sql("update vm_job set trace_parent = ? where vm_id = ?").params(traceparent, traced).update();

        assertThat(queue.claim("replica-a", LEASE, 10, 2, policy, node -> true)).containsExactlyInAnyOrder(
                new JobQueue.Claimed(new VmId(traced), traceparent), new JobQueue.Claimed(new VmId(untraced), null));
    }

    private String placementOf(UUID job) {
        return jdbc.sql("select node || '/' || template_vmid || '/' || storage from vm_job where vm_id = ?").param(job)
                .query(String.class).single();
    }

    /** The jobs a claim leases, at most two at each node's clone step. */
    private List<VmId> claim(String owner, Duration lease, int limit, Predicate<String> nodeAvailable) {
        return queue.claim(owner, lease, limit, 2, policy, nodeAvailable).stream().map(JobQueue.Claimed::id).toList();
    }

    private UUID requested() {
        UUID id = UUID.randomUUID();
        jdbc.sql("""
                        insert into vm_job (vm_id, status, os_image, hostname, cores, memory_mb, disk_gb, ssh_public_keys,
                            owner_id, course_id, requested_by, last_sequence, version, created_at, updated_at, next_attempt_at)
                        values (?, 'REQUESTED', 'debian-12', 'ws', 1, 512, 8, '{}', 'alice', 'net-101', 'lab', 1, 0, now(), now(), now())""")
                .param(id).update();
        return id;
    }

    private Map<String, Long> countPerNode() {
        Map<String, Long> counts = new java.util.HashMap<>();
        jdbc.sql("select node, count(*) from vm_job where lease_owner is not null and node is not null group by node")
                .query(rs -> {
                    counts.put(rs.getString(1), rs.getLong(2));
                });
        return counts;
    }
}
