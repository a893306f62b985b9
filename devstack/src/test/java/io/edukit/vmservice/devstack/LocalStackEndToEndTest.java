package io.edukit.vmservice.devstack;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import java.net.URI;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;

/** The scenarios on the embedded default: what {@code ./run-local} starts. */
class LocalStackEndToEndTest extends EndToEndScenarios {

    static DevStack stack;

    @BeforeAll
    static void startStack() {
        stack = DevStack.start(0, 0, Map.of());
    }

    @AfterAll
    static void stopStack() {
        stack.close();
    }

    @Override
    String apiUrl() {
        return stack.apiUrl();
    }

    @Override
    Connections connections() {
        return stack.connections();
    }

    @Test
    void theWelcomeNamesTheAddressesAndAFirstRequestThatWorks() throws Exception {
        String welcome = stack.welcome();

        assertThat(welcome).contains(stack.apiUrl(), stack.connections().kafkaBootstrapServers(), "Idempotency-Key");
        String body = welcome.substring(welcome.indexOf("-d '") + 4, welcome.indexOf("'", welcome.indexOf("-d '") + 4));
        HttpResponse<String> response = http.send(HttpRequest.newBuilder(URI.create(stack.apiUrl() + "/api/v1/vms"))
                .header("Content-Type", "application/json").header("Idempotency-Key", "welcome-sample")
                .POST(HttpRequest.BodyPublishers.ofString(body)).build(), HttpResponse.BodyHandlers.ofString());
        assertThat(response.statusCode()).isEqualTo(202);
    }

    @Test
    void bothApplicationsReportHealthyAndTheWorkerReachesTheSimulatedNode() throws Exception {
        for (String health : new String[]{stack.apiUrl() + "/actuator/health", stack.workerUrl() + "/actuator/health",
                stack.workerUrl() + "/actuator/health/proxmox", stack.workerUrl() + "/actuator/health/snippets"}) {
            HttpResponse<String> answer = http.send(HttpRequest.newBuilder(URI.create(health)).build(),
                    HttpResponse.BodyHandlers.ofString());
            assertThat(answer.body()).as(health).contains("\"status\":\"UP\"");
        }
    }
}
