package io.edukit.vmservice.worker.outbox;

import io.edukit.vmservice.worker.support.WorkerTest;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.transaction.support.TransactionTemplate;

import java.util.List;
import java.util.UUID;

import static org.assertj.core.api.Assertions.assertThat;

@WorkerTest
class OutboxPrunerTest {

    @Autowired
    OutboxPruner pruner;
    @Autowired
    JdbcClient jdbc;
    @Autowired
    TransactionTemplate transactions;

    @Test
    void onlySentEventsPastTheirRetentionAreDeleted() {
        UUID vm = UUID.randomUUID();
        UUID oldSent = event(vm, 1, "now() - interval '8 days'", "now() - interval '8 days'");
        UUID recentSent = event(vm, 2, "now() - interval '1 day'", "now() - interval '1 day'");
        // Inserted and pruned in one transaction: the relay cannot send it in between, it is unsent when pruned.
        UUID oldUnsent = transactions.execute(tx -> {
            UUID id = event(vm, 3, "now() - interval '9 days'", "null");
            assertThat(pruner.prune()).isEqualTo(1);
            return id;
        });

        assertThat(jdbc.sql("select event_id from outbox_event where vm_id = ?").param(vm).query(UUID.class).list())
                .containsExactlyInAnyOrderElementsOf(List.of(recentSent, oldUnsent)).doesNotContain(oldSent);
    }

    private UUID event(UUID vm, long sequence, String createdAt, String sentAt) {
        UUID id = UUID.randomUUID();
        jdbc.sql("insert into outbox_event (event_id, vm_id, sequence, payload, occurred_at, created_at, sent_at) "
                        + "values (?, ?, ?, '{}', now(), " + createdAt + ", " + sentAt + ")")
                .params(id, vm, sequence)
                .update();
        return id;
    }
}
