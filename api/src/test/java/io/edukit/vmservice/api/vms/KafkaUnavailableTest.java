package io.edukit.vmservice.api.vms;

import io.edukit.vmservice.api.support.HttpCaller;
import io.edukit.vmservice.api.support.HttpCaller.Response;
import io.edukit.vmservice.api.support.TestIssuer;
import io.edukit.vmservice.testsupport.EmbeddedPostgresInitializer;
import org.junit.jupiter.api.Test;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.test.context.ContextConfiguration;

import java.util.UUID;

import static io.edukit.vmservice.api.vms.VmRequestFixtures.aRequest;
import static org.assertj.core.api.Assertions.assertThat;

/** No broker listens on the configured address: the API must say 503 and store nothing. */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT, properties = {
        "spring.config.name=api",
        "spring.kafka.bootstrap-servers=127.0.0.1:9",
        "vmservice.commands.send-timeout=1500ms",
        "spring.kafka.producer.properties.max.block.ms=1000"
})
@ContextConfiguration(initializers = {EmbeddedPostgresInitializer.class, TestIssuer.Initializer.class})
class KafkaUnavailableTest {

    @LocalServerPort
    int port;

    @Test
    void aRequestKafkaDidNotAcknowledgeIs503AndLeavesNothingBehind() {
        HttpCaller http = HttpCaller.authorized(port);
        String key = UUID.randomUUID().toString();

        Response response = http.post("/api/v1/vms", key, aRequest("heidi"));

        VmIntakeOverHttpTest.assertProblem(response, 503, "command-not-accepted");
        assertThat(response.header("Retry-After")).isEqualTo("5");
        assertThat(http.get("/api/v1/vms?ownerId=heidi").json().get("totalItems").asInt()).isZero();
    }
}
