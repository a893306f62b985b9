package io.edukit.vmservice.worker.workflow;

import io.edukit.vmservice.proxmoxsim.LatencyModel;
import io.edukit.vmservice.proxmoxsim.Operation;
import io.edukit.vmservice.proxmoxsim.SimulatorSettings;
import io.edukit.vmservice.proxmoxsim.TemplateSpec;
import io.edukit.vmservice.schemas.MessageCodec;
import io.edukit.vmservice.schemas.ProvisioningStep;
import io.edukit.vmservice.schemas.Topics;
import io.edukit.vmservice.schemas.VmRequested;
import io.edukit.vmservice.schemas.VmStatus;
import io.edukit.vmservice.schemas.VmStatusChanged;
import io.edukit.vmservice.testsupport.KafkaProbe;
import io.edukit.vmservice.worker.proxmox.CloneRequest;
import io.edukit.vmservice.worker.proxmox.ProxmoxClient;
import io.edukit.vmservice.worker.proxmox.VmRef;
import io.edukit.vmservice.worker.support.WorkerTest;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.context.ApplicationContext;
import org.springframework.context.SmartLifecycle;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.kafka.test.EmbeddedKafkaBroker;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;

import java.nio.file.Files;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import java.util.stream.Collectors;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * The whole workflow, end to end over real protocols: commands through Kafka, jobs in PostgreSQL,
 * the simulator over HTTPS and its SFTP node, status events through the outbox to Kafka.
 */
@WorkerTest
class ProvisioningWorkflowTest {

    static final Duration WITHIN = Duration.ofSeconds(60);
    static final SimulatedNode node = SimulatedNode.start(SimulatorSettings.instant().toBuilder()
            // Clones take a moment, so that the clone cap has something to hold back.
            .latency(LatencyModel.zero().withClone(Duration.ofMillis(150), Duration.ZERO))
            .build());

    @DynamicPropertySource
    static void pointTheWorkerAtTheNode(DynamicPropertyRegistry registry) {
        node.configureWithQuickExecutor(registry);
        // 30 % of all calls fail in one test: enough attempts that none runs out, and short circuit waits.
        registry.add("vmservice.retry.max-attempts", () -> "40");
        registry.add("vmservice.circuit-breaker.wait-in-open-state", () -> "400ms");
        // Longer than the class runs: a template found fit by one test's clone is remembered in the next.
        registry.add("vmservice.template-reread-after", () -> "1h");
    }

    @Autowired
    JdbcClient jdbc;
    @Autowired
    MessageCodec codec;
    @Autowired
    EmbeddedKafkaBroker broker;
    @Autowired
    ProxmoxClient client;
    @Autowired
    ApplicationContext context;

    Jobs jobs;

    @BeforeEach
    void connect() {
        jobs = new Jobs(jdbc, codec, broker.getBrokersAsString());
        node.simulator().faults().clear();
        node.simulator().counters().reset();
    }

    @AfterEach
    void disconnect() {
        jobs.close();
    }

    @AfterAll
    static void stopNode() {
        node.close();
    }

