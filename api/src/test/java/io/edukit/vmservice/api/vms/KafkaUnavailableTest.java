package io.edukit.vmservice.api.vms;

import io.edukit.vmservice.api.support.ApiTestWithoutKafka;
import io.edukit.vmservice.api.support.HttpCaller;
import io.edukit.vmservice.api.support.HttpCaller.Response;
import io.edukit.vmservice.api.support.TestIssuer;
import org.junit.jupiter.api.Test;
import org.springframework.boot.test.web.server.LocalServerPort;

import java.util.UUID;

import static io.edukit.vmservice.api.vms.VmRequestFixtures.aRequest;
import static org.assertj.core.api.Assertions.assertThat;

/** No broker listens on the configured address: the API must say 503 and store nothing. */
@ApiTestWithoutKafka
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
        assertThat(HttpCaller.withToken(port, TestIssuer.token(TestIssuer.CALLER, "vm:metrics")).get("/actuator/prometheus").body())
                .as("the wait on Kafka is measured")
                .containsPattern("vmservice_commands_publish_seconds_count\\{.*command=\"VmRequested\".*outcome=\"timeout\".*} 1");
    }

    @Test
    void withoutKafkaTheApiIsAliveButNotReadySoTrafficGoesElsewhere() {
        HttpCaller anyone = HttpCaller.withoutToken(port);

        assertThat(anyone.get("/actuator/health/liveness").status()).isEqualTo(200);
        assertThat(anyone.get("/actuator/health/readiness").status()).isEqualTo(503);
        assertThat(anyone.get("/actuator/health/readiness").json().get("status").asString()).isEqualTo("DOWN");
    }
}
