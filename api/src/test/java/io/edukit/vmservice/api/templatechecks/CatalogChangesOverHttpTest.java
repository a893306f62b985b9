package io.edukit.vmservice.api.templatechecks;

import io.edukit.vmservice.api.support.ApiTest;
import io.edukit.vmservice.api.support.HttpCaller;
import io.edukit.vmservice.api.support.HttpCaller.Response;
import io.edukit.vmservice.api.support.TemplateCheckRows;
import io.edukit.vmservice.api.support.TemplateCheckRows.Result;
import io.edukit.vmservice.api.support.Operator;
import io.edukit.vmservice.api.vms.VmRequestFixtures;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.jdbc.core.simple.JdbcClient;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

import java.util.Map;
import java.util.UUID;
import java.util.concurrent.CompletableFuture;
import java.util.function.Supplier;

import static io.edukit.vmservice.api.support.ProblemAssertions.assertProblem;
import static org.assertj.core.api.Assertions.assertThat;

/**
 * Changing the catalog over HTTP. What puts an image on templates is checked by a worker first —
 * played here by the test, which completes the check as a worker would; what does not is made at once.
 */
@ApiTest
class CatalogChangesOverHttpTest {

    static final JsonMapper JSON = JsonMapper.builder().build();
    static final String NOT_A_TEMPLATE = "VM 9998 on pve4 is not a template: run 'qm template 9998'";

    @LocalServerPort
    int port;
    @Autowired
    JdbcClient jdbc;
    @Autowired
    TemplateCheckRows worker;

    /** An image name of this test alone, and someone of OPS of this test alone. */
    final String image = "ubuntu-24.04-" + UUID.randomUUID().toString().substring(0, 8);
    Operator operator;

    @BeforeEach
    void anOperator() {
        operator = Operator.fresh(port);
    }

    /** The body of an add or update: template 9998 on pve4, a copy 9898 on pve5, {@code more} appended. */
    String anImage(String name, String more) {
        return """
                {"name":"%s","proxmoxTemplateId":9998,"node":"pve4","storage":"local-lvm","architecture":"x86_64",
                 "minDiskSizeGb":8,"minRamMb":1024,"description":"Ubuntu 24.04 LTS",
                 "placements":[{"node":"pve5","proxmoxTemplateId":"9898","storage":"local-zfs"}]%s}""".formatted(name, more);
    }

    @Test
    void addingAnImageWhoseTemplatesPassIs201WithItsCatalogEntryAsLocation() {
        CompletableFuture<Response> answer = calling(() -> operator.send("POST", "/api/v1/admin/os-images", anImage(image, "")));
        UUID id = worker.awaitOpen(operator.name(), "ADD");
        JsonNode proposed = JSON.readTree((String) worker.row(id).get("proposed_json"));
        assertThat(proposed.get("name").asString()).isEqualTo(image);
        assertThat(proposed.get("proxmoxTemplateId").asString()).as("a VMID given as a number is kept as text").isEqualTo("9998");
        assertThat(proposed.get("placements").get(0).get("node").asString()).isEqualTo("pve5");
        assertThat(worker.row(id)).containsEntry("os_image", image);
        worker.pass(id, Result.fit(image, "pve4", 9998), Result.fit(image, "pve5", 9898));

        Response response = answer.join();

        assertThat(response.status()).as(response.body()).isEqualTo(201);
        assertThat(response.header("Location")).isEqualTo("/api/v1/os-images/" + image);
        assertThat(response.json().get("verdict").asString()).isEqualTo("PASSED");
        assertThat(response.json().get("applied").asBoolean()).isTrue();
        assertThat(response.json().get("requestedBy").asString()).isEqualTo(operator.name());
        assertThat(response.json().get("proposed").get("minRamMb").asInt()).isEqualTo(1024);
        assertThat(response.json().get("results").size()).isEqualTo(2);
        Response entry = HttpCaller.authorized(port).get(response.header("Location"));
        assertThat(entry.status()).isEqualTo(200);
        assertThat(entry.json().get("minDiskSizeGb").asInt()).isEqualTo(8);
        assertThat(entry.json().get("description").asString()).isEqualTo("Ubuntu 24.04 LTS");
    }

