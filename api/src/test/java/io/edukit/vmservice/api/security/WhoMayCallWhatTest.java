package io.edukit.vmservice.api.security;

import io.edukit.vmservice.api.support.ApiTest;
import io.edukit.vmservice.api.support.HttpCaller;
import io.edukit.vmservice.api.support.ProblemAssertions;
import io.edukit.vmservice.api.support.HttpCaller.Response;
import io.edukit.vmservice.api.support.JobRows;
import io.edukit.vmservice.api.support.JobRows.Job;
import io.edukit.vmservice.api.support.TestIssuer;
import io.edukit.vmservice.schemas.Topics;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.Producer;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.clients.producer.RecordMetadata;
import org.apache.kafka.common.serialization.ByteArraySerializer;
import org.apache.kafka.common.serialization.StringSerializer;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.kafka.test.EmbeddedKafkaBroker;
import org.springframework.kafka.test.utils.KafkaTestUtils;
import tools.jackson.databind.JsonNode;

import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Arrays;
import java.util.List;
import java.util.UUID;
import java.util.stream.Collectors;

import static io.edukit.vmservice.api.vms.VmRequestFixtures.aRequest;
import static org.assertj.core.api.Assertions.assertThat;

/**
 * Every endpoint, over real HTTP, with no token, an expired one, one from another issuer, one
 * signed by another key, one without the scope it needs, and one with exactly that scope.
 * Tokens are signed by the {@link TestIssuer}'s key, made for this run.
 */
