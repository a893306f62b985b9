package io.edukit.vmservice.worker.execution;

import io.edukit.vmservice.worker.provisioning.JobsScheduled;
import io.edukit.vmservice.worker.provisioning.PlacementPolicy;
import io.edukit.vmservice.worker.provisioning.VmId;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.context.SmartLifecycle;
import org.springframework.stereotype.Component;
import org.springframework.transaction.event.TransactionalEventListener;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.Semaphore;
import java.util.concurrent.TimeUnit;

/**
 * This replica's share of the work: claims due jobs from PostgreSQL as it has room, runs each on
 * a thread of its own, renews the leases of the jobs it runs, and on shutdown lets running steps
 * finish for a grace period before it hands the rest back. A replica that dies without that
 * loses its leases when they expire; the others take its jobs up then.
 */
@Component
class StepExecutor implements SmartLifecycle {

    /** Below the Kafka listener containers' phase; the outbox relay's is lower still. */
    static final int PHASE = SmartLifecycle.DEFAULT_PHASE - 1024;

    private static final Logger log = LoggerFactory.getLogger(StepExecutor.class);

    private final JobQueue queue;
    private final JobRunner runner;
    private final NodeCircuits circuits;
    private final ExecutorProperties properties;
    private final PlacementPolicy placementPolicy;
    private final Clock clock;
    private final String owner;
    private final Semaphore room;
    /** A node's clone slots, and as many jobs ready to take them the moment one is freed (template checked, VMID reserved). */
    private final int atClonePerNode;
    private final Semaphore wakeUps = new Semaphore(0);
    private final Set<VmId> inFlight = ConcurrentHashMap.newKeySet();
    private volatile boolean running;
    private volatile boolean stopping;
    /** When the claim loop last went round, a claim made or failed: liveness watches it. */
    private volatile Instant lastPass = Instant.EPOCH;
    private ExecutorService jobs = jobThreads();
    private Thread claimer;
    private Thread heartbeat;

    StepExecutor(JobQueue queue, JobRunner runner, NodeCircuits circuits, ExecutorProperties properties, ReplicaName replica,
                 Clock clock) {
        this.queue = queue;
        this.runner = runner;
        this.circuits = circuits;
        this.properties = properties;
        this.clock = clock;
        this.placementPolicy = new PlacementPolicy(properties.nodeWeights());
        this.owner = replica.value();
        this.room = new Semaphore(properties.executor().concurrency());
        this.atClonePerNode = 2 * properties.maxConcurrentClonesPerNode();
    }

    /**
     * Platform threads, as many as jobs run at once: the operating system shares the cores among
     * them. Virtual threads are not preempted, and on as many carriers as cores a job's wake-up
     * (the poll that sees its clone done) waited behind other jobs' work: 250 ms in lab-start's
     * intake, with its clone slot idle all that time.
     */
    private static ExecutorService jobThreads() {
        return Executors.newThreadPerTaskExecutor(Thread.ofPlatform().name("job-", 1).factory());
    }

    @TransactionalEventListener
    void onScheduled(JobsScheduled scheduled) {
        wakeUps.release();
    }

    /** A clone step ended: its node takes another job at the clone step. */
    @TransactionalEventListener
    void onCloneSlotFreed(CloneSlotFreed freed) {
        wakeUps.release();
    }

    /** When the claim loop last went round; {@link Instant#EPOCH} before its first pass. */
    Instant lastPass() {
        return lastPass;
    }

    /** Jobs this replica runs now. */
    int jobsInFlight() {
        return inFlight.size();
    }

    @Override
    public void start() {
        stopping = false;
        running = true;
        lastPass = clock.instant();
        jobs = jobThreads();
        claimer = Thread.ofPlatform().name("step-executor-claims").daemon().start(this::claimLoop);
        heartbeat = Thread.ofPlatform().name("step-executor-leases").daemon().start(this::renewLoop);
        log.info("Step executor {} started: {} jobs at once, lease {}", owner, properties.executor().concurrency(),
                properties.executor().lease());
    }