    @Test
    void aRequestEndsRunningWithItsAddressAfterEveryStepWasAnnouncedInOrder() throws Exception {
        VmRequested request = jobs.request();

        jobs.awaitStatus(request.vmId(), "RUNNING", WITHIN);

        List<VmStatusChanged> events = jobs.events(request.vmId());
        assertThat(events).extracting(VmStatusChanged::sequence).containsExactly(1L, 2L, 3L, 4L, 5L, 6L, 7L);
        assertThat(events).extracting(VmStatusChanged::status).containsExactly(VmStatus.REQUESTED,
                VmStatus.PROVISIONING, VmStatus.PROVISIONING, VmStatus.PROVISIONING, VmStatus.PROVISIONING,
                VmStatus.PROVISIONING, VmStatus.RUNNING);
        assertThat(events).extracting(VmStatusChanged::step).containsExactly(null, ProvisioningStep.CLONING,
                ProvisioningStep.CONFIGURING_CLOUD_INIT, ProvisioningStep.RESIZING_DISK, ProvisioningStep.STARTING,
                ProvisioningStep.WAITING_FOR_NETWORK, null);
        assertThat(jobs.history(request.vmId())).containsExactly("CLONE:SUCCEEDED", "CLOUD_INIT:SUCCEEDED",
                "RESIZE:SUCCEEDED", "START:SUCCEEDED", "NETWORK:SUCCEEDED");
        assertThat(jobs.attemptsBegunAsThePreviousEnded(request.vmId()))
                .as("each step after the clone begun in the transaction that ended the step before").containsExactly(true, true, true, true);
        VmStatusChanged running = events.getLast();
        int vmid = jobs.vmid(request.vmId());
        assertThat(running.node()).isEqualTo(SimulatedNode.NODE);
        assertThat(running.proxmoxVmid()).isEqualTo(vmid);
        assertThat(running.ipAddresses()).singleElement().asString().matches("10\\.\\d+\\.\\d+\\.\\d+");

        var config = node.simulator().vmConfig(vmid).orElseThrow();
        assertThat(config).containsEntry("cores", "2").containsEntry("memory", "2048")
                .containsEntry("name", request.hostname())
                .containsEntry("cicustom", "user=local:snippets/vmservice-" + request.vmId() + ".yaml")
                .containsEntry("ipconfig0", "ip=dhcp");
        assertThat(config.get("scsi0")).contains("size=20G");
        String userData = Files.readString(node.snippet("vmservice-" + request.vmId() + ".yaml"));
        assertThat(userData).contains("hostname: " + request.hostname()).contains(Jobs.KEY).contains("- git");

        try (KafkaProbe subscriber = new KafkaProbe(broker.getBrokersAsString(), Topics.VM_EVENTS)) {
            List<ConsumerRecord<String, byte[]>> published = subscriber.readUntil(read -> read.stream()
                    .filter(r -> r.key().equals(request.vmId().toString())).count() >= 7, WITHIN);
            assertThat(published.stream().filter(r -> r.key().equals(request.vmId().toString()))
                    .map(r -> codec.decodeEvent(r.value()).sequence()).distinct())
                    .as("published in order, per VM").containsExactly(1L, 2L, 3L, 4L, 5L, 6L, 7L);
        }
    }

    @Test
    void aStepThatEndsWhileTheWorkerStopsLeavesTheNextOneCancelledNotOpenAndTheJobGoesOnAfterwards() {
        SmartLifecycle executor = context.getBean("stepExecutor", SmartLifecycle.class);
        // Task polls answered 5 s late: the clone ends well after the executor is told to stop, even on a stalled machine.
        node.simulator().faults().latencySpikes(Operation.TASK_STATUS, 1.0, Duration.ofSeconds(5));
        VmRequested request = jobs.request();
        await().atMost(WITHIN).pollInterval(Duration.ofMillis(10)).until(() -> jdbc.sql(
                "select task_upid is not null from vm_job where vm_id = ?").param(request.vmId()).query(Boolean.class).optional().orElse(false));

        try {
            executor.stop(); // lets the clone end within the grace period
        } finally {
            node.simulator().faults().clear();
            executor.start();
        }

        jobs.awaitStatus(request.vmId(), "RUNNING", WITHIN);
        assertThat(jobs.history(request.vmId())).startsWith("CLONE:SUCCEEDED", "CLOUD_INIT:CANCELLED", "CLOUD_INIT:SUCCEEDED");
        assertThat(jdbc.sql("select error from vm_job_attempt where vm_id = ? and outcome = 'CANCELLED'").param(request.vmId())
                .query(String.class).single()).isEqualTo("the worker stopped before the step began");
        assertThat(jdbc.sql("select count(*) from vm_job_attempt where vm_id = ? and ended_at is null").param(request.vmId())
                .query(Long.class).single()).as("attempts left open").isZero();
    }