@ApiTest
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class WhoMayCallWhatTest {

    @LocalServerPort
    int port;

    @Autowired
    JdbcClient jdbc;

    /** A VM to read and delete. */
    String vmId;
    /** A FAILED job to inspect and replay. */
    String jobId;
    /** A dead-lettered command to read and republish, and one to discard: partition/offset. */
    String deadLetter;
    String deadLetterToDiscard;
    /** An image to deactivate, and a template check to read. */
    String image;
    String check;

    @Autowired
    EmbeddedKafkaBroker broker;

    @BeforeAll
    void aVmAFailedJobAndDeadLettersExist() throws Exception {
        Response created = HttpCaller.authorized(port).post("/api/v1/vms", UUID.randomUUID().toString(), aRequest("mallory"));
        assertThat(created.status()).isEqualTo(202);
        vmId = created.json().get("id").asString();
        jobId = new JobRows(jdbc).insert(new Job("FAILED").owner("mallory").step("CLONING")
                .failed("template 9999 on pve4 does not exist", 1, false)).toString();
        deadLetter = deadLetter();
        deadLetterToDiscard = deadLetter();
        image = "scopes-" + UUID.randomUUID().toString().substring(0, 8);
        jdbc.sql("""
                insert into os_image (name, proxmox_template_id, node, storage, architecture, min_disk_size_gb, min_ram_mb)
                values (?, '9999', 'pve4', 'local-lvm', 'x86_64', 4, 512)""").param(image).update();
        check = UUID.randomUUID().toString();
        jdbc.sql("insert into template_check (id, purpose, os_image, requested_by) values (?::uuid, 'VERIFY', 'debian-12', 'ops')")
                .param(check).update();
    }

    private String deadLetter() throws Exception {
        try (Producer<String, byte[]> producer = new KafkaProducer<>(KafkaTestUtils.producerProps(broker.getBrokersAsString()),
                new StringSerializer(), new ByteArraySerializer())) {
            ProducerRecord<String, byte[]> record = new ProducerRecord<>(Topics.COMMANDS_DLT, UUID.randomUUID().toString(),
                    "{}".getBytes(StandardCharsets.UTF_8));
            record.headers().add(Topics.DLT_REASON_HEADER, "no type".getBytes(StandardCharsets.UTF_8));
            RecordMetadata sent = producer.send(record).get();
            return sent.partition() + "/" + sent.offset();
        }
    }

    String pathOf(Call call) {
        return call.path.replace("{id}", vmId).replace("{job}", jobId).replace("{dlt}", deadLetter)
                .replace("{dlt-to-discard}", deadLetterToDiscard).replace("{image}", image).replace("{check}", check);
    }

    /** The calls of the API, each with the scope that opens it and its answer when it is opened. */
    enum Call {
        REQUEST_A_VM("POST", "/api/v1/vms", ApiScope.REQUEST, 202),
        DELETE_A_VM("DELETE", "/api/v1/vms/{id}", ApiScope.REQUEST, 202),
        LIST_VMS("GET", "/api/v1/vms?ownerId=mallory", ApiScope.READ, 200),
        READ_A_VM("GET", "/api/v1/vms/{id}", ApiScope.READ, 200),
        LIST_OS_IMAGES("GET", "/api/v1/os-images", ApiScope.READ, 200),
        READ_AN_OS_IMAGE("GET", "/api/v1/os-images/debian-12", ApiScope.READ, 200),
        LIST_FAILED_JOBS("GET", "/api/v1/admin/failed-jobs?owner=mallory", ApiScope.ADMIN, 200),
        LIST_JOBS_IN_PROGRESS("GET", "/api/v1/admin/jobs-in-progress?stuck=true", ApiScope.ADMIN, 200),
        READ_A_JOB("GET", "/api/v1/admin/jobs/{job}", ApiScope.ADMIN, 200),
        REPLAY_A_JOB("POST", "/api/v1/admin/jobs/{job}/replay", ApiScope.ADMIN, 202),
        REPLAY_FAILED_JOBS("POST", "/api/v1/admin/failed-jobs/replay?owner=mallory&dryRun=true", ApiScope.ADMIN, 200),
        LIST_DEAD_LETTERS("GET", "/api/v1/admin/dead-letters", ApiScope.ADMIN, 200),
        READ_A_DEAD_LETTER("GET", "/api/v1/admin/dead-letters/{dlt}", ApiScope.ADMIN, 200),
        REPUBLISH_A_DEAD_LETTER("POST", "/api/v1/admin/dead-letters/{dlt}/republish", ApiScope.ADMIN, 202),
        DISCARD_A_DEAD_LETTER("POST", "/api/v1/admin/dead-letters/{dlt-to-discard}/discard", ApiScope.ADMIN, 200),
        REPUBLISH_DEAD_LETTERS("POST", "/api/v1/admin/dead-letters/republish", ApiScope.ADMIN, 202),
        SCRAPE_METRICS("GET", "/actuator/prometheus", ApiScope.METRICS, 200),
        LIST_THE_CATALOG("GET", "/api/v1/admin/os-images", ApiScope.ADMIN, 200),
        // Let in, the empty body is refused: the status says the call got past the token check.
        ADD_AN_OS_IMAGE("POST", "/api/v1/admin/os-images", ApiScope.ADMIN, 400),
        UPDATE_AN_OS_IMAGE("PUT", "/api/v1/admin/os-images/{image}", ApiScope.ADMIN, 400),
        DEACTIVATE_AN_OS_IMAGE("POST", "/api/v1/admin/os-images/{image}/deactivate", ApiScope.ADMIN, 200),
        // Let in, and the catalog has no such image: 404 before any check is asked for.
        ACTIVATE_AN_OS_IMAGE("POST", "/api/v1/admin/os-images/plan9/activate", ApiScope.ADMIN, 404),
        VERIFY_AN_IMAGES_TEMPLATES("POST", "/api/v1/admin/os-images/plan9/verify", ApiScope.ADMIN, 404),
        // No worker answers here: 202 once the API has waited for one.
        VERIFY_EVERY_TEMPLATE("POST", "/api/v1/admin/templates/verify", ApiScope.ADMIN, 202),
        READ_A_TEMPLATE_CHECK("GET", "/api/v1/admin/template-checks/{check}", ApiScope.ADMIN, 200),
        LIST_TEMPLATE_CHECKS("GET", "/api/v1/admin/template-checks", ApiScope.ADMIN, 200),
        // Past the token check an unknown admin path is 404, not 401 or 403.
        UNKNOWN_ADMIN("POST", "/api/v1/admin/replays", ApiScope.ADMIN, 404);

        final String method;
        final String path;
        final ApiScope scope;
        final int whenAllowed;

        Call(String method, String path, ApiScope scope, int whenAllowed) {
            this.method = method;
            this.path = path;
            this.scope = scope;
            this.whenAllowed = whenAllowed;
        }

        /** Every other scope, so that a refusal cannot be for want of any scope but this one. */
        String otherScopes() {
            return Arrays.stream(ApiScope.values()).filter(s -> s != scope).map(ApiScope::value).collect(Collectors.joining(" "));
        }
    }

    Response send(Call call, HttpCaller caller) {
        String path = pathOf(call);
        if (call == Call.REQUEST_A_VM) {
            return caller.post(path, UUID.randomUUID().toString(), aRequest("mallory"));
        }
        return caller.send(call.method, path, call.method.equals("POST") || call.method.equals("PUT") ? "{}" : null);
    }

    @ParameterizedTest
    @EnumSource(Call.class)
    void withoutATokenIs401NamingTheScopeToAskFor(Call call) {
        Response response = send(call, HttpCaller.withoutToken(port));

        assertProblem(response, 401, "unauthorized");
        assertThat(response.json().get("detail").asString())
                .isEqualTo(call.method + " " + pathOf(call).replaceAll("\\?.*", "")
                        + " needs a bearer token with scope " + call.scope.value() + ": send the header 'Authorization: Bearer <token>'.");
        assertThat(response.header("WWW-Authenticate")).isEqualTo("Bearer realm=\"vmservice\", scope=\"" + call.scope.value()
                + "\", resource_metadata=\"http://localhost:" + port + "/.well-known/oauth-protected-resource\"");
    }

    @ParameterizedTest
    @EnumSource(Call.class)
    void anExpiredTokenIs401(Call call) {
        String expired = TestIssuer.token().scopes(call.scope.value()).expiredFor(Duration.ofMinutes(5)).sign();

        Response response = send(call, HttpCaller.withToken(port, expired));

        assertInvalidToken(response, call, "Jwt expired at");
    }

    @ParameterizedTest
    @EnumSource(Call.class)
    void aTokenFromAnotherIssuerIs401EvenSignedWithTheRightKey(Call call) {
        String foreign = TestIssuer.token().scopes(call.scope.value()).issuer("https://login.example.com/other-realm").sign();

        Response response = send(call, HttpCaller.withToken(port, foreign));

        assertInvalidToken(response, call, "The iss claim is not valid");
    }

    @ParameterizedTest
    @EnumSource(Call.class)
    void aTokenSignedByAnotherKeyIs401EvenWithTheIssuersKeyId(Call call) {
        String forged = TestIssuer.token().scopes(call.scope.value()).signedWith(TestIssuer.newKey("test-issuer-key")).sign();

        Response response = send(call, HttpCaller.withToken(port, forged));

        assertInvalidToken(response, call, "Invalid signature");
    }

    @ParameterizedTest
    @EnumSource(Call.class)
    void aTokenWithoutTheScopeIs403NamingTheScope(Call call) {
        Response response = send(call, HttpCaller.withToken(port, TestIssuer.token().scopes(call.otherScopes()).sign()));

        assertProblem(response, 403, "forbidden");
        assertThat(response.json().get("detail").asString()).contains(" needs scope " + call.scope.value()
                + "; the token grants " + call.otherScopes() + ".");
        assertThat(response.header("WWW-Authenticate")).startsWith("Bearer realm=\"vmservice\", error=\"insufficient_scope\", ")
                .contains("scope=\"" + call.scope.value() + "\"");
    }

    @ParameterizedTest
    @EnumSource(Call.class)
    void aTokenWithExactlyTheScopeIsLetIn(Call call) {
        Response response = send(call, HttpCaller.withToken(port, TestIssuer.token().scopes(call.scope.value()).sign()));

        assertThat(response.status()).as(response.body()).isEqualTo(call.whenAllowed);
        assertThat(response.header("WWW-Authenticate")).isNull();
    }

    @Test
    void aTokenThatIsNoJwtOrAnotherSchemeIs401() {
        Response garbage = HttpCaller.withToken(port, "not-a-jwt").get("/api/v1/os-images");
        Response basic = HttpCaller.withAuthorization(port, "Basic YWxpY2U6c2VjcmV0").get("/api/v1/os-images");
        Response unsigned = HttpCaller.withToken(port, "eyJhbGciOiJub25lIn0." + java.util.Base64.getUrlEncoder().withoutPadding()
                .encodeToString(("{\"iss\":\"" + TestIssuer.ISSUER + "\",\"sub\":\"x\",\"scope\":\"vm:read\"}").getBytes()) + ".")
                .get("/api/v1/os-images");

        assertProblem(garbage, 401, "unauthorized");
        assertThat(garbage.header("WWW-Authenticate")).contains("error=\"invalid_token\"");
        assertProblem(unsigned, 401, "unauthorized");
        assertThat(unsigned.header("WWW-Authenticate")).contains("error=\"invalid_token\"");
        assertProblem(basic, 401, "unauthorized");
        assertThat(basic.header("WWW-Authenticate")).startsWith("Bearer realm=\"vmservice\"").doesNotContain("error=");
    }

    @Test
    void aRefusedRequestStoresAndPublishesNothing() {
        String owner = "owner-" + UUID.randomUUID().toString().substring(0, 8);
        String readOnly = TestIssuer.token().scopes("vm:read").sign();

        assertThat(HttpCaller.withoutToken(port).post("/api/v1/vms", "k-" + owner, aRequest(owner)).status()).isEqualTo(401);
        assertThat(HttpCaller.withToken(port, readOnly).post("/api/v1/vms", "k-" + owner, aRequest(owner)).status()).isEqualTo(403);

        assertThat(HttpCaller.withToken(port, readOnly).get("/api/v1/vms?ownerId=" + owner).json().get("totalItems").asInt()).isZero();
    }

    @Test
    void healthTheOpenApiDocumentAndTheResourceMetadataNeedNoToken() {
        HttpCaller anyone = HttpCaller.withoutToken(port);

        for (String open : List.of("/actuator/health", "/actuator/health/liveness", "/actuator/health/readiness",
                "/v3/api-docs", "/v3/api-docs/swagger-config", "/swagger-ui/index.html")) {
            assertThat(anyone.get(open).status()).as(open).isEqualTo(200);
        }
        JsonNode metadata = anyone.get("/.well-known/oauth-protected-resource").json();
        assertThat(metadata.get("resource").asString()).isEqualTo("http://localhost:" + port);
        assertThat(metadata.get("authorization_servers").values()).extracting(JsonNode::asString).containsExactly(TestIssuer.ISSUER);
        assertThat(metadata.get("scopes_supported").values()).extracting(JsonNode::asString)
                .containsExactly("vm:request", "vm:read", "vm:admin", "vm:metrics");
        assertThat(metadata.get("tls_client_certificate_bound_access_tokens").asBoolean()).isFalse();
    }

    @Test
    void everythingElseNeedsAToken() {
        assertProblem(HttpCaller.withoutToken(port).get("/actuator/info"), 401, "unauthorized");
        assertThat(HttpCaller.withToken(port, TestIssuer.token().scopes("vm:read").sign()).get("/actuator/info").status()).isEqualTo(200);
        assertProblem(HttpCaller.withoutToken(port).get("/somewhere/else"), 401, "unauthorized");
    }

    @Test
    void anApiCallNoScopeOpensIsRefusedToEveryToken() {
        String everyScope = TestIssuer.token().scopes("vm:request vm:read vm:admin").sign();

        Response response = HttpCaller.withToken(port, everyScope).send("PUT", "/api/v1/vms/" + vmId, "{}");

        assertProblem(response, 403, "forbidden");
        assertThat(response.json().get("detail").asString()).isEqualTo("PUT /api/v1/vms/" + vmId + " is open to no scope.");
    }

    @Test
    void theOpenApiDocumentDeclaresTheBearerSchemeAndEachOperationsScope() {
        JsonNode document = HttpCaller.withoutToken(port).get("/v3/api-docs").json();

        JsonNode scheme = document.get("components").get("securitySchemes").get("bearer-jwt");
        assertThat(scheme.get("type").asString()).isEqualTo("http");
        assertThat(scheme.get("scheme").asString()).isEqualTo("bearer");
        assertThat(scheme.get("bearerFormat").asString()).isEqualTo("JWT");
        assertThat(scopeOf(document, "/api/v1/vms", "post")).isEqualTo("vm:request");
        assertThat(scopeOf(document, "/api/v1/vms/{id}", "delete")).isEqualTo("vm:request");
        assertThat(scopeOf(document, "/api/v1/vms", "get")).isEqualTo("vm:read");
        assertThat(scopeOf(document, "/api/v1/vms/{id}", "get")).isEqualTo("vm:read");
        assertThat(scopeOf(document, "/api/v1/os-images", "get")).isEqualTo("vm:read");
        assertThat(scopeOf(document, "/api/v1/os-images/{name}", "get")).isEqualTo("vm:read");
        assertThat(scopeOf(document, "/api/v1/admin/failed-jobs", "get")).isEqualTo("vm:admin");
        assertThat(scopeOf(document, "/api/v1/admin/jobs/{id}", "get")).isEqualTo("vm:admin");
        assertThat(scopeOf(document, "/api/v1/admin/jobs/{id}/replay", "post")).isEqualTo("vm:admin");
        assertThat(scopeOf(document, "/api/v1/admin/failed-jobs/replay", "post")).isEqualTo("vm:admin");
        assertThat(scopeOf(document, "/api/v1/admin/dead-letters", "get")).isEqualTo("vm:admin");
        assertThat(scopeOf(document, "/api/v1/admin/dead-letters/{partition}/{offset}", "get")).isEqualTo("vm:admin");
        assertThat(scopeOf(document, "/api/v1/admin/dead-letters/{partition}/{offset}/republish", "post")).isEqualTo("vm:admin");
        assertThat(scopeOf(document, "/api/v1/admin/dead-letters/{partition}/{offset}/discard", "post")).isEqualTo("vm:admin");
        assertThat(scopeOf(document, "/api/v1/admin/dead-letters/republish", "post")).isEqualTo("vm:admin");
        assertThat(scopeOf(document, "/api/v1/admin/os-images", "get")).isEqualTo("vm:admin");
        assertThat(scopeOf(document, "/api/v1/admin/os-images", "post")).isEqualTo("vm:admin");
        assertThat(scopeOf(document, "/api/v1/admin/os-images/{name}", "put")).isEqualTo("vm:admin");
        assertThat(scopeOf(document, "/api/v1/admin/os-images/{name}/deactivate", "post")).isEqualTo("vm:admin");
        assertThat(scopeOf(document, "/api/v1/admin/os-images/{name}/activate", "post")).isEqualTo("vm:admin");
        assertThat(scopeOf(document, "/api/v1/admin/os-images/{name}/verify", "post")).isEqualTo("vm:admin");
        assertThat(scopeOf(document, "/api/v1/admin/templates/verify", "post")).isEqualTo("vm:admin");
        assertThat(scopeOf(document, "/api/v1/admin/template-checks/{id}", "get")).isEqualTo("vm:admin");
        assertThat(scopeOf(document, "/api/v1/admin/template-checks", "get")).isEqualTo("vm:admin");
    }

    private static String scopeOf(JsonNode document, String path, String method) {
        JsonNode security = document.get("paths").get(path).get(method).get("security");
        assertThat(security.values()).as(method + " " + path).hasSize(1);
        return security.get(0).get("bearer-jwt").get(0).asString();
    }

    private static void assertInvalidToken(Response response, Call call, String why) {
        assertProblem(response, 401, "unauthorized");
        assertThat(response.json().get("detail").asString()).startsWith("The bearer token was refused: ").contains(why);
        assertThat(response.header("WWW-Authenticate")).startsWith("Bearer realm=\"vmservice\", error=\"invalid_token\", error_description=\"")
                .contains(why).contains("scope=\"" + call.scope.value() + "\"");
    }

    static void assertProblem(Response response, int status, String type) {
        ProblemAssertions.assertProblem(response, status, type);
    }
}
