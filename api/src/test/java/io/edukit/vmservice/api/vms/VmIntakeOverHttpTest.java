package io.edukit.vmservice.api.vms;

import io.edukit.vmservice.api.support.ApiTest;
import io.edukit.vmservice.api.support.HttpCaller;
import io.edukit.vmservice.api.support.ProblemAssertions;
import io.edukit.vmservice.api.support.HttpCaller.Response;
import io.edukit.vmservice.api.support.TestIssuer;
import io.edukit.vmservice.schemas.MessageCodec;
import io.edukit.vmservice.schemas.Topics;
import io.edukit.vmservice.schemas.VmCommand;
import io.edukit.vmservice.schemas.VmDeletionRequested;
import io.edukit.vmservice.schemas.VmRequested;
import io.edukit.vmservice.testsupport.KafkaProbe;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import io.micrometer.core.instrument.MeterRegistry;
import org.apache.kafka.common.header.Header;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.kafka.test.EmbeddedKafkaBroker;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.jdbc.core.simple.JdbcClient;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;
import java.util.UUID;

import static io.edukit.vmservice.api.vms.VmRequestFixtures.STUDENT_KEY;
import static io.edukit.vmservice.api.vms.VmRequestFixtures.aRequest;
import static org.assertj.core.api.Assertions.assertThat;

@ApiTest
class VmIntakeOverHttpTest {

    @LocalServerPort
    int port;
    /** This context's own broker: another context's @EmbeddedKafka rewrites the global broker.getBrokersAsString() property. */
    @Autowired
    EmbeddedKafkaBroker broker;
    @Autowired
    MessageCodec codec;
    @Autowired
    JdbcClient jdbc;

    static final JsonMapper JSON = JsonMapper.builder().build();

    HttpCaller http;
    KafkaProbe commands;

    @BeforeEach
    void connect() {
        http = HttpCaller.authorized(port);
        commands = new KafkaProbe(broker.getBrokersAsString(), Topics.COMMANDS);
    }

    @AfterEach
    void disconnect() {
        commands.close();
    }

    @Test
    void aRequestIsAcceptedWithItsLocationAndPublishedAsVmRequestedKeyedByVmId() {
        Response response = http.post("/api/v1/vms", UUID.randomUUID().toString(), aRequest("alice"));

        assertThat(response.status()).isEqualTo(202);
        String id = response.json().get("id").asString();
        assertThat(response.header("Location")).isEqualTo("/api/v1/vms/" + id);
        assertThat(response.json().get("status").asString()).isEqualTo("REQUESTED");

        ConsumerRecord<String, byte[]> record = commandFor(id);
        VmRequested command = (VmRequested) codec.decodeCommand(record.value());
        assertThat(command.vmId()).hasToString(id);
        assertThat(command.hostname()).isEqualTo("ws-alice");
        assertThat(command.sshPublicKeys()).containsExactly(STUDENT_KEY);
        assertThat(command.requestedBy()).as("the caller the token names").isEqualTo(TestIssuer.CALLER);
        assertThat(command.packages()).containsExactly("git");
    }

    @Test
    void theCommandCarriesTheTraceOfTheRequestThatPublishedIt() {
        String traceId = "4bf92f3577b34da6a3ce929d0e0e4736";
        String id = http.withHeader("traceparent", "00-" + traceId + "-00f067aa0ba902b7-01")
                .post("/api/v1/vms", UUID.randomUUID().toString(), aRequest("judy")).json().get("id").asString();

        Header traceparent = commandFor(id).headers().lastHeader("traceparent");

        assertThat(traceparent).as("a W3C traceparent header on the command").isNotNull();
        assertThat(new String(traceparent.value(), StandardCharsets.US_ASCII))
                .as("the same trace, a span of its own").matches("00-" + traceId + "-[0-9a-f]{16}-01")
                .doesNotContain("00f067aa0ba902b7");
    }

