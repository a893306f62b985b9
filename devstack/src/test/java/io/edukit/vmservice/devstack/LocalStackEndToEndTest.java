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
import java.util.UUID;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import static org.assertj.core.api.Assertions.assertThat;

/** The scenarios on the embedded default: what {@code ./run-local} starts. */
class LocalStackEndToEndTest extends EndToEndScenarios {

    /** The banner's POST, as a user pastes it: URL, token, headers, body. */
    static final Pattern PRINTED_POST = Pattern.compile("""
            curl -i -X POST (\\S+) \\\\
            \\s+-H "Authorization: Bearer ([^"]+)" \\\\
            \\s+-H '(Content-Type: [^']+)' -H 'Idempotency-Key: ([^']+)' \\\\
            \\s+-d '([^']+)'""");
    /** The banner's GET of the sample VM: token, URL. */
    static final Pattern PRINTED_GET = Pattern.compile("curl -s -H \"Authorization: Bearer ([^\"]+)\" (\\S+/api/v1/vms/[0-9a-f-]{36})\\n");

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

    @Override
    LocalIssuer issuer() {
        return stack.issuer();
    }

    /**
     * A new user's first minute: the banner's POST, then the banner's GET until the VM is RUNNING
     * with its address, each sent exactly as printed, its token included.
     */
    @Test
    void theWelcomesFirstRequestEndsInARunningVmWithAnAddressAtTheAddressItPrints() throws Exception {
        String welcome = stack.welcome();
        assertThat(welcome).contains(stack.apiUrl(), stack.connections().kafkaBootstrapServers(), "Idempotency-Key",
                stack.issuer().issuer());

        Matcher post = PRINTED_POST.matcher(welcome);
        assertThat(post.find()).as("the sample POST in:%n%s", welcome).isTrue();
        Matcher get = PRINTED_GET.matcher(welcome);
        assertThat(get.find()).as("the GET that follows the sample VM in:%n%s", welcome).isTrue();
        assertThat(welcome.substring(post.end()).strip()).as("the first request ends with that GET")
                .startsWith("then follow it").contains(get.group(0).strip()).endsWith("Ctrl-C stops everything.");
        assertThat(welcome.indexOf(get.group(0))).isGreaterThan(post.end());
        assertThat(welcome).as("the tokens to keep, the same the commands carry").contains(
                "  REQUEST_TOKEN=" + post.group(2) + "\n", "  READ_TOKEN=" + get.group(1) + "\n",
                "  ADMIN_TOKEN=" + stack.token(LocalIssuer.ADMIN) + "\n");

        HttpResponse<String> response = http.send(HttpRequest.newBuilder(URI.create(post.group(1)))
                .header("Authorization", "Bearer " + post.group(2))
                .header("Content-Type", post.group(3).substring("Content-Type: ".length()))
                .header("Idempotency-Key", post.group(4))
                .POST(HttpRequest.BodyPublishers.ofString(post.group(5))).build(), HttpResponse.BodyHandlers.ofString());
        assertThat(response.statusCode()).as(response.body()).isEqualTo(202);
        assertThat(stack.apiUrl() + response.headers().firstValue("Location").orElseThrow())
                .as("the printed GET names the VM the POST made").isEqualTo(get.group(2));

        String id = get.group(2).substring(get.group(2).lastIndexOf('/') + 1);
        JsonNode vm = awaitStatus(id, "RUNNING", UNTIL_RUNNING);
        assertThat(vm.get("ipAddresses").values()).singleElement()
                .satisfies(address -> assertThat(address.asString()).matches(IPV4));
        assertThat(vm.get("node").asString()).isEqualTo("pve4");
        assertThat(vm.get("proxmoxVmid").isInt()).isTrue();
        assertThat(vm.get("hostname").asString()).isEqualTo("ws-alice-01");
        HttpResponse<String> printedGet = http.send(HttpRequest.newBuilder(URI.create(get.group(2)))
                .header("Authorization", "Bearer " + get.group(1)).build(), HttpResponse.BodyHandlers.ofString());
        assertThat(JSON.readTree(printedGet.body()).get("status").asString()).isEqualTo("RUNNING");
    }

    /** Each printed token opens what its scope opens, and only that. */
    @Test
    void theWelcomesTokensEachOpenTheirScope() throws Exception {
        assertThat(status("GET", "/api/v1/os-images", stack.token(LocalIssuer.READ))).isEqualTo(200);
        assertThat(status("GET", "/api/v1/os-images", stack.token(LocalIssuer.REQUEST))).isEqualTo(403);
        assertThat(status("DELETE", "/api/v1/vms/" + UUID.randomUUID(), stack.token(LocalIssuer.REQUEST)))
                .as("let in, and there is no such VM").isEqualTo(404);
        assertThat(status("GET", "/api/v1/admin/failed-jobs", stack.token(LocalIssuer.ADMIN)))
                .as("let in: the OPS list of failed jobs").isEqualTo(200);
        assertThat(status("GET", "/api/v1/admin/failed-jobs", stack.token(LocalIssuer.READ))).isEqualTo(403);
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

    private int status(String method, String path, String token) throws Exception {
        return http.send(HttpRequest.newBuilder(URI.create(stack.apiUrl() + path))
                        .method(method, HttpRequest.BodyPublishers.noBody()).header("Authorization", "Bearer " + token).build(),
                HttpResponse.BodyHandlers.discarding()).statusCode();
    }
}