    @Test
    void aStepWhoseLeaseWasLostMeanwhileIsNotRecordedAsDoneAndTheJobGoesOnOnceTheLeaseIsTakenAgain() {
        VmRequested request = aRequestInItsCloudInitCall();

        // Another replica's lease, for longer than the step has left (and it ends without it), as if this one had stalled: the version is not moved, only the lease.
        jdbc.sql("update vm_job set lease_owner = 'another-replica', lease_expires_at = now() + interval '8 seconds' where vm_id = ?")
                .param(request.vmId()).update();

        jobs.awaitStatus(request.vmId(), "RUNNING", WITHIN);
        assertThat(jobs.history(request.vmId())).as("the step run without the lease is not taken as done, nor left open")
                .startsWith("CLONE:SUCCEEDED", "CLOUD_INIT:CANCELLED", "CLOUD_INIT:SUCCEEDED").doesNotContainNull();
    }

    @Test
    void aStepWhoseJobWasChangedMeanwhileRecordsItsEndOnTheJobAsItIsNowAndBeginsTheNextStepOnce() {
        VmRequested request = aRequestInItsCloudInitCall();

        // Moved on by another writer, as a claim or a command moves it: the step's end is written a second time, on the job read anew.
        jdbc.sql("update vm_job set version = version + 1 where vm_id = ?").param(request.vmId()).update();

        jobs.awaitStatus(request.vmId(), "RUNNING", WITHIN);
        assertThat(jobs.history(request.vmId())).containsExactly("CLONE:SUCCEEDED", "CLOUD_INIT:SUCCEEDED",
                "RESIZE:SUCCEEDED", "START:SUCCEEDED", "NETWORK:SUCCEEDED");
        assertThat(jobs.attemptsBegunAsThePreviousEnded(request.vmId())).containsExactly(true, true, true, true);
    }

    @Test
    void fiftyConcurrentRequestsGetFiftyVmidsAndNeverMoreClonesPerNodeThanTheCap() {
        List<UUID> vms = new ArrayList<>();
        for (int i = 0; i < 50; i++) {
            vms.add(jobs.request().vmId());
        }

        jobs.awaitAll(vms, "RUNNING", Duration.ofMinutes(2));

        assertThat(vms.stream().map(jobs::vmid).collect(Collectors.toSet())).hasSize(50);
        assertThat(node.simulator().counters().snapshot().peakConcurrentClones(SimulatedNode.NODE))
                .as("clones at once on the node").isEqualTo(2);
        vms.forEach(vm -> assertThat(node.simulator().counters().snapshot().clonesWithMarker("vmservice-id=" + vm)).isEqualTo(1));
    }

    @Test
    void withThirtyPercentOfAllCallsFailingEveryVmStillRunsAndTheRetriesAreInTheHistory() {
        node.simulator().faults().errorRate(null, 0.3, 596, "Connection timed out");
        List<UUID> vms = new ArrayList<>();
        for (int i = 0; i < 50; i++) {
            vms.add(jobs.request().vmId());
        }

        jobs.awaitAll(vms, "RUNNING", Duration.ofMinutes(3));

        assertThat(jobs.attemptsWithOutcome(vms, "RETRYING")).as("attempts that failed and were retried").isPositive();
        assertThat(jobs.attemptsWithOutcome(vms, "FAILED")).isZero();
        vms.forEach(vm -> assertThat(node.simulator().counters().snapshot().clonesWithMarker("vmservice-id=" + vm))
                .as("clone calls accepted for %s", vm).isEqualTo(1));
    }

    @Test
    void aMissingTemplateFailsAtOnceNamingItAndAReplayAfterItIsBackRuns() {
        VmRequested request = requestedWhileTheTemplateIsGone();

        assertFailedAtOnceNamingTheTemplate(request);
        assertThat(node.simulator().counters().snapshot().clonesWithMarker("vmservice-id=" + request.vmId())).isZero();

        jobs.replay(request.vmId());

        jobs.awaitStatus(request.vmId(), "RUNNING", WITHIN);
        assertThat(jobs.history(request.vmId())).startsWith("CLONE:FAILED", "CLONE:SUCCEEDED");
    }

