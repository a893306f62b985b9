package io.edukit.vmservice.worker.outbox;

import io.edukit.vmservice.schemas.Topics;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.context.SmartLifecycle;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.kafka.core.KafkaTemplate;
import org.springframework.stereotype.Component;
import org.springframework.transaction.event.TransactionalEventListener;
import org.springframework.transaction.support.TransactionTemplate;

import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.Semaphore;
import java.util.concurrent.TimeUnit;

/**
 * Publishes outbox rows to {@link Topics#VM_EVENTS} in id order and marks them sent only after
 * the broker acknowledged them. One replica relays at a time (a PostgreSQL advisory lock held
 * for the batch's transaction), so events of one VM are never sent by two replicas at once and
 * never overtake each other; a crash between send and mark resends the batch (at least once).
 */
@Component
class OutboxRelay implements SmartLifecycle {

    private static final Logger log = LoggerFactory.getLogger(OutboxRelay.class);
    /** Advisory lock id of the relay: the ASCII of "vmoutbox". */
    private static final long RELAY_LOCK = 0x766d6f7574626f78L;

    private final JdbcClient jdbc;
    private final TransactionTemplate transactions;
    private final KafkaTemplate<String, byte[]> kafka;
    private final OutboxProperties properties;
    private final Semaphore wakeUps = new Semaphore(0);
    private volatile boolean running;
    private Thread worker = new Thread(() -> { });

    OutboxRelay(JdbcClient jdbc, TransactionTemplate transactions, KafkaTemplate<String, byte[]> kafka,
                OutboxProperties properties) {
        this.jdbc = jdbc;
        this.transactions = transactions;
        this.kafka = kafka;
        this.properties = properties;
    }

    @TransactionalEventListener
    void onAppended(OutboxAppended appended) {
        wakeUps.release();
    }

    /** Relays one batch; returns how many events were sent, 0 when none was due or another replica relays. */
    int relayBatch() {
        Integer sent = transactions.execute(tx -> {
            if (!Boolean.TRUE.equals(jdbc.sql("select pg_try_advisory_xact_lock(?)").param(RELAY_LOCK)
                    .query(Boolean.class).single())) {
                return 0;
            }
            List<PendingEvent> batch = jdbc.sql("""
                            select id, event_id, vm_id, sequence, payload, occurred_at, trace_parent from outbox_event
                            where sent_at is null order by id limit ?""")
                    .param(properties.batchSize())
                    .query((rs, row) -> new PendingEvent(rs.getLong("id"), rs.getObject("event_id", UUID.class),
                            rs.getObject("vm_id", UUID.class), rs.getLong("sequence"), rs.getString("payload"),
                            rs.getTimestamp("occurred_at").toInstant(), rs.getString("trace_parent")))
                    .list();
            if (batch.isEmpty()) {
                return 0;
            }
            send(batch);
            jdbc.sql("update outbox_event set sent_at = now() where id = any(?)")
                    .param(batch.stream().map(PendingEvent::id).toArray(Long[]::new))
                    .update();
            return batch.size();
        });
        return sent == null ? 0 : sent;
    }

    private void send(List<PendingEvent> batch) {
        List<CompletableFuture<?>> acks = new ArrayList<>(batch.size());
        for (PendingEvent event : batch) {
            acks.add(kafka.send(event.toRecord(Topics.VM_EVENTS)));
        }
        try {
            CompletableFuture.allOf(acks.toArray(CompletableFuture[]::new))
                    .get(properties.sendTimeout().toMillis(), TimeUnit.MILLISECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted while waiting for the broker", e);
        } catch (Exception e) {
            throw new IllegalStateException("the broker did not acknowledge " + batch.size() + " status events", e);
        }
    }

    private void run() {
        while (running) {
            try {
                if (relayBatch() < properties.batchSize()) {
                    wakeUps.tryAcquire(properties.pollInterval().toMillis(), TimeUnit.MILLISECONDS);
                    wakeUps.drainPermits();
                }
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                return;
            } catch (RuntimeException e) {
                log.warn("Outbox relay failed; the batch stays unsent and is retried: {}", e.getMessage());
                sleepQuietly(properties.pollInterval().toMillis());
            }
        }
    }

    private void sleepQuietly(long millis) {
        try {
            Thread.sleep(millis);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    /**
     * Stops last of the worker's own lifecycles: after the step executor, so that the events of
     * steps finishing during its grace period still go out.
     */
    @Override
    public int getPhase() {
        return SmartLifecycle.DEFAULT_PHASE - 2048;
    }

    @Override
    public void start() {
        running = true;
        worker = Thread.ofPlatform().name("outbox-relay").daemon().start(this::run);
    }

    /** Lets the batch under way finish, so that a restart resends nothing. */
    @Override
    public void stop() {
        running = false;
        wakeUps.release();
        try {
            worker.join(properties.sendTimeout().plusSeconds(5).toMillis());
            if (worker.isAlive()) {
                // The batch stays unsent (its transaction rolls back) and is sent after the restart.
                worker.interrupt();
                worker.join(1_000);
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    @Override
    public boolean isRunning() {
        return running;
    }
}