    @Test
    void metricsAreScrapedNotPushedToACollectorThatMayNotBeThere(@Autowired List<MeterRegistry> registries) {
        assertThat(registries).extracting(registry -> registry.getClass().getSimpleName())
                .contains("PrometheusMeterRegistry")
                .doesNotContain("OtlpMeterRegistry");
    }

    @Test
    void theWaitOnKafkaAndEveryCallAreMeasuredForTheScraper() {
        assertThat(http.post("/api/v1/vms", UUID.randomUUID().toString(), aRequest("ivan")).status()).isEqualTo(202);

        String scraped = HttpCaller.withToken(port, TestIssuer.token(TestIssuer.CALLER, "vm:metrics")).get("/actuator/prometheus").body();

        assertThat(scraped)
                .containsPattern("vmservice_commands_publish_seconds_count\\{.*command=\"VmRequested\".*outcome=\"acknowledged\".*} [1-9]")
                .containsPattern("http_server_requests_seconds_count\\{.*method=\"POST\".*status=\"202\".*uri=\"/api/v1/vms\".*} [1-9]")
                .contains("hikaricp_connections_active");
    }

    @Test
    void aGetRightAfterThe202AnswersRequestedBeforeAnyWorkerRan() {
        Response accepted = http.post("/api/v1/vms", UUID.randomUUID().toString(), aRequest("bob"));
        String id = accepted.json().get("id").asString();

        Response vm = http.get("/api/v1/vms/" + id);

        assertThat(vm.status()).isEqualTo(200);
        assertThat(vm.json()).as("the 202's body is what a read shows").isEqualTo(accepted.json());
        assertThat(vm.json().get("status").asString()).isEqualTo("REQUESTED");
        assertThat(vm.json().get("ownerId").asString()).isEqualTo("bob");
        assertThat(vm.json().get("diskGb").asInt()).isEqualTo(20);
    }

    @Test
    void theSamePostAgainAnswersTheSameVmAndPublishesNoSecondCommand() {
        String key = UUID.randomUUID().toString();
        String first = http.post("/api/v1/vms", key, aRequest("carol")).json().get("id").asString();

        Response again = http.post("/api/v1/vms", key, aRequest("carol"));

        assertThat(again.status()).isEqualTo(202);
        assertThat(again.json().get("id").asString()).isEqualTo(first);
        // Each answer comes after Kafka took its command: the topic, read to its end, holds all there are.
        assertThat(commands.readToEnd(Duration.ofSeconds(30))).filteredOn(r -> first.equals(r.key())).as("commands for the VM").hasSize(1);
    }

    @Test
    void aRetryOfARequestKafkaNeverConfirmedPublishesItAgain() {
        String key = UUID.randomUUID().toString();
        CallerId caller = new CallerId(TestIssuer.CALLER);
        UUID vmId = IdempotencyKey.from(key).vmId(caller);
        String body = aRequest("ivan");
        jdbc.sql("""
                insert into vm_request (caller, idempotency_key, body_fingerprint, vm_id, os_image, hostname, cores,
                    memory_mb, disk_gb, owner_id, course_id)
                values (?, ?, ?, ?, 'debian-12', 'ws-ivan', 2, 2048, 20, 'ivan', 'net-101')""")
                .params(caller.value(), key, RequestFingerprint.of(JSON.readValue(body, CreateVmRequest.class)), vmId).update();
        assertThat(http.get("/api/v1/vms/" + vmId).status()).as("an unconfirmed request is not a VM yet").isEqualTo(404);

        Response retry = http.post("/api/v1/vms", key, body);

        assertThat(retry.status()).isEqualTo(202);
        assertThat(retry.json().get("id").asString()).isEqualTo(vmId.toString());
        commandFor(vmId.toString());
        assertThat(http.get("/api/v1/vms/" + vmId).status()).isEqualTo(200);
    }

