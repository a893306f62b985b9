package io.edukit.vmservice.worker.provisioning;

import io.edukit.vmservice.schemas.VmStatus;
import io.edukit.vmservice.schemas.VmStatusChanged;
import org.junit.jupiter.api.Test;

import java.time.Instant;
import java.util.List;
import java.util.UUID;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class VmJobTest {

    static final Instant NOW = Instant.parse("2026-11-23T09:00:00Z");

    static VmJob aRequestedJob() {
        return VmJob.requested(new VmId(UUID.randomUUID()),
                new VmSpec("debian-12", "ws-alice-01", 2, 2048, 20, List.of("ssh-ed25519 AAAA"), "alice", "net-101", "lab-portal", List.of()),
                NOW);
    }

    @Test
    void aRequestedJobIsAnnouncedAsTheFirstEventOfItsVm() {
        VmJob job = aRequestedJob();

        List<VmStatusChanged> events = job.pullEvents();

        assertThat(events).singleElement().satisfies(event -> {
            assertThat(event.status()).isEqualTo(VmStatus.REQUESTED);
            assertThat(event.previousStatus()).isNull();
            assertThat(event.sequence()).isEqualTo(1);
            assertThat(event.vmId()).isEqualTo(job.id().value());
            assertThat(event.hostname()).isEqualTo("ws-alice-01");
            assertThat(event.occurredAt()).isEqualTo(NOW);
        });
        assertThat(job.pullEvents()).as("events are handed out once").isEmpty();
    }

    @Test
    void deletionMovesToDeletingOnceAndAskingAgainChangesNothing() {
        VmJob job = aRequestedJob();
        job.pullEvents();

        job.requestDeletion(NOW.plusSeconds(5));
        job.requestDeletion(NOW.plusSeconds(6));

        assertThat(job.status()).isEqualTo(VmStatus.DELETING);
        assertThat(job.pullEvents()).singleElement().satisfies(event -> {
            assertThat(event.status()).isEqualTo(VmStatus.DELETING);
            assertThat(event.previousStatus()).isEqualTo(VmStatus.REQUESTED);
            assertThat(event.sequence()).isEqualTo(2);
        });
    }

    @Test
    void onlyAFailedJobCanBeReplayed() {
        VmJob job = aRequestedJob();

        assertThatThrownBy(() -> job.replay(NOW))
                .isInstanceOf(IllegalTransitionException.class)
                .hasMessageContaining("is REQUESTED: cannot replay");
    }

    @Test
    void aReplayedJobProvisionsAgainFromItsFailedStepWithFreshAttempts() {
        VmJob failed = VmJob.restore(new VmJob.Snapshot(new VmId(UUID.randomUUID()),
                aRequestedJob().snapshot().spec(), VmStatus.FAILED, io.edukit.vmservice.schemas.ProvisioningStep.RESIZING_DISK,
                "no space left on local-lvm", 5, true, List.of(), 4, 7, NOW, NOW,
                new Placement("pve4", 9999, "local-lvm"), 100017, null, false, NOW, "no space left on local-lvm", null));

        failed.replay(NOW.plusSeconds(60));

        assertThat(failed.pullEvents()).singleElement().satisfies(event -> {
            assertThat(event.status()).isEqualTo(VmStatus.PROVISIONING);
            assertThat(event.previousStatus()).isEqualTo(VmStatus.FAILED);
            assertThat(event.step()).isEqualTo(io.edukit.vmservice.schemas.ProvisioningStep.RESIZING_DISK);
            assertThat(event.attempts()).isZero();
            assertThat(event.reason()).isNull();
            assertThat(event.sequence()).isEqualTo(5);
        });
    }

    static final Placement PVE4 = new Placement("pve4", 9999, "local-lvm");

    /** A job taken up by the executor and placed, its clone under way. */
    static VmJob aCloningJob() {
        VmJob job = aRequestedJob();
        job.place(PVE4);
        job.begin(NOW);
        job.useVmid(100017);
        job.pullEvents();
        return job;
    }

    @Test
    void provisioningAnnouncesEveryStepThenRunningWithWhereTheVmIsAndItsAddresses() {
        VmJob job = aRequestedJob();
        job.place(PVE4);
        job.begin(NOW);
        job.useVmid(100017);
        for (JobStep step : List.of(JobStep.CLONE, JobStep.CLOUD_INIT, JobStep.RESIZE, JobStep.START)) {
            job.stepSucceeded(step, NOW.plusSeconds(1));
        }
        job.running(List.of("10.0.0.17"), null, NOW.plusSeconds(2));

        List<VmStatusChanged> events = job.pullEvents();
        assertThat(events).extracting(VmStatusChanged::step).containsExactly(null,
                io.edukit.vmservice.schemas.ProvisioningStep.CLONING,
                io.edukit.vmservice.schemas.ProvisioningStep.CONFIGURING_CLOUD_INIT,
                io.edukit.vmservice.schemas.ProvisioningStep.RESIZING_DISK,
                io.edukit.vmservice.schemas.ProvisioningStep.STARTING,
                io.edukit.vmservice.schemas.ProvisioningStep.WAITING_FOR_NETWORK, null);
        assertThat(events).extracting(VmStatusChanged::sequence).containsExactly(1L, 2L, 3L, 4L, 5L, 6L, 7L);
        assertThat(events.getLast()).satisfies(running -> {
            assertThat(running.status()).isEqualTo(VmStatus.RUNNING);
            assertThat(running.node()).isEqualTo("pve4");
            assertThat(running.proxmoxVmid()).isEqualTo(100017);
            assertThat(running.ipAddresses()).containsExactly("10.0.0.17");
            assertThat(running.reason()).isNull();
        });
        assertThat(job.pendingStep()).isNull();
    }

    @Test
    void aStepCannotBeCompletedOutOfOrder() {
        VmJob job = aCloningJob();

        assertThatThrownBy(() -> job.stepSucceeded(JobStep.RESIZE, NOW))
                .isInstanceOf(IllegalTransitionException.class).hasMessageContaining("the job is at CLONE");
    }

    @Test
    void aTransientFailureIsRetriedUntilTheLimitThenFailsRetryable() {
        VmJob job = aCloningJob();

        assertThat(job.stepFailed(JobStep.CLONE, FailureClass.TRANSIENT, "VM is locked (clone)", 3, NOW)).isTrue();
        assertThat(job.stepFailed(JobStep.CLONE, FailureClass.TRANSIENT, "VM is locked (clone)", 3, NOW)).isTrue();
        assertThat(job.pullEvents()).as("a retry is no transition").isEmpty();
        assertThat(job.stepFailed(JobStep.CLONE, FailureClass.TRANSIENT, "VM is locked (clone)", 3, NOW)).isFalse();

        assertThat(job.status()).isEqualTo(VmStatus.FAILED);
        assertThat(job.pullEvents()).singleElement().satisfies(failed -> {
            assertThat(failed.step()).isEqualTo(io.edukit.vmservice.schemas.ProvisioningStep.CLONING);
            assertThat(failed.attempts()).isEqualTo(3);
            assertThat(failed.retryable()).isTrue();
            assertThat(failed.reason()).isEqualTo("gave up after 3 attempts: VM is locked (clone)");
        });
    }

    @Test
    void aCloneSlotIsHeldUntilTheCloneStepEnds() {
        VmJob job = aCloningJob();
        job.takeCloneSlot();
        job.taskStarted("UPID:pve4:clone");

        assertThat(job.stepFailed(JobStep.CLONE, FailureClass.TRANSIENT, "task status poll timed out", 8, NOW)).isTrue();
        assertThat(job.holdsCloneSlot()).as("its clone task may still run").isTrue();

        job.stepSucceeded(JobStep.CLONE, NOW);
        assertThat(job.holdsCloneSlot()).isFalse();
    }

    @Test
    void aFailedAttemptWithoutACloneTaskGivesItsSlotBack() {
        VmJob retried = aCloningJob();
        retried.takeCloneSlot();
        assertThat(retried.stepFailed(JobStep.CLONE, FailureClass.TRANSIENT, "596 Connection timed out", 8, NOW)).isTrue();
        assertThat(retried.holdsCloneSlot()).isFalse();

        VmJob failed = aCloningJob();
        failed.takeCloneSlot();
        failed.taskStarted("UPID:pve4:clone");
        assertThat(failed.stepFailed(JobStep.CLONE, FailureClass.PERMANENT, "no space left", 8, NOW)).isFalse();
        assertThat(failed.holdsCloneSlot()).isFalse();
    }

    @Test
    void aJobDeletedWhileItsCloneMayRunHoldsItsSlotUntilTheDeletionWaitedForTheClone() {
        VmJob copying = aCloningJob();
        copying.takeCloneSlot();
        copying.taskStarted("UPID:pve4:clone");
        copying.requestDeletion(NOW);
        assertThat(copying.holdsCloneSlot()).as("its clone task may run").isTrue();
        assertThat(copying.stepFailed(JobStep.DELETE, FailureClass.TRANSIENT, "clone lock still held", 8, NOW)).isTrue();
        assertThat(copying.holdsCloneSlot()).as("a deletion tried again still waits for the clone").isTrue();
        copying.cloneSettled();
        assertThat(copying.holdsCloneSlot()).as("the deletion waited for the clone").isFalse();

        VmJob calling = aCloningJob();
        calling.takeCloneSlot();
        calling.requestDeletion(NOW);
        assertThat(calling.holdsCloneSlot()).as("its clone call may have started a clone").isTrue();
        calling.deleted(NOW);
        assertThat(calling.holdsCloneSlot()).as("a deleted job holds nothing").isFalse();

        VmJob notYet = aCloningJob();
        notYet.requestDeletion(NOW);
        assertThat(notYet.holdsCloneSlot()).isFalse();

        VmJob pastItsClone = aCloningJob();
        pastItsClone.takeCloneSlot();
        pastItsClone.taskStarted("UPID:pve4:clone");
        pastItsClone.stepSucceeded(JobStep.CLONE, NOW);
        pastItsClone.taskStarted("UPID:pve4:qmconfig");
        pastItsClone.requestDeletion(NOW);
        assertThat(pastItsClone.holdsCloneSlot()).isFalse();

        VmJob givenUp = aCloningJob();
        givenUp.takeCloneSlot();
        givenUp.requestDeletion(NOW);
        assertThat(givenUp.stepFailed(JobStep.DELETE, FailureClass.PERMANENT, "permission denied", 8, NOW)).isFalse();
        assertThat(givenUp.holdsCloneSlot()).as("a FAILED job holds nothing").isFalse();
    }

    @Test
    void aCloneNotStartedGivesBackASlotHeldWithoutAClone() {
        VmJob notStarted = aCloningJob();
        notStarted.takeCloneSlot();
        notStarted.cloneNotStarted();
        assertThat(notStarted.holdsCloneSlot()).isFalse();

        VmJob started = aCloningJob();
        started.takeCloneSlot();
        started.taskStarted("UPID:pve4:clone");
        started.cloneNotStarted();
        assertThat(started.holdsCloneSlot()).as("its clone task may run").isTrue();
    }

    @Test
    void onlyADeletionGivesBackASlotForASettledClone() {
        VmJob cloning = aCloningJob();
        cloning.takeCloneSlot();

        assertThatThrownBy(cloning::cloneSettled).isInstanceOf(IllegalTransitionException.class);
    }

    @Test
    void onlyAPlacedJobAtItsCloneTakesACloneSlot() {
        VmJob unplaced = aRequestedJob();
        unplaced.begin(NOW);
        assertThatThrownBy(unplaced::takeCloneSlot).isInstanceOf(IllegalStateException.class);

        VmJob resizing = aCloningJob();
        resizing.stepSucceeded(JobStep.CLONE, NOW);
        resizing.stepSucceeded(JobStep.CLOUD_INIT, NOW);
        assertThatThrownBy(resizing::takeCloneSlot).isInstanceOf(IllegalTransitionException.class);
    }

    @Test
    void aPermanentFailureFailsAtOnceNotRetryable() {
        VmJob job = aCloningJob();

        assertThat(job.stepFailed(JobStep.CLONE, FailureClass.PERMANENT, "template 9999 does not exist", 8, NOW)).isFalse();

        assertThat(job.pullEvents()).singleElement().satisfies(failed -> {
            assertThat(failed.status()).isEqualTo(VmStatus.FAILED);
            assertThat(failed.retryable()).isFalse();
            assertThat(failed.attempts()).isEqualTo(1);
            assertThat(failed.reason()).isEqualTo("template 9999 does not exist");
        });
    }

    @Test
    void aVmWithoutAnAddressInTimeRunsWithANote() {
        VmJob job = aCloningJob();
        for (JobStep step : List.of(JobStep.CLONE, JobStep.CLOUD_INIT, JobStep.RESIZE, JobStep.START)) {
            job.stepSucceeded(step, NOW);
        }
        job.pullEvents();

        job.running(List.of(), "no IPv4 address within 5m", NOW);

        assertThat(job.pullEvents()).singleElement().satisfies(running -> {
            assertThat(running.status()).isEqualTo(VmStatus.RUNNING);
            assertThat(running.ipAddresses()).isEmpty();
            assertThat(running.reason()).isEqualTo("no IPv4 address within 5m");
        });
    }

    @Test
    void deletingInTheMiddleOfProvisioningEndsItsStepsAndAFailedDeletionIsReplayedAsADeletion() {
        VmJob job = aCloningJob();
        job.requestDeletion(NOW);

        assertThat(job.pendingStep()).isEqualTo(JobStep.DELETE);
        assertThatThrownBy(() -> job.stepSucceeded(JobStep.CLONE, NOW)).isInstanceOf(IllegalTransitionException.class);
        assertThat(job.stepFailed(JobStep.DELETE, FailureClass.PERMANENT, "permission denied", 8, NOW)).isFalse();
        assertThat(job.status()).isEqualTo(VmStatus.FAILED);

        job.replay(NOW);
        assertThat(job.status()).isEqualTo(VmStatus.DELETING);
        job.deleted(NOW);

        assertThat(job.pullEvents()).extracting(VmStatusChanged::status).containsExactly(
                VmStatus.DELETING, VmStatus.FAILED, VmStatus.DELETING, VmStatus.DELETED);
    }
}
