package io.edukit.vmservice.worker.proxmox;

import io.edukit.vmservice.worker.catalog.OsImages;
import io.edukit.vmservice.worker.environment.EnvironmentProperties;
import org.apache.hc.client5.http.config.ConnectionConfig;
import org.apache.hc.client5.http.impl.classic.CloseableHttpClient;
import org.apache.hc.client5.http.impl.classic.HttpClients;
import org.apache.hc.client5.http.impl.io.PoolingHttpClientConnectionManagerBuilder;
import org.apache.hc.core5.util.Timeout;
import org.springframework.beans.factory.annotation.Qualifier;
import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.http.client.HttpComponentsClientHttpRequestFactory;
import org.springframework.web.client.RestClient;

@Configuration(proxyBeanMethods = false)
@EnableConfigurationProperties({ProxmoxProperties.class, EnvironmentProperties.class})
class ProxmoxConfiguration {

    /** Pooled, with the TLS rules applied: this fails the start when they are broken. */
    @Bean(destroyMethod = "close")
    CloseableHttpClient proxmoxHttpClient(ProxmoxProperties properties, EnvironmentProperties environment) {
        return HttpClients.custom()
                .setConnectionManager(PoolingHttpClientConnectionManagerBuilder.create()
                        .setTlsSocketStrategy(ProxmoxTls.strategy(properties, environment.environment()))
                        .setDefaultConnectionConfig(ConnectionConfig.custom()
                                .setConnectTimeout(Timeout.of(properties.connectTimeout()))
                                .setSocketTimeout(Timeout.of(properties.readTimeout()))
                                .build())
                        .setMaxConnTotal(properties.maxConnections())
                        .setMaxConnPerRoute(properties.maxConnections())
                        .build())
                // Retrying is the step executor's decision, made with the failure's class.
                .disableAutomaticRetries()
                // The API token goes in every request's header: there is no ticket cookie to keep.
                .disableCookieManagement()
                .build();
    }

    @Bean
    ProxmoxClient proxmoxClient(CloseableHttpClient proxmoxHttpClient, ProxmoxProperties properties) {
        RestClient rest = RestClient.builder()
                .requestFactory(new HttpComponentsClientHttpRequestFactory(proxmoxHttpClient))
                .build();
        return new RestProxmoxClient(rest, properties.baseUrl(),
                ApiToken.from(properties.tokenId(), properties.tokenSecret(), properties.tokenSecretFile()));
    }

    @Bean
    TaskWaiter taskWaiter(ProxmoxClient proxmoxClient, ProxmoxProperties properties) {
        return new TaskWaiter(proxmoxClient, properties.taskPollInitial(), properties.taskPollMax(), properties.taskTimeout(),
                pause -> Thread.sleep(pause));
    }

    @Bean
    TemplateInspector templateInspector(ProxmoxClient proxmoxClient) {
        return new TemplateInspector(proxmoxClient);
    }

    /** Health reports what the node says now, even while the executor's circuit keeps jobs off it. */
    @Bean
    ProxmoxHealthIndicator proxmoxHealthIndicator(@Qualifier("proxmoxClient") ProxmoxClient proxmoxClient, OsImages images) {
        return new ProxmoxHealthIndicator(proxmoxClient, new TemplateInspector(proxmoxClient), images);
    }
}