    @Test
    void aTemplateDeletedWhileRememberedAsFitFailsTheNextCloneNamingIt() {
        VmRequested first = jobs.request();
        jobs.awaitStatus(first.vmId(), "RUNNING", WITHIN);

        // Remembered as fit since the first clone (vmservice.template-reread-after): not read before this one.
        VmRequested request = requestedWhileTheTemplateIsGone();

        assertThat(jobs.vmid(request.vmId())).as("a VMID reserved: the template was taken as fit from memory").isPositive();
        assertFailedAtOnceNamingTheTemplate(request);
    }

    @Test
    void aCloneRefusedForGoodOfAFitTemplateFailsWithTheRefusal() {
        node.simulator().faults().failNext(Operation.CLONE, 1, 500, "no space left on device");

        VmRequested request = jobs.request();

        jobs.awaitStatus(request.vmId(), "FAILED", WITHIN);
        VmStatusChanged failed = jobs.events(request.vmId()).getLast();
        assertThat(failed.retryable()).isFalse();
        assertThat(failed.attempts()).isEqualTo(1);
        assertThat(failed.reason()).as("the template, looked at again, is fit: the clone's refusal stands")
                .contains("no space left on device").doesNotContain("template 9999");
    }

    @Test
    void aCloneRefusedForGoodStaysTheFailureWhenTheTemplateCannotBeReadAgain() {
        VmRequested first = jobs.request();
        jobs.awaitStatus(first.vmId(), "RUNNING", WITHIN);
        VmRequested request;
        try {
            // The template is remembered as fit, so the first config read is the look after the refusal: every try fails.
            node.simulator().faults().failNext(Operation.CLONE, 1, 403, "Permission check failed (/vms/9999, VM.Clone)")
                    .failNext(Operation.READ_CONFIG, 3, 596, "Connection timed out");
            request = jobs.request();
            jobs.awaitStatus(request.vmId(), "FAILED", WITHIN);
        } finally {
            node.simulator().faults().clear();
        }

        VmStatusChanged failed = jobs.events(request.vmId()).getLast();
        assertThat(failed.retryable()).as("the refusal, not the transient read").isFalse();
        assertThat(failed.attempts()).isEqualTo(1);
        assertThat(failed.reason()).contains("Permission check failed");
    }

    /** A VM asked for while template 9999 is gone from the node, once it has failed; the template is back afterwards. */
    private VmRequested requestedWhileTheTemplateIsGone() {
        node.simulator().removeVm(9999);
        try {
            VmRequested request = jobs.request();
            jobs.awaitStatus(request.vmId(), "FAILED", WITHIN);
            return request;
        } finally {
            node.simulator().installTemplate(TemplateSpec.debian12());
        }
    }

    private void assertFailedAtOnceNamingTheTemplate(VmRequested request) {
        VmStatusChanged failed = jobs.events(request.vmId()).getLast();
        assertThat(failed.status()).isEqualTo(VmStatus.FAILED);
        assertThat(failed.step()).isEqualTo(ProvisioningStep.CLONING);
        assertThat(failed.retryable()).isFalse();
        assertThat(failed.attempts()).isEqualTo(1);
        assertThat(failed.reason()).contains("template 9999 on node pve4").contains("does not exist");
    }

    @Test
    void aDeletedVmIsGoneWithItsSnippetAndItsVmidIsGivenToTheNextVm() {
        VmRequested request = jobs.request();
        jobs.awaitStatus(request.vmId(), "RUNNING", WITHIN);
        int vmid = jobs.vmid(request.vmId());

        jobs.delete(request.vmId());

        jobs.awaitStatus(request.vmId(), "DELETED", WITHIN);
        assertThat(node.simulator().vmids()).doesNotContain(vmid);
        assertThat(node.snippet("vmservice-" + request.vmId() + ".yaml")).doesNotExist();
        assertThat(jobs.events(request.vmId()).stream().map(VmStatusChanged::status).toList())
                .endsWith(VmStatus.RUNNING, VmStatus.DELETING, VmStatus.DELETED);

        VmRequested next = jobs.request();
        jobs.awaitStatus(next.vmId(), "RUNNING", WITHIN);
        assertThat(jobs.vmid(next.vmId())).as("the lowest free VMID, freed by the deletion").isEqualTo(vmid);
    }

