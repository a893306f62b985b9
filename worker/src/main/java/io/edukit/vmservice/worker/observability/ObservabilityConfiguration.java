package io.edukit.vmservice.worker.observability;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.context.annotation.Configuration;
import org.springframework.scheduling.annotation.SchedulingConfigurer;
import org.springframework.scheduling.config.ScheduledTaskRegistrar;

import java.util.HashSet;
import java.util.Set;

/** Reads every {@link RefreshedGauges} at start-up and then every {@code vmservice.metrics.refresh-interval}. */
@Configuration(proxyBeanMethods = false)
class ObservabilityConfiguration implements SchedulingConfigurer {

    private static final Logger log = LoggerFactory.getLogger(ObservabilityConfiguration.class);

    private final ObjectProvider<RefreshedGauges> gauges;
    private final ObservabilityProperties properties;
    private final Set<RefreshedGauges> failing = new HashSet<>();

    ObservabilityConfiguration(ObjectProvider<RefreshedGauges> gauges, ObservabilityProperties properties) {
        this.gauges = gauges;
        this.properties = properties;
    }

    @Override
    public void configureTasks(ScheduledTaskRegistrar registrar) {
        gauges.orderedStream().forEach(gauge ->
                registrar.addFixedDelayTask(() -> refresh(gauge), properties.metrics().refreshInterval()));
    }

    private void refresh(RefreshedGauges gauge) {
        try {
            gauge.refresh();
            if (remove(gauge)) {
                log.info("{} read again", gauge.getClass().getSimpleName());
            }
        } catch (RuntimeException e) {
            // Once per outage, not at every pass: the gauges keep their last values meanwhile.
            if (add(gauge)) {
                log.warn("{} could not be read; keeping the last values: {}", gauge.getClass().getSimpleName(), e.toString());
            } else {
                log.debug("{} still cannot be read: {}", gauge.getClass().getSimpleName(), e.toString());
            }
        }
    }

    private synchronized boolean add(RefreshedGauges gauge) {
        return failing.add(gauge);
    }

    private synchronized boolean remove(RefreshedGauges gauge) {
        return failing.remove(gauge);
    }
}
