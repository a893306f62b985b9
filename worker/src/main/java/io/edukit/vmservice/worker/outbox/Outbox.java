package io.edukit.vmservice.worker.outbox;

import io.edukit.vmservice.schemas.MessageCodec;
import io.edukit.vmservice.schemas.VmStatusChanged;
import io.edukit.vmservice.worker.tracing.TraceContexts;
import org.springframework.context.ApplicationEventPublisher;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Component;
import org.springframework.transaction.annotation.Propagation;
import org.springframework.transaction.annotation.Transactional;

import java.nio.charset.StandardCharsets;
import java.sql.Timestamp;
import java.util.List;
import java.util.UUID;

/** Writes status events into the outbox, in the transaction of the change they describe. */
@Component
public class Outbox {

    private final JdbcClient jdbc;
    private final MessageCodec codec;
    private final ApplicationEventPublisher publisher;
    private final TraceContexts traces;

    Outbox(JdbcClient jdbc, MessageCodec codec, ApplicationEventPublisher publisher, TraceContexts traces) {
        this.jdbc = jdbc;
        this.codec = codec;
        this.publisher = publisher;
        this.traces = traces;
    }

    @Transactional(propagation = Propagation.MANDATORY)
    public void append(List<VmStatusChanged> events) {
        String traceparent = traces.current();
        for (VmStatusChanged event : events) {
            jdbc.sql("""
                            insert into outbox_event (event_id, vm_id, sequence, payload, occurred_at, trace_parent)
                            values (?, ?, ?, ?, ?, ?)""")
                    .params(UUID.randomUUID(), event.vmId(), event.sequence(),
                            new String(codec.encode(event), StandardCharsets.UTF_8), Timestamp.from(event.occurredAt()),
                            traceparent)
                    .update();
        }
        if (!events.isEmpty()) {
            publisher.publishEvent(new OutboxAppended(events.size()));
        }
    }
}