    @Test
    void aRetryOfARequestForAnImageDeactivatedSinceAnswersItsVmAndPublishesNothing() {
        String key = UUID.randomUUID().toString();
        CallerId caller = new CallerId(TestIssuer.CALLER);
        UUID vmId = IdempotencyKey.from(key).vmId(caller);
        String body = aRequest("kate").replace("\"debian-12\"", "\"retired-os\"");
        // Accepted while retired-os was in the catalog, which no longer holds it.
        jdbc.sql("""
                insert into vm_request (caller, idempotency_key, body_fingerprint, vm_id, os_image, hostname, cores,
                    memory_mb, disk_gb, owner_id, course_id, confirmed_at)
                values (?, ?, ?, ?, 'retired-os', 'ws-kate', 2, 2048, 20, 'kate', 'net-101', now())""")
                .params(caller.value(), key, RequestFingerprint.of(JSON.readValue(body, CreateVmRequest.class)), vmId).update();

        Response retry = http.post("/api/v1/vms", key, body);

        assertThat(retry.status()).as(retry.body()).isEqualTo(202);
        assertThat(retry.json().get("id").asString()).isEqualTo(vmId.toString());
        assertThat(commands.readToEnd(Duration.ofSeconds(30))).noneMatch(r -> vmId.toString().equals(r.key()));
    }

    @Test
    void concurrentRequestsWithOneKeyNameOneVm() throws Exception {
        String key = UUID.randomUUID().toString();
        List<java.util.concurrent.CompletableFuture<Response>> posts = new java.util.ArrayList<>();
        for (int i = 0; i < 6; i++) {
            posts.add(java.util.concurrent.CompletableFuture.supplyAsync(() -> http.post("/api/v1/vms", key, aRequest("judy"))));
        }

        List<Response> responses = posts.stream().map(java.util.concurrent.CompletableFuture::join).toList();

        assertThat(responses).extracting(Response::status).containsOnly(202);
        assertThat(responses).extracting(r -> r.json().get("id").asString()).containsOnly(responses.getFirst().json().get("id").asString());
        assertThat(http.get("/api/v1/vms?ownerId=judy").json().get("totalItems").asInt()).isOne();
    }

    @Test
    void theSameKeyWithADifferentBodyIs422() {
        String key = UUID.randomUUID().toString();
        http.post("/api/v1/vms", key, aRequest("dave"));

        Response reused = http.post("/api/v1/vms", key, aRequest("dave", "another-host", 20, 2048));

        assertProblem(reused, 422, "idempotency-key-reused");
        assertThat(reused.json().get("detail").asString()).contains("with a different request");
    }

    @Test
    void aRequestWithoutIdempotencyKeyIs400() {
        Response response = http.post("/api/v1/vms", null, aRequest("erin"));

        assertProblem(response, 400, "idempotency-key-missing");
        assertThat(response.json().get("detail").asString()).contains("Idempotency-Key");
    }

    @ParameterizedTest(name = "{0}")
    @CsvSource(delimiter = '|', textBlock = """
            disk below the image minimum  | "diskGb":20        | "diskGb":2           | diskGb      | must be at least 4 for debian-12
            memory below the image minimum| "memoryMb":2048    | "memoryMb":300       | memoryMb    | must be at least 512 for debian-12
            unknown image                 | "debian-12"        | "plan9"              | osImage     | is not an active image of the catalog
            hostname with a newline       | "ws-frank"         | "ws-frank\\nx: y"    | hostname    | must be an RFC 1123 host name
            too many cores                | "cores":2          | "cores":65           | cores       | must be less than or equal to 64
            no cores                      | "cores":2,         | ''                   | cores       | must not be null
            key with options              | "ssh-ed25519       | "command=\\"sh\\" ssh-ed25519 | sshPublicKeys[0] | is not allowed
            package with shell characters | "git"              | "git;reboot"         | packages[0] | must be a Debian package name
            """)
    void anInvalidRequestIs400NamingTheFieldAndWhy(String name, String from, String to, String field, String message) {
        String body = aRequest("frank").replace(from, to.equals("''") ? "" : to);

        Response response = http.post("/api/v1/vms", UUID.randomUUID().toString(), body);

        assertProblem(response, 400, "invalid-request");
        assertThat(response.json().get("errors").values()).anySatisfy(error -> {
            assertThat(error.get("field").asString()).isEqualTo(field);
            assertThat(error.get("message").asString()).contains(message);
        });
    }