    @Test
    void deletingAVmWhileItIsProvisionedStopsItsStepsAndRemovesWhatWasMade() {
        // Every start fails for a while: the job is caught between its clone and RUNNING.
        node.simulator().faults().failNext(Operation.START, 1_000, 500, "can't lock file '/var/lock/qemu-server/lock-1.conf' - got timeout");
        VmRequested request = jobs.request();
        await().atMost(WITHIN).until(() -> jobs.history(request.vmId()).contains("START:RETRYING"));
        int vmid = jobs.vmid(request.vmId());

        jobs.delete(request.vmId());

        jobs.awaitStatus(request.vmId(), "DELETED", WITHIN);
        assertThat(node.simulator().vmids()).doesNotContain(vmid);
        assertThat(node.snippet("vmservice-" + request.vmId() + ".yaml")).doesNotExist();
        assertThat(jobs.events(request.vmId()).stream().map(VmStatusChanged::status))
                .doesNotContain(VmStatus.RUNNING).endsWith(VmStatus.DELETING, VmStatus.DELETED);
    }

    @Test
    void aDuplicateRequestMakesOneVmAndAReplayOfAnOldCommandDoesNotBringADeletedVmBack() {
        VmRequested request = Jobs.aRequest();
        jobs.send(request);
        jobs.send(request);
        jobs.awaitStatus(request.vmId(), "RUNNING", WITHIN);
        jobs.delete(request.vmId());
        jobs.awaitStatus(request.vmId(), "DELETED", WITHIN);

        jobs.send(request);
        jobs.send(new VmRequested(UUID.randomUUID(), request.vmId(), request.requestedAt(), request.requestedBy(),
                request.osImage(), request.hostname(), request.cores(), request.memoryMb(), request.diskGb(),
                request.sshPublicKeys(), request.ownerId(), request.courseId(), request.packages()));
        UUID replay = jobs.replay(request.vmId());

        // The commands of a VM are applied in order: once the replay is, so are the two requests before it.
        await().atMost(WITHIN).until(() -> jobs.applied(replay));
        assertThat(jobs.status(request.vmId())).isEqualTo("DELETED");
        assertThat(node.simulator().counters().snapshot().clonesWithMarker("vmservice-id=" + request.vmId())).isEqualTo(1);
        assertThat(jobs.events(request.vmId()).getLast().status()).isEqualTo(VmStatus.DELETED);
    }

    @Test
    void aCloneMadeByAWorkerThatDiedBeforeStoringItsTaskIsFoundByItsMarkerAndNotMadeAgain() {
        UUID vmId = UUID.randomUUID();
        int vmid = lowestFreeVmid();
        // What a worker leaves when it dies right after the clone call: the job at CLONING with its
        // VMID reserved, no UPID, its lease run out — and on Proxmox a clone carrying the marker.
        assertThat(jdbc.sql("update vmid_reservation set vm_id = ? where vmid = ? and vm_id is null").params(vmId, vmid).update())
                .as("VMID %d still free", vmid).isOne();
        // The clone first: a job written first could be claimed and cloned by the live worker before it.
        client.cloneVm(new CloneRequest(new VmRef(SimulatedNode.NODE, 9999), vmid, "ws-crashed", "local-lvm",
                "vmservice-id=" + vmId));
        jdbc.sql("""
                        insert into vm_job (vm_id, status, step, os_image, hostname, cores, memory_mb, disk_gb, ssh_public_keys,
                            owner_id, course_id, requested_by, attempts, last_sequence, version, created_at, updated_at,
                            node, template_vmid, storage, proxmox_vmid, step_started_at, next_attempt_at,
                            lease_owner, lease_expires_at)
                        values (?, 'PROVISIONING', 'CLONING', 'debian-12', 'ws-crashed', 1, 1024, 8, ?, 'alice', 'net-101',
                            'lab-portal', 0, 2, 1, now(), now(), 'pve4', 9999, 'local-lvm', ?, now(), now(),
                            'a-dead-worker', now() - interval '1 second')""")
                .params(vmId, new String[] {Jobs.KEY}, vmid).update();

        jobs.awaitStatus(vmId, "RUNNING", WITHIN);

        assertThat(node.simulator().counters().snapshot().clonesWithMarker("vmservice-id=" + vmId)).isEqualTo(1);
        assertThat(jobs.vmid(vmId)).isEqualTo(vmid);
        assertThat(jobs.history(vmId).getFirst()).as("found done, or waited for while still locked")
                .isIn("CLONE:SKIPPED", "CLONE:SUCCEEDED");
    }