    @Override
    public void stop() {
        if (!running) {
            return;
        }
        stopping = true;
        wakeUps.release();
        claimer.interrupt();
        try {
            // A claim under way commits first: its jobs are then handed back below, not left leased.
            claimer.join(properties.executor().pollInterval().multipliedBy(20).toMillis());
            jobs.shutdown();
            if (!jobs.awaitTermination(properties.executor().shutdownGrace().toMillis(), TimeUnit.MILLISECONDS)) {
                log.info("Step executor {}: {} job(s) still running after the grace period; interrupting them",
                        owner, inFlight.size());
                jobs.shutdownNow();
                jobs.awaitTermination(5, TimeUnit.SECONDS);
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
        running = false;
        heartbeat.interrupt();
        try {
            // A start that follows must not find the old renewer still running.
            heartbeat.join(Duration.ofSeconds(5));
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
        // A job whose thread did not end is left to its lease: handing it back would let another replica run it alongside.
        int handedBack = queue.releaseAll(owner, Set.copyOf(inFlight));
        log.info("Step executor {} stopped; {} job(s) handed back", owner, handedBack);
    }

    @Override
    public boolean isAutoStartup() {
        return properties.executor().enabled();
    }

    @Override
    public boolean isRunning() {
        return running;
    }

    /**
     * Stops after the command listeners (no new work comes in while steps finish) and before the
     * outbox relay, which publishes the events of the steps that finish during the grace period.
     */
    @Override
    public int getPhase() {
        return PHASE;
    }

    private void claimLoop() {
        while (!stopping) {
            try {
                int free = room.availablePermits();
                List<JobQueue.Claimed> claimed = free == 0 ? List.of() : queue.claim(owner, properties.executor().lease(), free,
                        atClonePerNode, placementPolicy, circuits::available);
                claimed.forEach(this::launch);
                lastPass = clock.instant();
                if (claimed.size() < free || free == 0) {
                    wakeUps.tryAcquire(properties.executor().pollInterval().toMillis(), TimeUnit.MILLISECONDS);
                    wakeUps.drainPermits();
                }
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                return;
            } catch (RuntimeException e) {
                log.warn("Step executor {} could not claim work: {}", owner, e.toString());
                // The loop is alive: a database away is readiness's business, not a reason to restart.
                lastPass = clock.instant();
                pause(properties.executor().pollInterval().multipliedBy(4));
            }
        }
    }

    private void launch(JobQueue.Claimed job) {
        VmId id = job.id();
        if (stopping || !inFlight.add(id)) {
            // Stopping, or its last run here has not finished forgetting it: the job is due again at once.
            queue.release(owner, id, Duration.ZERO);
            return;
        }
        room.acquireUninterruptibly();
        try {
            jobs.execute(() -> {
                Optional<Duration> handBack = Optional.empty();
                try {
                    handBack = runner.run(owner, id, job.traceparent(), () -> stopping);
                } finally {
                    inFlight.remove(id);
                    room.release();
                    handBack.ifPresent(delay -> handBack(id, delay));
                    // A finished job frees room, and maybe room at its node's clone step: look for work at once.
                    wakeUps.release();
                }
            });
        } catch (RejectedExecutionException e) {
            inFlight.remove(id);
            room.release();
            queue.release(owner, id, Duration.ZERO);
        }
    }

    private void handBack(VmId id, Duration delay) {
        try {
            queue.release(owner, id, delay);
        } catch (RuntimeException e) {
            log.warn("Step executor {} could not hand VM {} back; its lease runs out instead: {}", owner, id, e.toString());
        }
    }

    private void renewLoop() {
        Duration every = properties.executor().lease().dividedBy(3);
        while (running) {
            pause(every);
            try {
                int held = queue.renew(owner, Set.copyOf(inFlight), properties.executor().lease());
                if (held < inFlight.size()) {
                    log.debug("Step executor {} holds {} of its {} running jobs' leases", owner, held, inFlight.size());
                }
            } catch (RuntimeException e) {
                log.warn("Step executor {} could not renew its leases: {}", owner, e.toString());
            }
        }
    }

    private static void pause(Duration duration) {
        try {
            Thread.sleep(duration);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