    @Test
    void addingAnImageWhoseTemplateIsBrokenIs422NamingTheProblemAndAddsNothing() {
        CompletableFuture<Response> answer = calling(() -> operator.send("POST", "/api/v1/admin/os-images", anImage(image, "")));
        UUID id = worker.awaitOpen(operator.name(), "ADD");
        worker.fail(id, Result.broken(image, "pve4", 9998, NOT_A_TEMPLATE), Result.fit(image, "pve5", 9898));

        Response response = answer.join();

        assertProblem(response, 422, "template-check-failed");
        JsonNode problem = response.json();
        assertThat(problem.get("detail").asString()).contains("template 9998 on pve4: " + NOT_A_TEMPLATE).doesNotContain("9898");
        assertThat(problem.get("checkId").asString()).isEqualTo(id.toString());
        assertThat(problem.get("results").get(0).get("problems").get(0).asString()).isEqualTo(NOT_A_TEMPLATE);
        assertThat(problem.get("results").get(1).get("ok").asBoolean()).isTrue();
        assertProblem(HttpCaller.authorized(port).get("/api/v1/os-images/" + image), 404, "os-image-not-found");
    }

    @Test
    void addingAnImageTheCatalogHoldsIs409AndAsksNothing() {
        assertProblem(operator.send("POST", "/api/v1/admin/os-images", anImage("debian-12", "")), 409, "os-image-exists");

        assertThat(worker.checksBy(operator.name())).isZero();
    }

    @Test
    void anAddWhoseNameAnotherAddTookFirstIs409() {
        CompletableFuture<Response> answer = calling(() -> operator.send("POST", "/api/v1/admin/os-images", anImage(image, "")));
        worker.complete(worker.awaitOpen(operator.name(), "ADD"), "PASSED", false,
                "an image named " + image + " was added meanwhile: nothing was changed", Result.fit(image, "pve4", 9998));

        Response response = answer.join();

        assertProblem(response, 409, "os-image-exists");
        assertThat(response.json().get("detail").asString()).contains("was added meanwhile");
    }

    @Test
    void anAddNoWorkerAnswersInTimeIs202WithTheCheckToFollow() {
        Response response = operator.send("POST", "/api/v1/admin/os-images", anImage(image, ""));

        assertThat(response.status()).as(response.body()).isEqualTo(202);
        assertThat(response.header("Location")).isEqualTo("/api/v1/admin/template-checks/" + response.json().get("id").asString());
        assertThat(response.json().get("status").asString()).isEqualTo("PENDING");
        assertThat(response.json().get("purpose").asString()).isEqualTo("ADD");
    }

    @Test
    void anImageThatBreaksTheRulesIs400NamingEachFieldAndAsksNothing() {
        Response fields = operator.send("POST", "/api/v1/admin/os-images", """
                {"name":"Ubuntu 24.04","proxmoxTemplateId":"99","node":"pve 4","storage":"local-lvm","architecture":"sparc",
                 "minDiskSizeGb":0,"placements":[{"node":"pve5","proxmoxTemplateId":"1000000000","storage":"-x"}]}""");
        Response twice = operator.send("POST", "/api/v1/admin/os-images", anImage(image, "").replace("\"pve5\"", "\"pve4\""));

        assertProblem(fields, 400, "invalid-request");
        assertThat(fields.json().get("errors").values()).extracting(e -> e.get("field").asString()).containsExactly(
                "architecture", "minDiskSizeGb", "minRamMb", "name", "node", "placements[0].proxmoxTemplateId",
                "placements[0].storage", "proxmoxTemplateId");
        assertThat(fields.json().get("errors").values()).anySatisfy(e -> assertThat(e.get("message").asString())
                .isEqualTo("must be a VMID, 100 to 999999999"));
        assertProblem(twice, 400, "invalid-request");
        assertThat(twice.json().get("errors").get(0).get("field").asString()).isEqualTo("placements[0].node");
        assertThat(twice.json().get("errors").get(0).get("message").asString()).contains("one per node");
        assertThat(worker.checksBy(operator.name())).isZero();
    }