    @Test
    void aVmidHeldBySomebodyElsesVmIsPassedOverAndThatVmLeftAlone() {
        int taken = lowestFreeVmid();
        node.simulator().installTemplate(TemplateSpec.of(taken, "somebody-elses", SimulatedNode.NODE));
        try {
            VmRequested request = jobs.request();
            jobs.awaitStatus(request.vmId(), "RUNNING", WITHIN);

            assertThat(jobs.vmid(request.vmId())).isNotEqualTo(taken);
            assertThat(node.simulator().vmConfig(taken).orElseThrow()).containsEntry("name", "somebody-elses");
        } finally {
            node.simulator().removeVm(taken);
        }
    }

    /**
     * A VM requested and now in its cloud-init step's configuration call, which takes 5 s: time to
     * change its job under the step, even on a stalled machine.
     */
    private VmRequested aRequestInItsCloudInitCall() {
        node.simulator().faults().latencySpikes(Operation.UPDATE_CONFIG, 1.0, Duration.ofSeconds(5));
        VmRequested request = jobs.request();
        await().atMost(WITHIN).pollInterval(Duration.ofMillis(10)).until(() -> jdbc.sql(
                "select step = 'CONFIGURING_CLOUD_INIT' from vm_job where vm_id = ?").param(request.vmId()).query(Boolean.class).optional().orElse(false));
        return request;
    }

    private int lowestFreeVmid() {
        return jdbc.sql("""
                        select min(vmid) from vmid_reservation where vm_id is null and vmid between 100000 and 199999""")
                .query(Integer.class).single();
    }

    @Test
    void whileANodeRefusesConnectionsItsJobsWaitAndRunOnceItIsBack() {
        node.simulator().faults().refuseConnectionsFor(Duration.ofSeconds(3));
        List<UUID> vms = new ArrayList<>();
        for (int i = 0; i < 5; i++) {
            vms.add(jobs.request().vmId());
        }

        jobs.awaitAll(vms, "RUNNING", WITHIN);

        assertThat(jobs.attemptsWithOutcome(vms, "WAITING")).as("steps held back by the open circuit").isPositive();
        assertThat(jobs.attemptsWithOutcome(vms, "FAILED")).isZero();
    }

    @Test
    void aGuestThatReportsNoAddressInTimeLeavesTheVmRunningWithANote() {
        node.simulator().faults().failNext(Operation.AGENT_NETWORK, 100_000, 500, "QEMU guest agent is not running");
        VmRequested request = jobs.request();

        jobs.awaitStatus(request.vmId(), "RUNNING", Duration.ofSeconds(90));

        VmStatusChanged running = jobs.events(request.vmId()).getLast();
        assertThat(running.ipAddresses()).isEmpty();
        assertThat(running.reason()).contains("no IPv4 address on net0 within");
        assertThat(running.status()).isEqualTo(VmStatus.RUNNING);
    }
}
