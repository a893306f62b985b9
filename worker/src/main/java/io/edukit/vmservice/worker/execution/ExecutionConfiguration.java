package io.edukit.vmservice.worker.execution;

import io.edukit.vmservice.worker.proxmox.ProxmoxClient;
import io.edukit.vmservice.worker.snippets.SnippetStore;
import org.springframework.beans.factory.annotation.Qualifier;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.context.annotation.Primary;

/**
 * Every call to a node from a step or a task poll goes through that node's circuit. The health
 * check and the template checks take the raw client by its name: they report what the node says
 * now, even while its circuit keeps jobs off it.
 */
@Configuration(proxyBeanMethods = false)
class ExecutionConfiguration {

    @Bean
    ReplicaName replicaName(ExecutorProperties properties) {
        return ReplicaName.of(properties.executor().workerId());
    }

    @Bean
    @Primary
    ProxmoxClient guardedProxmoxClient(@Qualifier("proxmoxClient") ProxmoxClient proxmoxClient, NodeCircuits circuits,
                                       ExecutorProperties properties) {
        return new GuardedProxmoxClient(proxmoxClient, circuits, properties.retry());
    }

    @Bean
    @Primary
    SnippetStore guardedSnippetStore(@Qualifier("snippetStore") SnippetStore snippetStore, NodeCircuits circuits) {
        return new GuardedSnippetStore(snippetStore, circuits);
    }
}
