package io.edukit.vmservice.api.templatechecks;

import io.edukit.vmservice.api.support.ApiTest;
import io.edukit.vmservice.api.support.HttpCaller.Response;
import io.edukit.vmservice.api.support.TemplateCheckRows;
import io.edukit.vmservice.api.support.TemplateCheckRows.Result;
import io.edukit.vmservice.api.support.Operator;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.server.LocalServerPort;
import tools.jackson.databind.JsonNode;

import java.util.UUID;
import java.util.concurrent.CompletableFuture;

import static io.edukit.vmservice.api.support.ProblemAssertions.assertProblem;
import static org.assertj.core.api.Assertions.assertThat;

/**
 * Verifying templates over HTTP: the API asks the workers through {@code template_check} and
 * answers with what they found. No worker runs: the test completes the check as one would.
 */
@ApiTest
class TemplateChecksOverHttpTest {

    static final String NO_CLOUD_INIT = "there is no cloud-init drive on ide2: run 'qm set 9899 --ide2 <storage>:cloudinit'";

    @LocalServerPort
    int port;
    /** The workers' part, played by the test. */
    @Autowired
    TemplateCheckRows worker;

    Operator operator;

    @BeforeEach
    void anOperator() {
        operator = Operator.fresh(port);
    }

    @Test
    void verifyingOneImageAsksTheWorkersAndAnswersWithWhatTheyFoundAtEachPlacement() {
        CompletableFuture<Response> answer = CompletableFuture.supplyAsync(
                () -> operator.send("POST", "/api/v1/admin/os-images/debian-12/verify", null));
        UUID id = worker.awaitOpen(operator.name(), "VERIFY");
        assertThat(worker.row(id)).containsEntry("os_image", "debian-12").containsEntry("proposed_json", null);
        worker.fail(id, Result.fit("debian-12", "pve4", 9999), Result.broken("debian-12", "pve5", 9899, NO_CLOUD_INIT));

        Response response = answer.join();

        assertThat(response.status()).as(response.body()).isEqualTo(200);
        JsonNode check = response.json();
        assertThat(check.get("id").asString()).isEqualTo(id.toString());
        assertThat(check.get("purpose").asString()).isEqualTo("VERIFY");
        assertThat(check.get("osImage").asString()).isEqualTo("debian-12");
        assertThat(check.get("requestedBy").asString()).as("the caller the token names").isEqualTo(operator.name());
        assertThat(check.get("status").asString()).isEqualTo("COMPLETED");
        assertThat(check.get("verdict").asString()).isEqualTo("FAILED");
        assertThat(check.get("applied").asBoolean()).isFalse();
        assertThat(check.get("results").values()).extracting(r -> r.get("node").asString() + " " + r.get("templateVmid").asInt()
                + " " + r.get("ok").asBoolean()).containsExactly("pve4 9999 true", "pve5 9899 false");
        assertThat(check.get("results").get(1).get("problems").get(0).asString()).isEqualTo(NO_CLOUD_INIT);
        assertThat(operator.get("/api/v1/admin/template-checks/" + id).json()).isEqualTo(check);
    }

    @Test
    void verifyingEveryActiveImageOpensOneCheckForAllOfThem() {
        CompletableFuture<Response> answer = CompletableFuture.supplyAsync(
                () -> operator.send("POST", "/api/v1/admin/templates/verify", null));
        UUID id = worker.awaitOpen(operator.name(), "VERIFY");
        assertThat(worker.row(id)).containsEntry("os_image", null);
        worker.pass(id, Result.fit("debian-12", "pve4", 9999));

        Response response = answer.join();

        assertThat(response.status()).as(response.body()).isEqualTo(200);
        assertThat(response.json().has("osImage")).as("every active image").isFalse();
        assertThat(response.json().get("verdict").asString()).isEqualTo("PASSED");
        assertThat(response.json().get("results").get(0).get("image").asString()).isEqualTo("debian-12");
    }

    @Test
    void aCheckNoWorkerAnswersInTimeIs202WithWhereToFollowItAndCompletesLater() {
        Response response = operator.send("POST", "/api/v1/admin/templates/verify", null);

        assertThat(response.status()).as(response.body()).isEqualTo(202);
        JsonNode pending = response.json();
        assertThat(pending.get("status").asString()).isEqualTo("PENDING");
        assertThat(pending.has("verdict")).isFalse();
        assertThat(pending.has("results")).isFalse();
        assertThat(response.header("Location")).isEqualTo("/api/v1/admin/template-checks/" + pending.get("id").asString());

        worker.pass(UUID.fromString(pending.get("id").asString()), Result.fit("debian-12", "pve4", 9999));

        JsonNode completed = operator.get(response.header("Location")).json();
        assertThat(completed.get("status").asString()).isEqualTo("COMPLETED");
        assertThat(completed.get("verdict").asString()).isEqualTo("PASSED");
        assertThat(completed.get("completedAt").asString()).isNotBlank();
    }

    @Test
    void verifyingAnImageTheCatalogDoesNotHoldIs404AndAsksNothing() {
        assertProblem(operator.send("POST", "/api/v1/admin/os-images/plan9/verify", null), 404, "os-image-not-found");

        assertThat(worker.checksBy(operator.name())).isZero();
    }

    @Test
    void anUnknownCheckIs404() {
        assertProblem(operator.get("/api/v1/admin/template-checks/" + UUID.randomUUID()), 404, "template-check-not-found");
    }

    @Test
    void everyCheckIsListedNewestFirstAndByImage() {
        UUID first = UUID.fromString(operator.send("POST", "/api/v1/admin/os-images/debian-12/verify", null).json().get("id").asString());
        UUID second = UUID.fromString(operator.send("POST", "/api/v1/admin/templates/verify", null).json().get("id").asString());

        JsonNode all = operator.get("/api/v1/admin/template-checks?size=200").json();
        JsonNode debian = operator.get("/api/v1/admin/template-checks?image=debian-12&size=200").json();

        assertThat(all.get("items").values()).extracting(c -> c.get("id").asString())
                .containsSubsequence(second.toString(), first.toString());
        assertThat(debian.get("items").values()).extracting(c -> c.get("id").asString())
                .contains(first.toString()).doesNotContain(second.toString());
        assertThat(debian.get("items").values()).allSatisfy(c -> assertThat(c.get("osImage").asString()).isEqualTo("debian-12"));
        assertThat(debian.get("totalItems").asInt()).isEqualTo(debian.get("items").size());
    }

}
