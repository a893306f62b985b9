package io.edukit.vmservice.api.security;

import org.junit.jupiter.api.Test;
import org.springframework.boot.autoconfigure.AutoConfigurations;
import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.boot.security.autoconfigure.SecurityAutoConfiguration;
import org.springframework.boot.security.autoconfigure.web.servlet.ServletWebSecurityAutoConfiguration;
import org.springframework.boot.security.oauth2.server.resource.autoconfigure.servlet.OAuth2ResourceServerAutoConfiguration;
import org.springframework.boot.test.context.runner.WebApplicationContextRunner;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.context.annotation.Import;
import org.springframework.web.servlet.HandlerExceptionResolver;

import static org.assertj.core.api.Assertions.assertThat;

/** An API that trusts no issuer would refuse every call: it refuses to start instead, saying what to set. */
class WithoutAnIssuerTheApiDoesNotStartTest {

    final WebApplicationContextRunner api = new WebApplicationContextRunner()
            .withConfiguration(AutoConfigurations.of(SecurityAutoConfiguration.class, ServletWebSecurityAutoConfiguration.class,
                    OAuth2ResourceServerAutoConfiguration.class))
            .withUserConfiguration(Security.class);

    @Test
    void withoutIssuerUriOrJwkSetUriStartUpFailsNamingTheSetting() {
        api.run(context -> assertThat(context).getFailure().rootCause()
                .isInstanceOf(IllegalStateException.class)
                .hasMessageContaining("spring.security.oauth2.resourceserver.jwt.issuer-uri"));
    }

    @Test
    void withAnIssuerItStarts() {
        api.withPropertyValues("spring.security.oauth2.resourceserver.jwt.issuer-uri=https://login.example.com/realms/edukit")
                .run(context -> assertThat(context).hasNotFailed());
    }

    @Configuration(proxyBeanMethods = false)
    @EnableConfigurationProperties(SecurityProperties.class)
    @Import(SecurityConfiguration.class)
    static class Security {
        @Bean
        HandlerExceptionResolver handlerExceptionResolver() {
            return (request, response, handler, exception) -> null;
        }
    }
}
