package io.edukit.vmservice.api.security;

import io.edukit.vmservice.api.support.HttpCaller;
import io.edukit.vmservice.api.support.HttpCaller.Response;
import io.edukit.vmservice.api.support.TestIssuer;
import io.edukit.vmservice.testsupport.EmbeddedPostgresInitializer;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.test.context.ContextConfiguration;
import org.springframework.test.context.TestPropertySource;

import static io.edukit.vmservice.api.support.ProblemAssertions.assertProblem;
import static org.assertj.core.api.Assertions.assertThat;

/**
 * While the issuer cannot be reached, a token can be neither accepted nor refused: the caller
 * hears 503 with a problem detail and when to retry, not a 500 and not a 401 it would act upon.
 * Nothing listens on port 9 of the loopback, so every fetch is refused at once.
 */
class AnUnreachableIssuerTest {

    @Nested
    @TestPropertySource(properties = "spring.security.oauth2.resourceserver.jwt.issuer-uri=http://127.0.0.1:9/realms/edukit")
    class WhoseDiscoveryDocumentCannotBeFetched extends Calls {
    }

    @Nested
    @TestPropertySource(properties = {
            "spring.security.oauth2.resourceserver.jwt.issuer-uri=" + TestIssuer.ISSUER,
            "spring.security.oauth2.resourceserver.jwt.jwk-set-uri=http://127.0.0.1:9/realms/edukit/certs"})
    class WhoseKeysCannotBeFetched extends Calls {
    }

    @SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT, properties = {
            "spring.config.name=api", "spring.kafka.bootstrap-servers=127.0.0.1:9"})
    @ContextConfiguration(initializers = EmbeddedPostgresInitializer.class)
    abstract static class Calls {

        @LocalServerPort
        int port;

        @Test
        void aCallWithATokenIsAnswered503WithWhenToRetry() {
            Response response = HttpCaller.authorized(port).get("/api/v1/vms?ownerId=anyone");

            assertProblem(response, 503, "token-uncheckable");
            assertThat(response.header("Retry-After")).isEqualTo("5");
            assertThat(response.json().get("detail").asString()).contains("issuer").contains("retry");
        }

        @Test
        void aCallWithoutATokenIsStill401AndHealthStaysOpen() {
            assertProblem(HttpCaller.withoutToken(port).get("/api/v1/vms"), 401, "unauthorized");
            assertThat(HttpCaller.withoutToken(port).get("/actuator/health/liveness").status()).isEqualTo(200);
        }
    }
}
