package io.edukit.vmservice.api.security;

import io.edukit.vmservice.api.support.ApiTestWithoutKafka;
import io.edukit.vmservice.api.support.HttpCaller;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.TestConfiguration;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.context.annotation.Bean;
import org.springframework.security.oauth2.jwt.Jwt;
import org.springframework.security.oauth2.jwt.JwtDecoder;
import org.springframework.test.context.TestPropertySource;

import java.time.Instant;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The API's filter chain checks a token with the issuer's decoder once, and takes it again
 * unchecked ({@link VerifiedTokens}) within {@code vmservice.security.token-cache.max-age}.
 */
class TokensCheckedOnceTest {

    @Nested
    class ByDefault extends Calls {

        @Test
        void aTokenIsCheckedOnceAndEachNewTokenAgain() {
            callTwice("token-a");
            callTwice("token-b");

            assertThat(issuer.checked).containsExactly("token-a", "token-b");
        }
    }

    @Nested
    @TestPropertySource(properties = "vmservice.security.token-cache.max-age=0s")
    class WithTheCacheOff extends Calls {

        @Test
        void everyCallIsChecked() {
            callTwice("token-a");

            assertThat(issuer.checked).containsExactly("token-a", "token-a");
        }
    }

    @ApiTestWithoutKafka
    abstract static class Calls {

        @LocalServerPort
        int port;

        @Autowired
        CountingIssuer issuer;

        @BeforeEach
        void forgetEarlierChecks() {
            issuer.checked.clear();
        }

        void callTwice(String token) {
            for (int i = 0; i < 2; i++) {
                assertThat(HttpCaller.withToken(port, token).get("/api/v1/os-images").status()).isEqualTo(200);
            }
        }

        @TestConfiguration
        static class Issuer {

            /** Stands in for the issuer's decoder (Boot's backs off): every token is good for a minute, with vm:read. */
            @Bean
            CountingIssuer countingIssuer() {
                return new CountingIssuer();
            }
        }
    }

    static final class CountingIssuer implements JwtDecoder {

        final List<String> checked = new CopyOnWriteArrayList<>();

        @Override
        public Jwt decode(String token) {
            checked.add(token);
            Instant now = Instant.now();
            return Jwt.withTokenValue(token).header("alg", "ES256").subject("portal").claim("scope", "vm:read")
                    .issuedAt(now).expiresAt(now.plusSeconds(60)).build();
        }
    }
}
