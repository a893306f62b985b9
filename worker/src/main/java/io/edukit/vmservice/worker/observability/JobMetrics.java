package io.edukit.vmservice.worker.observability;

import io.edukit.vmservice.schemas.VmStatus;
import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Component;

import java.util.EnumMap;
import java.util.Map;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.atomic.AtomicReference;

/**
 * The jobs and the outbox as the database holds them, shared by every replica (so every replica
 * reports the same values: aggregate with {@code max}, not {@code sum}):
 * <ul>
 * <li>{@value #JOBS} — jobs per {@code status}, every status listed;</li>
 * <li>{@value #STUCK} — jobs REQUESTED, PROVISIONING or DELETING that have not changed
 *     ({@code vm_job.updated_at}) for {@code vmservice.stuck-after};</li>
 * <li>{@value #OUTBOX_LAG} — age in seconds of the oldest event not yet relayed, 0 when none waits;</li>
 * <li>{@value #OUTBOX_PENDING} — events not yet relayed.</li>
 * </ul>
 */
@Component
class JobMetrics implements RefreshedGauges {

    static final String JOBS = "vmservice.jobs";
    static final String STUCK = "vmservice.jobs.stuck";
    static final String OUTBOX_LAG = "vmservice.outbox.lag";
    static final String OUTBOX_PENDING = "vmservice.outbox.pending";

    private final JdbcClient jdbc;
    private final ObservabilityProperties properties;
    private final Map<VmStatus, AtomicLong> byStatus = new EnumMap<>(VmStatus.class);
    private final AtomicLong stuck = new AtomicLong();
    private final AtomicReference<Double> outboxLag = new AtomicReference<>(0.0);
    private final AtomicLong outboxPending = new AtomicLong();

    JobMetrics(JdbcClient jdbc, ObservabilityProperties properties, MeterRegistry registry) {
        this.jdbc = jdbc;
        this.properties = properties;
        for (VmStatus status : VmStatus.values()) {
            AtomicLong count = new AtomicLong();
            byStatus.put(status, count);
            Gauge.builder(JOBS, count, AtomicLong::get).description("Jobs by status").tag("status", status.name())
                    .register(registry);
        }
        Gauge.builder(STUCK, stuck, AtomicLong::get)
                .description("Jobs in progress that have not changed for vmservice.stuck-after")
                .register(registry);
        Gauge.builder(OUTBOX_LAG, outboxLag, AtomicReference::get).baseUnit("seconds")
                .description("Age of the oldest status event not yet relayed to Kafka")
                .register(registry);
        Gauge.builder(OUTBOX_PENDING, outboxPending, AtomicLong::get)
                .description("Status events not yet relayed to Kafka")
                .register(registry);
    }

    @Override
    public void refresh() {
        Map<VmStatus, Long> counts = new EnumMap<>(VmStatus.class);
        long[] stuckNow = {0};
        jdbc.sql("""
                        select status, count(*),
                               count(*) filter (where status in ('REQUESTED', 'PROVISIONING', 'DELETING')
                                                  and updated_at < now() - ?::interval)
                        from vm_job group by status""")
                .param(properties.stuckAfter().toMillis() + " milliseconds")
                .query(rs -> {
                    counts.put(VmStatus.valueOf(rs.getString(1)), rs.getLong(2));
                    stuckNow[0] += rs.getLong(3);
                });
        byStatus.forEach((status, count) -> count.set(counts.getOrDefault(status, 0L)));
        stuck.set(stuckNow[0]);
        jdbc.sql("""
                        select count(*),
                               coalesce(extract(epoch from now() - (select created_at from outbox_event
                                                                    where sent_at is null order by id limit 1)), 0)
                        from outbox_event where sent_at is null""")
                .query(rs -> {
                    outboxPending.set(rs.getLong(1));
                    outboxLag.set(Math.max(0.0, rs.getDouble(2)));
                });
    }
}