    @Test
    void anUpdateThatLeavesTheTemplatesAloneAppliesAtOnceAndIsRecorded() {
        inCatalog(image);

        Response response = operator.send("PUT", "/api/v1/admin/os-images/" + image, anImage(image, "")
                .replace("\"minDiskSizeGb\":8", "\"minDiskSizeGb\":12").replace("Ubuntu 24.04 LTS", "Ubuntu 24.04.1 LTS"));

        assertThat(response.status()).as(response.body()).isEqualTo(200);
        assertThat(response.json().get("purpose").asString()).isEqualTo("UPDATE");
        assertThat(response.json().get("verdict").asString()).isEqualTo("NOT_NEEDED");
        assertThat(response.json().get("applied").asBoolean()).isTrue();
        assertThat(response.json().get("requestedBy").asString()).isEqualTo(operator.name());
        Map<String, Object> row = jdbc.sql("select min_disk_size_gb, description, active from os_image where name = ?")
                .param(image).query().singleRow();
        assertThat(row).containsEntry("min_disk_size_gb", 12).containsEntry("description", "Ubuntu 24.04.1 LTS")
                .containsEntry("active", true);
        assertThat(worker.openChecksBy(operator.name())).as("no worker was asked").isZero();
    }

    @Test
    void anUpdateThatMovesTheTemplatesIsCheckedFirstAndABrokenOneChangesNothing() {
        inCatalog(image);
        CompletableFuture<Response> answer = calling(() -> operator.send("PUT", "/api/v1/admin/os-images/" + image,
                anImage(image, "").replace("\"proxmoxTemplateId\":9998", "\"proxmoxTemplateId\":9997")
                        .replace("\"minDiskSizeGb\":8", "\"minDiskSizeGb\":30")));
        UUID id = worker.awaitOpen(operator.name(), "UPDATE");
        worker.fail(id, Result.broken(image, "pve4", 9997, "template 9997 does not exist on node pve4"));

        Response response = answer.join();

        assertProblem(response, 422, "template-check-failed");
        assertThat(jdbc.sql("select proxmox_template_id || '/' || min_disk_size_gb from os_image where name = ?").param(image)
                .query(String.class).single()).isEqualTo("9998/8");
    }

    @Test
    void anUpdateOfAnotherImageThanThePathNamesIs400AndOfAnUnknownOne404() {
        inCatalog(image);

        assertProblem(operator.send("PUT", "/api/v1/admin/os-images/" + image, anImage("debian-12", "")), 400, "invalid-request");
        assertProblem(operator.send("PUT", "/api/v1/admin/os-images/plan9", anImage("plan9", "")), 404, "os-image-not-found");
    }

