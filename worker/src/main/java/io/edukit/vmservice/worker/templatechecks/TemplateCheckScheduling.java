package io.edukit.vmservice.worker.templatechecks;

import io.edukit.vmservice.worker.execution.ExecutorProperties;
import org.springframework.context.annotation.Configuration;
import org.springframework.scheduling.annotation.SchedulingConfigurer;
import org.springframework.scheduling.config.ScheduledTaskRegistrar;

/**
 * Looks for open template checks every {@code vmservice.template-checks.poll-interval} — on a
 * replica that runs steps only: one with {@code vmservice.executor.enabled=false} talks to no node
 * (it may not even reach one), and would fail every check it took.
 */
@Configuration(proxyBeanMethods = false)
class TemplateCheckScheduling implements SchedulingConfigurer {

    private final TemplateCheckPoller poller;
    private final TemplateCheckProperties properties;
    private final boolean talksToNodes;

    TemplateCheckScheduling(TemplateCheckPoller poller, TemplateCheckProperties properties, ExecutorProperties executor) {
        this.poller = poller;
        this.properties = properties;
        this.talksToNodes = executor.executor().enabled();
    }

    @Override
    public void configureTasks(ScheduledTaskRegistrar registrar) {
        if (talksToNodes) {
            registrar.addFixedDelayTask(poller::pollOnce, properties.pollInterval());
        }
    }
}
