package io.edukit.vmservice.api.ops;

import io.edukit.vmservice.api.support.ApiTest;
import io.edukit.vmservice.api.support.HttpCaller;
import io.edukit.vmservice.api.support.HttpCaller.Response;
import io.edukit.vmservice.api.support.JobRows;
import io.edukit.vmservice.api.support.JobRows.Job;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.jdbc.core.simple.JdbcClient;
import tools.jackson.databind.JsonNode;

import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.UUID;

import static io.edukit.vmservice.api.support.ProblemAssertions.assertProblem;
import static org.assertj.core.api.Assertions.assertThat;

/**
 * What OPS see of jobs on their way: which made no progress for longer than
 * {@code vmservice.ops.stuck-after} (30 min here), the longest-waiting first.
 */
@ApiTest
class JobsInProgressOverHttpTest {

    @LocalServerPort
    int port;
    @Autowired
    JdbcClient jdbc;

    HttpCaller ops;
    JobRows rows;
    String owner;
    Instant now;

    @BeforeEach
    void connect() {
        ops = HttpCaller.admin(port);
        rows = new JobRows(jdbc);
        owner = "owner-" + UUID.randomUUID().toString().substring(0, 8);
        now = Instant.now();
    }

    @Test
    void jobsOnTheirWayAreListedLongestWithoutProgressFirstWithTheStuckOnesFlagged() {
        UUID cloningForTwoHours = rows.insert(job("PROVISIONING").step("CLONING").placed("pve4", 100020)
                .lastError("VM 100020 is locked (clone)").createdAt(now.minus(Duration.ofHours(2))));
        UUID deletingForAnHour = rows.insert(job("DELETING").placed("pve4", 100021).createdAt(now.minus(Duration.ofHours(1))));
        UUID startingNow = rows.insert(job("PROVISIONING").step("STARTING").placed("pve5", 100022).createdAt(now.minusSeconds(5)));
        rows.insert(job("RUNNING").placed("pve4", 100023).createdAt(now.minus(Duration.ofHours(3))));
        rows.insert(job("FAILED").step("CLONING").failed("no space left", 1, false).createdAt(now.minus(Duration.ofHours(3))));

        JsonNode page = list("");

        assertThat(ids(page)).containsExactly(cloningForTwoHours.toString(), deletingForAnHour.toString(), startingNow.toString());
        assertThat(page.get("totalItems").asInt()).isEqualTo(3);
        assertThat(page.get("items").values()).extracting(item -> item.get("stuck").asBoolean()).containsExactly(true, true, false);
        JsonNode cloning = page.get("items").get(0);
        assertThat(cloning.get("status").asString()).isEqualTo("PROVISIONING");
        assertThat(cloning.get("step").asString()).isEqualTo("CLONING");
        assertThat(cloning.get("node").asString()).isEqualTo("pve4");
        assertThat(cloning.get("proxmoxVmid").asInt()).isEqualTo(100020);
        assertThat(cloning.get("lastError").asString()).isEqualTo("VM 100020 is locked (clone)");
        assertThat(Instant.parse(cloning.get("updatedAt").asString())).isBefore(now.minus(Duration.ofMinutes(119)));
    }

    @Test
    void eachFilterNarrowsTheList() {
        UUID stuckClone = rows.insert(job("PROVISIONING").step("CLONING").placed("pve4", 100030).createdAt(now.minus(Duration.ofHours(2))));
        UUID freshClone = rows.insert(job("PROVISIONING").step("CLONING").placed("pve5", 100031).createdAt(now.minusSeconds(5)));
        UUID stuckDeletion = rows.insert(job("DELETING").placed("pve4", 100032).createdAt(now.minus(Duration.ofHours(1))));
        UUID requested = rows.insert(job("REQUESTED").osImage("ubuntu-24.04").createdAt(now.minusSeconds(1)));

        assertThat(ids(list("&stuck=true"))).containsExactly(stuckClone.toString(), stuckDeletion.toString());
        assertThat(ids(list("&stuck=false"))).containsExactly(freshClone.toString(), requested.toString());
        assertThat(ids(list("&status=deleting"))).containsExactly(stuckDeletion.toString());
        assertThat(ids(list("&step=CLONING&node=pve5"))).containsExactly(freshClone.toString());
        assertThat(ids(list("&image=ubuntu-24.04"))).containsExactly(requested.toString());
        assertThat(list("&size=1&page=2").get("items").values()).extracting(item -> item.get("id").asString())
                .containsExactly(freshClone.toString());
    }

    @Test
    void aStatusThatIsNotInProgressOrAnUnknownStepIs400NamingIt() {
        Response response = ops.get("/api/v1/admin/jobs-in-progress?status=RUNNING&step=BOOTING");

        assertProblem(response, 400, "invalid-request");
        assertThat(response.json().get("errors").values()).extracting(error -> error.get("field").asString())
                .containsExactlyInAnyOrder("status", "step");
    }

    private Job job(String status) {
        return new Job(status).owner(owner);
    }

    private JsonNode list(String filters) {
        Response response = ops.get("/api/v1/admin/jobs-in-progress?owner=" + owner + filters);
        assertThat(response.status()).as(response.body()).isEqualTo(200);
        return response.json();
    }

    private static List<String> ids(JsonNode page) {
        return page.get("items").values().stream().map(item -> item.get("id").asString()).toList();
    }
}
