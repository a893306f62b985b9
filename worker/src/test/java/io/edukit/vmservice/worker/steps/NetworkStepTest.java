package io.edukit.vmservice.worker.steps;

import io.edukit.vmservice.schemas.ProvisioningStep;
import io.edukit.vmservice.schemas.VmStatus;
import io.edukit.vmservice.worker.provisioning.Placement;
import io.edukit.vmservice.worker.provisioning.StepOutcome;
import io.edukit.vmservice.worker.provisioning.VmId;
import io.edukit.vmservice.worker.provisioning.VmJob;
import io.edukit.vmservice.worker.provisioning.VmSpec;
import io.edukit.vmservice.worker.proxmox.GuestInterface;
import io.edukit.vmservice.worker.proxmox.ProxmoxClient;
import io.edukit.vmservice.worker.proxmox.ProxmoxProperties;
import io.edukit.vmservice.worker.proxmox.UsualDurations;
import io.edukit.vmservice.worker.proxmox.VmConfig;
import io.edukit.vmservice.worker.proxmox.VmRef;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.dao.DataAccessResourceFailureException;

import java.net.URI;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.UUID;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Consumer;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.mockito.Mockito.mock;
import static org.mockito.Mockito.never;
import static org.mockito.Mockito.times;
import static org.mockito.Mockito.verify;
import static org.mockito.Mockito.when;

/** The network step's deadline, against a guest agent that answers as each test wants. */
class NetworkStepTest {

    static final Duration NETWORK_WAIT = Duration.ofSeconds(30);
    static final VmRef VM = new VmRef("pve4", 100017);
    static final String MAC = "bc:24:11:2a:3b:4c";
    static final Duration USUAL_BOOT = Duration.ofSeconds(20);
    static final Duration CHECK_EVERY = Duration.ofMillis(100);

    ProxmoxClient proxmox = mock(ProxmoxClient.class);
    UsualDurations agentAnswers = new UsualDurations(Duration.ofMillis(50), Duration.ofMillis(500));
    NetworkStep step = new NetworkStep(proxmox,
            new StepProperties("100000-199999", NETWORK_WAIT, "student", "local", List.of("edukit"), Duration.ofSeconds(10)),
            new ProxmoxProperties(URI.create("https://pve4.lab:8006/api2/json"), "vmservice@pve!worker", null, null, true,
                    null, Duration.ofSeconds(5), Duration.ofSeconds(30), 8, Duration.ofMinutes(15),
                    Duration.ofMillis(50), Duration.ofMillis(500)),
            Clock.systemUTC(), agentAnswers, CHECK_EVERY);

    @BeforeEach
    void aGuestWithAnAgent() {
        when(proxmox.config(VM)).thenReturn(new VmConfig("ws-alice-01", null, false, null, "1", null, null, null,
                "virtio=" + MAC.toUpperCase() + ",bridge=vmbr0", null, 2, 2048, null));
    }

    @Test
    void aStepResumedPastItsDeadlineLooksOnceAtOnceAndEndsWithANote() {
        Resumed resumed = resumedWithoutAnAddress(Duration.ofSeconds(-5));

        assertThat(resumed.took()).as("not the guests' usual 20 s after").isLessThan(Duration.ofSeconds(10));
        verify(proxmox, times(1)).guestNetworkInterfaces(VM);
        assertThat(resumed.outcome().addresses()).isEmpty();
        assertThat(resumed.outcome().note()).contains("no IPv4 address on net0 within " + NETWORK_WAIT);
    }

    @Test
    void aStepResumedShortlyBeforeItsDeadlineLooksLastAtTheDeadline() {
        Resumed resumed = resumedWithoutAnAddress(Duration.ofSeconds(2));

        assertThat(resumed.took()).as("about the 2 s left, not the guests' usual 20 s")
                .isBetween(Duration.ofMillis(1900), Duration.ofSeconds(10));
        assertThat(resumed.outcome().note()).contains("within " + NETWORK_WAIT);
    }

    @Test
    void aLookAtTheJobThatTheDatabaseCannotAnswerLeavesTheStepWaitingForItsGuest() {
        guestsOnTheNodeUsuallyAnswerAfter(Duration.ofMillis(500));
        when(proxmox.guestNetworkInterfaces(VM)).thenReturn(List.of(), List.of(
                new GuestInterface("eth0", MAC, List.of(new GuestInterface.IpAddress("ipv4", "10.20.0.17", 24)))));
        AtomicInteger checks = new AtomicInteger();

        StepOutcome outcome = step.run(new NetworkStepOf(job(Instant.now()), () -> {
            checks.incrementAndGet();
            throw new DataAccessResourceFailureException("Connection to localhost:5432 refused");
        }));

        assertThat(checks).as("looked at, in the pauses and between the looks at the guest").hasValueGreaterThan(1);
        assertThat(outcome.addresses()).containsExactly("10.20.0.17");
    }