    @Test
    void deactivatingIsImmediateAndRefusesNewRequestsForTheImage() {
        inCatalog(image);
        String request = VmRequestFixtures.aRequest("alice").replace("\"debian-12\"", "\"" + image + "\"");
        assertThat(HttpCaller.authorized(port).post("/api/v1/vms", UUID.randomUUID().toString(), request).status())
                .as("accepted while active").isEqualTo(202);

        Response response = operator.send("POST", "/api/v1/admin/os-images/" + image + "/deactivate", null);
        Response again = operator.send("POST", "/api/v1/admin/os-images/" + image + "/deactivate", null);

        assertThat(response.status()).as(response.body()).isEqualTo(200);
        assertThat(response.json().get("purpose").asString()).isEqualTo("DEACTIVATE");
        assertThat(response.json().get("verdict").asString()).isEqualTo("NOT_NEEDED");
        assertThat(response.json().get("applied").asBoolean()).isTrue();
        assertThat(again.json().get("applied").asBoolean()).isFalse();
        assertThat(again.json().get("note").asString()).isEqualTo(image + " was inactive already");
        Response refused = HttpCaller.authorized(port).post("/api/v1/vms", UUID.randomUUID().toString(), request);
        assertProblem(refused, 400, "invalid-request");
        assertThat(refused.json().get("errors").get(0).get("field").asString()).isEqualTo("osImage");
        assertThat(HttpCaller.authorized(port).get("/api/v1/os-images").json().values())
                .noneMatch(listed -> listed.get("name").asString().equals(image));
        assertThat(jdbc.sql("select deactivated_at is not null from os_image where name = ?").param(image).query(Boolean.class).single())
                .as("when, for the requests already on their way").isTrue();
        JsonNode catalog = operator.get("/api/v1/admin/os-images").json();
        assertThat(catalog.values()).filteredOn(entry -> entry.get("name").asString().equals(image)).singleElement()
                .satisfies(entry -> assertThat(entry.get("active").asBoolean()).isFalse());
    }

    @Test
    void reactivatingIsCheckedFirst() {
        inCatalog(image);
        operator.send("POST", "/api/v1/admin/os-images/" + image + "/deactivate", null);
        CompletableFuture<Response> answer = calling(() -> operator.send("POST", "/api/v1/admin/os-images/" + image + "/activate", null));
        worker.pass(worker.awaitOpen(operator.name(), "ACTIVATE"), Result.fit(image, "pve4", 9998), Result.fit(image, "pve5", 9898));

        Response response = answer.join();

        assertThat(response.status()).as(response.body()).isEqualTo(200);
        assertThat(response.json().get("verdict").asString()).isEqualTo("PASSED");
        assertThat(HttpCaller.authorized(port).get("/api/v1/os-images/" + image).status()).isEqualTo(200);
        assertProblem(operator.send("POST", "/api/v1/admin/os-images/plan9/activate", null), 404, "os-image-not-found");
    }

    @Test
    void theCatalogShowsEveryImageWithEachPlacement() {
        inCatalog(image);

        JsonNode catalog = operator.get("/api/v1/admin/os-images").json();

        assertThat(catalog.values()).filteredOn(entry -> entry.get("name").asString().equals(image)).singleElement()
                .satisfies(entry -> {
                    assertThat(entry.get("active").asBoolean()).isTrue();
                    assertThat(entry.get("proxmoxTemplateId").asString()).isEqualTo("9998");
                    assertThat(entry.get("minRamMb").asInt()).isEqualTo(1024);
                    assertThat(entry.get("placements").values()).extracting(p -> p.get("node").asString() + " "
                            + p.get("templateVmid").asInt() + " " + p.get("storage").asString())
                            .containsExactly("pve4 9998 local-lvm", "pve5 9898 local-zfs");
                });
    }

    /** The image {@link #anImage} describes, in the catalog as the worker leaves it after an add. */
    private void inCatalog(String name) {
        jdbc.sql("""
                insert into os_image (name, proxmox_template_id, node, storage, architecture, min_disk_size_gb, min_ram_mb, description)
                values (?, '9998', 'pve4', 'local-lvm', 'x86_64', 8, 1024, 'Ubuntu 24.04 LTS')""").param(name).update();
        jdbc.sql("""
                insert into os_image_placement (os_image, node, template_vmid, storage)
                values (?, 'pve4', 9998, 'local-lvm'), (?, 'pve5', 9898, 'local-zfs')""").params(name, name).update();
    }

    private static CompletableFuture<Response> calling(Supplier<Response> call) {
        return CompletableFuture.supplyAsync(call);
    }
}
