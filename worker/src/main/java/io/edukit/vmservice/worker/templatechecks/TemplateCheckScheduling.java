package io.edukit.vmservice.worker.templatechecks;

import org.springframework.context.annotation.Configuration;
import org.springframework.scheduling.annotation.SchedulingConfigurer;
import org.springframework.scheduling.config.ScheduledTaskRegistrar;

/** Looks for open template checks every {@code vmservice.template-checks.poll-interval}. */
@Configuration(proxyBeanMethods = false)
class TemplateCheckScheduling implements SchedulingConfigurer {

    private final TemplateCheckPoller poller;
    private final TemplateCheckProperties properties;

    TemplateCheckScheduling(TemplateCheckPoller poller, TemplateCheckProperties properties) {
        this.poller = poller;
        this.properties = properties;
    }

    @Override
    public void configureTasks(ScheduledTaskRegistrar registrar) {
        registrar.addFixedDelayTask(poller::pollOnce, properties.pollInterval());
    }
}