    @Test
    void theAddressIsTheGuestsIpv4AddressOnNet0() {
        when(proxmox.guestNetworkInterfaces(VM)).thenReturn(List.of(
                new GuestInterface("lo", "00:00:00:00:00:00", List.of(new GuestInterface.IpAddress("ipv4", "127.0.0.1", 8))),
                new GuestInterface("eth0", MAC, List.of(new GuestInterface.IpAddress("ipv4", "169.254.3.4", 16),
                        new GuestInterface.IpAddress("ipv6", "fe80::1", 64), new GuestInterface.IpAddress("ipv4", "10.20.0.17", 24)))));

        StepOutcome outcome = step.run(new NetworkStepOf(job(Instant.now())));

        assertThat(outcome.addresses()).containsExactly("10.20.0.17");
    }

    @Test
    void aStepWhoseJobMovesOnWhileTheGuestHasNoAddressEndsThenNotAtItsDeadline() {
        when(proxmox.guestNetworkInterfaces(VM)).thenReturn(List.of());
        long began = System.nanoTime();

        assertThatThrownBy(() -> step.run(deletedAtItsCheck(2))).isInstanceOf(StepCancelledException.class);

        assertThat(Duration.ofNanos(System.nanoTime() - began)).as("not the %s deadline", NETWORK_WAIT).isLessThan(Duration.ofSeconds(10));
        verify(proxmox, times(2)).guestNetworkInterfaces(VM);
    }

    @Test
    void aStepWhoseJobMovesOnBeforeTheGuestsUsualBootTimeEndsWithoutWaitingForIt() {
        guestsOnTheNodeUsuallyAnswerAfter(USUAL_BOOT);
        long began = System.nanoTime();

        assertThatThrownBy(() -> step.run(deletedAtItsCheck(3))).isInstanceOf(StepCancelledException.class);

        assertThat(Duration.ofNanos(System.nanoTime() - began)).as("three checks %s apart, not the usual %s boot", CHECK_EVERY, USUAL_BOOT)
                .isBetween(CHECK_EVERY.multipliedBy(3), Duration.ofSeconds(5));
        verify(proxmox, never()).guestNetworkInterfaces(VM);
    }

    /** A step begun now whose job is found deleted at its {@code n}th look at it. */
    private static NetworkStepOf deletedAtItsCheck(int n) {
        AtomicInteger checks = new AtomicInteger();
        return new NetworkStepOf(job(Instant.now()), () -> {
            if (checks.incrementAndGet() == n) {
                throw new StepCancelledException("the job is DELETING now, no longer at NETWORK");
            }
        });
    }

    /** A step resumed with {@code left} to its deadline (negative: past it), on a node whose guests answer in 20 s, for a guest that never does. */
    private Resumed resumedWithoutAnAddress(Duration left) {
        guestsOnTheNodeUsuallyAnswerAfter(USUAL_BOOT);
        when(proxmox.guestNetworkInterfaces(VM)).thenReturn(List.of());
        long began = System.nanoTime();
        StepOutcome outcome = step.run(new NetworkStepOf(job(Instant.now().minus(NETWORK_WAIT).plus(left))));
        return new Resumed(outcome, Duration.ofNanos(System.nanoTime() - began));
    }

    private record Resumed(StepOutcome outcome, Duration took) {
    }

    private void guestsOnTheNodeUsuallyAnswerAfter(Duration boot) {
        agentAnswers.ended("pve4/guest-agent", Duration.ZERO, boot);
    }

    private static VmJob job(Instant networkStepStarted) {
        VmSpec spec = new VmSpec("debian-12", "ws-alice-01", 2, 2048, 20, List.of("ssh-ed25519 AAAA"), "alice", "net-101",
                "lab-portal", List.of());
        return VmJob.restore(new VmJob.Snapshot(new VmId(UUID.randomUUID()), spec, VmStatus.PROVISIONING,
                ProvisioningStep.WAITING_FOR_NETWORK, null, 0, null, List.of(), 5, 5, networkStepStarted, networkStepStarted,
                new Placement("pve4", 9999, "local-lvm"), VM.vmid(), null, false, networkStepStarted, null, null));
    }

    /** The network step writes nothing of its own: the runner records its outcome. */
    private record NetworkStepOf(VmJob job, Runnable movedOnCheck) implements StepContext {

        NetworkStepOf(VmJob job) {
            this(job, () -> {
            });
        }

        @Override
        public void stopIfMovedOn() {
            movedOnCheck.run();
        }

        @Override
        public VmJob record(Consumer<VmJob> change) {
            throw new UnsupportedOperationException("the network step records nothing");
        }

        @Override
        public VmJob takeCloneSlot() {
            throw new UnsupportedOperationException("the network step takes no clone slot");
        }
    }
}
