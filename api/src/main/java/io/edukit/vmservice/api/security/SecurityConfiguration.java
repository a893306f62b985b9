package io.edukit.vmservice.api.security;

import jakarta.servlet.DispatcherType;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.beans.factory.annotation.Qualifier;
import org.springframework.boot.security.oauth2.server.resource.autoconfigure.OAuth2ResourceServerProperties;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.security.config.annotation.web.builders.HttpSecurity;
import org.springframework.security.config.annotation.web.configurers.AbstractHttpConfigurer;
import org.springframework.security.config.http.SessionCreationPolicy;
import org.springframework.security.oauth2.jwt.JwtDecoder;
import org.springframework.security.web.SecurityFilterChain;
import org.springframework.web.servlet.HandlerExceptionResolver;

import java.time.Clock;
import java.util.Arrays;

/**
 * The API as an OAuth2 resource server. Boot builds the {@link JwtDecoder} from
 * {@code spring.security.oauth2.resourceserver.jwt.*} (the issuer's discovery document, or its JWK
 * set); this chain decides what each token may do: health and the OpenAPI document are open,
 * {@link AccessRules} gives each endpoint its scope, anything else needs a valid token. No
 * sessions, no cookies, so no CSRF tokens either.
 */
@Configuration(proxyBeanMethods = false)
class SecurityConfiguration {

    static final String NO_ISSUER = "The API trusts no token issuer: set spring.security.oauth2.resourceserver.jwt.issuer-uri"
            + " (env SPRING_SECURITY_OAUTH2_RESOURCESERVER_JWT_ISSUERURI) to the issuer's URL, or jwk-set-uri to its JWK set";

    @Bean
    SecurityFilterChain apiSecurity(HttpSecurity http, ObjectProvider<JwtDecoder> decoders, SecurityProperties properties,
                                    OAuth2ResourceServerProperties resourceServer,
                                    @Qualifier("handlerExceptionResolver") HandlerExceptionResolver mvc) {
        JwtDecoder decoder = decoders.getIfAvailable();
        if (decoder == null) {
            throw new IllegalStateException(NO_ISSUER);
        }
        SecurityProblems problems = new SecurityProblems(mvc);
        String issuer = resourceServer.getJwt().getIssuerUri();
        http.csrf(AbstractHttpConfigurer::disable)
                .sessionManagement(sessions -> sessions.sessionCreationPolicy(SessionCreationPolicy.STATELESS))
                .requestCache(AbstractHttpConfigurer::disable)
                .authorizeHttpRequests(requests -> {
                    // An error rendered for a request that was let in; an error dispatch carries no data of its own.
                    requests.dispatcherTypeMatchers(DispatcherType.ERROR).permitAll();
                    requests.requestMatchers(AccessRules.OPEN).permitAll();
                    AccessRules.RULES.forEach(rule -> requests.requestMatchers(rule.matcher()).hasAuthority(rule.scope().authority()));
                    requests.requestMatchers(AccessRules.API).denyAll();
                    requests.anyRequest().authenticated();
                })
                .oauth2ResourceServer(server -> server
                        .withObjectPostProcessor(problems.forTokensThatCannotBeChecked())
                        .jwt(jwt -> jwt.decoder(new VerifiedTokens(IssuerOutages.surfacedBy(decoder),
                                        properties.tokenCache().maxAge(), properties.tokenCache().maxTokens(), Clock.systemUTC()))
                                .jwtAuthenticationConverter(new CallerAuthenticationConverter(properties.callerClaim())))
                        .authenticationEntryPoint(problems)
                        .accessDeniedHandler(problems)
                        .protectedResourceMetadata(metadata -> metadata.protectedResourceMetadataCustomizer(resource -> {
                            resource.resourceName("VmService API").tlsClientCertificateBoundAccessTokens(false)
                                    .scopes(scopes -> scopes.addAll(Arrays.stream(ApiScope.values()).map(ApiScope::value).toList()));
                            if (issuer != null) {
                                resource.authorizationServer(issuer);
                            }
                        })))
                .exceptionHandling(exceptions -> exceptions.authenticationEntryPoint(problems).accessDeniedHandler(problems));
        return http.build();
    }
}
