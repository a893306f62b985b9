package io.edukit.vmservice.devstack;

import io.edukit.vmservice.proxmoxsim.ProxmoxSimulator;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;

import java.net.URI;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

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

    @Override
    ProxmoxSimulator proxmox() {
        return stack.proxmox().simulator();
    }

    /** A new user's first minute: the banner's POST, then the banner's GET until the VM is RUNNING with its address. */
    @Test
    void theWelcomesFirstRequestEndsInARunningVmWithAnAddressAtTheAddressItPrints() throws Exception {
        String welcome = stack.welcome();
        assertThat(welcome).contains(stack.apiUrl(), stack.connections().kafkaBootstrapServers(), "Idempotency-Key");

        Matcher post = Pattern.compile("curl -i -X POST (\\S+) \\\\\\n\\s+-H '(Content-Type: [^']+)' -H 'Idempotency-Key: ([^']+)' \\\\\\n\\s+-d '([^']+)'")
                .matcher(welcome);
        assertThat(post.find()).as("the sample POST in:%n%s", welcome).isTrue();
        Matcher get = Pattern.compile("curl -s (\\S+/api/v1/vms/[0-9a-f-]{36})\\n").matcher(welcome);
        assertThat(get.find()).as("the GET that follows the sample VM in:%n%s", welcome).isTrue();
        assertThat(welcome.substring(post.end()).strip()).as("the first request ends with that GET")
                .startsWith("then follow it").contains(get.group(0).strip()).endsWith("Ctrl-C stops everything.");
        assertThat(welcome.indexOf(get.group(0))).isGreaterThan(post.end());

        HttpResponse<String> response = http.send(HttpRequest.newBuilder(URI.create(post.group(1)))
                .header("Content-Type", post.group(2).substring("Content-Type: ".length()))
                .header("Idempotency-Key", post.group(3))
                .POST(HttpRequest.BodyPublishers.ofString(post.group(4))).build(), HttpResponse.BodyHandlers.ofString());
        assertThat(response.statusCode()).as(response.body()).isEqualTo(202);
        assertThat(stack.apiUrl() + response.headers().firstValue("Location").orElseThrow())
                .as("the printed GET names the VM the POST made").isEqualTo(get.group(1));

        String id = get.group(1).substring(get.group(1).lastIndexOf('/') + 1);
        JsonNode vm = awaitStatus(id, "RUNNING", UNTIL_RUNNING);
        assertThat(vm.get("ipAddresses").values()).singleElement()
                .satisfies(address -> assertThat(address.asString()).matches(IPV4));
        assertThat(vm.get("node").asString()).isEqualTo("pve4");
        assertThat(vm.get("proxmoxVmid").isInt()).isTrue();
        assertThat(vm.get("hostname").asString()).isEqualTo("ws-alice-01");
        HttpResponse<String> printedGet = http.send(HttpRequest.newBuilder(URI.create(get.group(1))).build(),
                HttpResponse.BodyHandlers.ofString());
        assertThat(JSON.readTree(printedGet.body()).get("status").asString()).isEqualTo("RUNNING");
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
