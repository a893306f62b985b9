package io.edukit.vmservice.api.vms;

import io.edukit.vmservice.api.support.ApiTestWithoutKafka;
import io.edukit.vmservice.api.support.HttpCaller;
import io.edukit.vmservice.api.support.HttpCaller.Response;
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
    }
}
