package io.edukit.vmservice.worker.observability;

/**
 * Gauges whose values cost a query: read every {@code vmservice.metrics.refresh-interval} by
 * {@link ObservabilityConfiguration}, so that a scrape only reads what the last pass found. A
 * pass that fails keeps the last values and logs why.
 */
public interface RefreshedGauges {

    void refresh();
}
