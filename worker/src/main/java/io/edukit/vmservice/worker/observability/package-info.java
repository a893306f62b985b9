/**
 * What OPS and an orchestrator see of the worker besides its events: gauges read from the
 * database and the broker on a schedule (never on a scrape). The broker's health for readiness
 * comes from the shared {@code kafka-health} module.
 */
@NullMarked
package io.edukit.vmservice.worker.observability;

import org.jspecify.annotations.NullMarked;
