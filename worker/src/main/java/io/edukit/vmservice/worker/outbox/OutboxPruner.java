package io.edukit.vmservice.worker.outbox;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.scheduling.annotation.Scheduled;
import org.springframework.stereotype.Component;

/**
 * Deletes sent events once their retention has passed, in small batches so that no delete holds
 * many rows locked. Unsent events are never touched. Every replica may prune: deleting a row
 * twice is harmless.
 */
@Component
class OutboxPruner {

    private static final Logger log = LoggerFactory.getLogger(OutboxPruner.class);
    private static final int BATCH = 5_000;

    private final JdbcClient jdbc;
    private final OutboxProperties properties;

    OutboxPruner(JdbcClient jdbc, OutboxProperties properties) {
        this.jdbc = jdbc;
        this.properties = properties;
    }

    @Scheduled(fixedDelayString = "${vmservice.outbox.prune-every:10m}", initialDelayString = "${vmservice.outbox.prune-every:10m}")
    void pruneOnSchedule() {
        try {
            prune();
        } catch (RuntimeException e) {
            log.warn("Could not prune the outbox; trying again later: {}", e.toString());
        }
    }

    /** @return how many sent events were deleted */
    int prune() {
        int deleted = 0;
        int batch;
        do {
            batch = jdbc.sql("""
                            delete from outbox_event where id in (
                                select id from outbox_event
                                where sent_at is not null and sent_at < now() - ?::interval
                                limit ?)""")
                    .params(properties.retention().toMillis() + " milliseconds", BATCH)
                    .update();
            deleted += batch;
        } while (batch == BATCH);
        if (deleted > 0) {
            log.info("Pruned {} sent outbox events older than {}", deleted, properties.retention());
        }
        return deleted;
    }
}
