package io.edukit.vmservice.worker.execution;

import io.edukit.vmservice.worker.proxmox.ProxmoxClient;
import io.edukit.vmservice.worker.snippets.SnippetStore;
import org.springframework.beans.factory.annotation.Qualifier;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.context.annotation.Primary;

/** Every call to a node, from a step, a task poll or a health check, goes through that node's circuit. */
@Configuration(proxyBeanMethods = false)
class ExecutionConfiguration {

    @Bean
    @Primary
    ProxmoxClient guardedProxmoxClient(@Qualifier("proxmoxClient") ProxmoxClient proxmoxClient, NodeCircuits circuits) {
        return new GuardedProxmoxClient(proxmoxClient, circuits);
    }

    @Bean
    @Primary
    SnippetStore guardedSnippetStore(@Qualifier("snippetStore") SnippetStore snippetStore, NodeCircuits circuits) {
        return new GuardedSnippetStore(snippetStore, circuits);
    }
}
