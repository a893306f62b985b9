package io.edukit.vmservice.worker.steps;

import io.edukit.vmservice.worker.provisioning.FailureClass;
import io.edukit.vmservice.worker.provisioning.JobStep;
import io.edukit.vmservice.worker.provisioning.StepOutcome;
import io.edukit.vmservice.worker.provisioning.VmJob;
import io.edukit.vmservice.worker.proxmox.GuestInterface;
import io.edukit.vmservice.worker.proxmox.ProxmoxClient;
import io.edukit.vmservice.worker.proxmox.ProxmoxException;
import io.edukit.vmservice.worker.proxmox.ProxmoxProperties;
import io.edukit.vmservice.worker.proxmox.UsualDurations;
import io.edukit.vmservice.worker.proxmox.VmRef;
import org.jspecify.annotations.Nullable;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.dao.DataAccessException;
import org.springframework.stereotype.Component;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Set;

/**
 * Asks the guest agent for the VM's addresses until it reports an IPv4 address on net0's MAC
 * (loopback and link-local left out), for at most {@code vmservice.network-wait} from the step's
 * start — a deadline kept in the job, so a resumed step does not wait afresh. Once a node's
 * guests were seen to answer, the next guest there is first asked around the usual time. While it
 * waits it looks at its job every {@link #CHECK_EVERY} at least, and stops once the job has moved on
 * (a deletion, say), since it writes nothing that would find out sooner. A guest
 * that says nothing in time is still RUNNING: the VM works, only its address is unknown, and a
 * note says so.
 */
@Component
class NetworkStep implements Step {

    private static final Logger log = LoggerFactory.getLogger(NetworkStep.class);
    /** The longest a deletion, say, waits for this step to see that its job moved on. */
    static final Duration CHECK_EVERY = Duration.ofSeconds(5);

    private final ProxmoxClient client;
    private final StepProperties properties;
    private final ProxmoxProperties proxmox;
    private final Clock clock;
    /** How long after this step begins a node's guests usually answer with an address. */
    private final UsualDurations agentAnswers;
    private final Duration checkEvery;

    @Autowired
    NetworkStep(ProxmoxClient client, StepProperties properties, ProxmoxProperties proxmox, Clock clock) {
        this(client, properties, proxmox, clock, new UsualDurations(proxmox.taskPollInitial(), proxmox.taskPollMax()),
                CHECK_EVERY);
    }

    NetworkStep(ProxmoxClient client, StepProperties properties, ProxmoxProperties proxmox, Clock clock,
                UsualDurations agentAnswers, Duration checkEvery) {
        this.client = client;
        this.properties = properties;
        this.proxmox = proxmox;
        this.clock = clock;
        this.agentAnswers = agentAnswers;
        this.checkEvery = checkEvery;
    }

    @Override
    public JobStep name() {
        return JobStep.NETWORK;
    }

    @Override
    public Set<Channel> channels() {
        return Set.of(Channel.API);
    }

    @Override
    public StepOutcome run(StepContext context) {
        VmJob job = context.job();
        VmRef vm = PlacedVm.of(job);
        String mac = client.config(vm).net0Mac().orElse(null);
        Instant started = job.stepStartedAt() == null ? clock.instant() : job.stepStartedAt();
        Instant deadline = started.plus(properties.networkWait());
        String kind = vm.node() + "/guest-agent";
        long lookingSince = System.nanoTime();
        Duration lastSeenWithout = Duration.ZERO;
        Duration grown = proxmox.taskPollInitial();
        // Once the node's guests were seen to answer, the first ask waits for their usual time.
        pause(context, beforeThe(deadline, agentAnswers.pauseSkippingToTheUsualEnd(kind, Duration.ZERO, Duration.ZERO)));
        while (true) {
            Duration looked = Duration.ofNanos(System.nanoTime() - lookingSince);
            List<String> addresses = ipv4Addresses(vm, mac);
            if (!addresses.isEmpty()) {
                agentAnswers.ended(kind, lastSeenWithout, looked);
                return StepOutcome.reachable(addresses);
            }
            lastSeenWithout = looked;
            if (!clock.instant().isBefore(deadline)) {
                return StepOutcome.unreachable("the guest agent reported no IPv4 address on net0 within "
                        + properties.networkWait() + ": the VM runs; check its console or its DHCP lease");
            }
            // Asked to delete the VM meanwhile, say: that must not wait for the guest's deadline.
            stopIfMovedOn(context);
            // Until the guest has booted every look is an error answer, and pveproxy closes the connection after one.
            pause(context, beforeThe(deadline,
                    agentAnswers.pauseSkippingToTheUsualEnd(kind, Duration.ofNanos(System.nanoTime() - lookingSince), grown)));
            grown = UsualDurations.grow(grown, proxmox.taskPollMax());
        }
    }

    /** A pause that looks at the job at least every {@link #checkEvery}, and stops the step if the job moved on. */
    private void pause(StepContext context, Duration pause) {
        long end = System.nanoTime() + pause.toNanos();
        for (long left = pause.toNanos(); left > 0; left = end - System.nanoTime()) {
            Pauses.sleep(Duration.ofNanos(Math.min(left, checkEvery.toNanos())));
            if (end - System.nanoTime() > 0) {
                stopIfMovedOn(context);
            }
        }
    }

    /**
     * Stops the step if its job moved on. A look the database cannot answer is skipped: it is only a
     * look, and the step's end, which must write to the database, finds out anyway.
     */
    private static void stopIfMovedOn(StepContext context) {
        try {
            context.stopIfMovedOn();
        } catch (DataAccessException e) {
            log.debug("Could not look at the job between looks at its guest; going on: {}", e.getMessage());
        }
    }

    /** A pause cut short at the deadline: the last look comes at it, not up to a usual boot time after (a resumed step). */
    private Duration beforeThe(Instant deadline, Duration pause) {
        Duration left = Duration.between(clock.instant(), deadline);
        return left.isNegative() ? Duration.ZERO : pause.compareTo(left) > 0 ? left : pause;
    }

    private List<String> ipv4Addresses(VmRef vm, @Nullable String mac) {
        List<GuestInterface> interfaces;
        try {
            interfaces = client.guestNetworkInterfaces(vm);
        } catch (ProxmoxException e) {
            if (e.failureClass() == FailureClass.NOT_FOUND || e.failureClass() == FailureClass.PERMANENT) {
                throw e;
            }
            // The agent starts with the guest's boot: until then PVE says it is not running.
            log.debug("No answer from the guest agent of {} yet: {}", vm, e.reason());
            return List.of();
        }
        return interfaces.stream()
                .filter(nic -> mac == null ? !"lo".equals(nic.name()) : mac.equalsIgnoreCase(nic.macAddress()))
                .flatMap(nic -> nic.addresses().stream())
                .filter(address -> "ipv4".equalsIgnoreCase(address.type()))
                .map(GuestInterface.IpAddress::address)
                .filter(address -> !address.startsWith("127.") && !address.startsWith("169.254."))
                .toList();
    }
}
