package io.edukit.vmservice.worker.snippets;

import io.edukit.vmservice.worker.catalog.OsImages;
import io.edukit.vmservice.worker.environment.EnvironmentProperties;
import org.springframework.beans.factory.annotation.Qualifier;
import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

@Configuration(proxyBeanMethods = false)
@EnableConfigurationProperties({SshProperties.class, EnvironmentProperties.class})
class SnippetsConfiguration {

    @Bean(destroyMethod = "close")
    SftpSnippetStore snippetStore(SshProperties properties, EnvironmentProperties environment) {
        return new SftpSnippetStore(properties, environment.environment());
    }

    @Bean
    SnippetStoreHealthIndicator snippetsHealthIndicator(@Qualifier("snippetStore") SnippetStore snippetStore, OsImages images) {
        return new SnippetStoreHealthIndicator(snippetStore, images);
    }

    @Bean
    UserDataRenderer userDataRenderer() {
        return new UserDataRenderer();
    }
}
