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
                "no space left on local-lvm", 5, true, List.of(), 4, 7, NOW, NOW));

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
}