    @Test
    void malformedJsonIsAProblemToo() {
        Response response = http.post("/api/v1/vms", UUID.randomUUID().toString(), "{\"osImage\":");

        assertThat(response.status()).isEqualTo(400);
        assertThat(response.contentType()).isEqualTo("application/problem+json");
    }

    @Test
    void aVmNobodyAskedForIs404() {
        assertProblem(http.get("/api/v1/vms/" + UUID.randomUUID()), 404, "vm-not-found");
        assertProblem(http.delete("/api/v1/vms/" + UUID.randomUUID()), 404, "vm-not-found");
        assertThat(http.get("/api/v1/vms/not-a-uuid").status()).isEqualTo(400);
    }

    @Test
    void deletingAVmPublishesVmDeletionRequestedAndAnswers202() {
        String id = http.post("/api/v1/vms", UUID.randomUUID().toString(), aRequest("grace")).json().get("id").asString();

        Response response = http.delete("/api/v1/vms/" + id);

        assertThat(response.status()).isEqualTo(202);
        assertThat(response.header("Location")).isEqualTo("/api/v1/vms/" + id);
        List<VmCommand> published = commands.readUntil(
                        read -> read.stream().filter(r -> id.equals(r.key())).count() == 2, Duration.ofSeconds(20))
                .stream().filter(r -> id.equals(r.key())).map(r -> codec.decodeCommand(r.value())).toList();
        assertThat(published).extracting(c -> c.getClass().getSimpleName())
                .containsExactly("VmRequested", "VmDeletionRequested");
        assertThat(((VmDeletionRequested) published.get(1)).vmId()).hasToString(id);
    }

    @Test
    void vmsAreListedByOwnerNewestFirstInPages() {
        String owner = "owner-" + UUID.randomUUID().toString().substring(0, 8);
        for (int i = 0; i < 3; i++) {
            http.post("/api/v1/vms", UUID.randomUUID().toString(), aRequest(owner, "ws-" + i, 20, 2048));
        }

        JsonNode firstPage = http.get("/api/v1/vms?ownerId=" + owner + "&size=2").json();
        JsonNode secondPage = http.get("/api/v1/vms?ownerId=" + owner + "&size=2&page=1").json();

        assertThat(firstPage.get("totalItems").asInt()).isEqualTo(3);
        assertThat(firstPage.get("totalPages").asInt()).isEqualTo(2);
        assertThat(firstPage.get("items").values()).extracting(vm -> vm.get("hostname").asString()).containsExactly("ws-2", "ws-1");
        assertThat(secondPage.get("items").values()).extracting(vm -> vm.get("hostname").asString()).containsExactly("ws-0");
        assertThat(http.get("/api/v1/vms?ownerId=" + owner + "&status=RUNNING").json().get("totalItems").asInt()).isZero();
        assertThat(http.get("/api/v1/vms?status=EXPLODED").status()).isEqualTo(400);
        assertThat(http.get("/api/v1/vms?size=1000").status()).isEqualTo(400);
    }

    private ConsumerRecord<String, byte[]> commandFor(String vmId) {
        return commands.readUntil(read -> read.stream().anyMatch(r -> vmId.equals(r.key())), Duration.ofSeconds(20))
                .stream().filter(r -> vmId.equals(r.key())).findFirst().orElseThrow();
    }

    static void assertProblem(Response response, int status, String type) {
        ProblemAssertions.assertProblem(response, status, type);
    }
}
