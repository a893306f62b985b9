package io.edukit.vmservice.api.ops;

import io.edukit.vmservice.api.support.ApiTest;
import io.edukit.vmservice.api.support.HttpCaller;
import io.edukit.vmservice.api.support.HttpCaller.Response;
import io.edukit.vmservice.api.support.JobRows;
import io.edukit.vmservice.api.support.JobRows.Job;
import io.edukit.vmservice.api.support.TestIssuer;
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
 * What OPS read of failed jobs, of jobs in progress (the stuck ones flagged, past
 * {@code vmservice.ops.stuck-after}, 30 min here) and of one job's story, from rows written as the
 * worker writes them.
 */
@ApiTest
class OpsJobsOverHttpTest {

    static final Instant T0 = Instant.parse("2025-03-01T10:00:00Z");

    @LocalServerPort
    int port;
    @Autowired
    JdbcClient jdbc;

    HttpCaller ops;
    JobRows rows;
    String owner;

    @BeforeEach
    void connect() {
        ops = HttpCaller.admin(port);
        rows = new JobRows(jdbc);
        owner = "owner-" + UUID.randomUUID().toString().substring(0, 8);
    }

    @Test
    void theListShowsOnlyFailedJobsNewestFirstWithWhereAndWhyTheyFailed() {
        UUID older = rows.insert(failed("STARTING", "gave up after 8 attempts: VM 100002 is locked (clone)")
                .placed("pve4", 100002).updatedAt(T0));
        UUID newer = rows.insert(failed("CLONING", "template 9999 on pve4 does not exist").updatedAt(T0.plusSeconds(60)));
        rows.insert(new Job("RUNNING").owner(owner).placed("pve4", 100003));
        rows.insert(new Job("PROVISIONING").owner(owner).step("CLONING"));
        rows.attempt(older, "CLONE", 1, "worker-a", T0.minusSeconds(90), T0.minusSeconds(60), "SUCCEEDED", null);
        rows.attempt(older, "START", 1, "worker-a", T0.minusSeconds(50), T0.minusSeconds(49), "FAILED", "VM 100002 is locked (clone)");

        JsonNode page = list("");

        assertThat(ids(page)).containsExactly(newer.toString(), older.toString());
        assertThat(page.get("totalItems").asInt()).isEqualTo(2);
        JsonNode item = page.get("items").get(1);
        assertThat(item.get("hostname").asString()).isEqualTo("ws-" + owner);
        assertThat(item.get("ownerId").asString()).isEqualTo(owner);
        assertThat(item.get("courseId").asString()).isEqualTo("net-101");
        assertThat(item.get("osImage").asString()).isEqualTo("debian-12");
        assertThat(item.get("node").asString()).isEqualTo("pve4");
        assertThat(item.get("proxmoxVmid").asInt()).isEqualTo(100002);
        assertThat(item.get("step").asString()).isEqualTo("STARTING");
        assertThat(item.get("reason").asString()).isEqualTo("gave up after 8 attempts: VM 100002 is locked (clone)");
        assertThat(item.get("attempts").asInt()).isEqualTo(8);
        assertThat(item.get("retryable").asBoolean()).isTrue();
        assertThat(Instant.parse(item.get("updatedAt").asString())).isEqualTo(T0);
        assertThat(item.get("history").values()).as("its steps' history, oldest first")
                .extracting(attempt -> attempt.get("step").asString() + "#" + attempt.get("attempt").asInt() + " "
                        + attempt.get("outcome").asString() + " " + attempt.path("error").asString(""))
                .containsExactly("CLONE#1 SUCCEEDED ", "START#1 FAILED VM 100002 is locked (clone)");
        assertThat(page.get("items").get(0).get("history").values()).as("no attempt recorded").isEmpty();
        assertThat(page.get("items").get(0).has("node")).as("failed before placement").isFalse();
    }

    @Test
    void eachFilterNarrowsTheList() {
        UUID locked = rows.insert(failed("STARTING", "VM 100010 is LOCKED (clone)").placed("pve4", 100010).updatedAt(T0));
        UUID noSpace = rows.insert(failed("CLONING", "no space left on device").placed("pve5", 100011)
                .osImage("ubuntu-24.04").updatedAt(T0.plus(Duration.ofHours(1))));
        UUID percent = rows.insert(failed("RESIZING_DISK", "disk at 100% of quota").placed("pve5", 100012)
                .updatedAt(T0.plus(Duration.ofHours(2))));
        rows.insert(failed("STARTING", "VM 100013 is locked (clone)").owner(owner + "-other"));

        assertThat(ids(list(""))).containsExactlyInAnyOrder(str(locked), str(noSpace), str(percent));
        assertThat(ids(list("&step=STARTING"))).containsExactly(str(locked));
        assertThat(ids(list("&step=cloning"))).as("steps in any case").containsExactly(str(noSpace));
        assertThat(ids(list("&reason=is%20locked"))).as("reason: a substring in any case").containsExactly(str(locked));
        assertThat(ids(list("&reason=100%25"))).as("% is no wildcard").containsExactly(str(percent));
        assertThat(ids(list("&reason=1_0"))).as("_ is no wildcard").isEmpty();
        assertThat(ids(list("&image=ubuntu-24.04"))).containsExactly(str(noSpace));
        assertThat(ids(list("&node=pve5"))).containsExactly(str(percent), str(noSpace));
        assertThat(ids(list("&from=" + T0.plus(Duration.ofHours(1))))).as("from is inclusive").containsExactly(str(percent), str(noSpace));
        assertThat(ids(list("&to=" + T0.plus(Duration.ofHours(1))))).as("to is exclusive").containsExactly(str(locked));
        assertThat(ids(list("&node=pve5&to=" + T0.plus(Duration.ofHours(2))))).containsExactly(str(noSpace));
        assertThat(ops.get("/api/v1/admin/failed-jobs?owner=" + owner + "-other").json().get("totalItems").asInt())
                .as("owner narrows too").isOne();
    }

    @Test
    void theListIsPagedLikeTheVmList() {
        for (int i = 0; i < 5; i++) {
            rows.insert(failed("CLONING", "failure " + i).updatedAt(T0.plusSeconds(i)));
        }

        JsonNode first = ops.get(failedJobs("&size=2&page=0")).json();
        JsonNode last = ops.get(failedJobs("&size=2&page=2")).json();

        assertThat(first.get("totalItems").asInt()).isEqualTo(5);
        assertThat(first.get("totalPages").asInt()).isEqualTo(3);
        assertThat(first.get("size").asInt()).isEqualTo(2);
        assertThat(reasons(first)).containsExactly("failure 4", "failure 3");
        assertThat(reasons(last)).containsExactly("failure 0");
        assertThat(ops.get(failedJobs("&size=201")).status()).isEqualTo(400);
        assertThat(ops.get(failedJobs("&page=-1")).status()).isEqualTo(400);
    }

    @Test
    void aFilterThatMakesNoSenseIs400NamingIt() {
        Response badStep = ops.get(failedJobs("&step=EXPLODING"));
        Response badTime = ops.get(failedJobs("&from=yesterday&to=2025-03-01"));
        Response backwards = ops.get(failedJobs("&from=" + T0 + "&to=" + T0.minusSeconds(1)));

        assertProblem(badStep, 400, "invalid-request");
        assertThat(fields(badStep)).containsExactly("step");
        assertProblem(badTime, 400, "invalid-request");
        assertThat(fields(badTime)).containsExactly("from", "to");
        assertProblem(backwards, 400, "invalid-request");
        assertThat(fields(backwards)).containsExactly("from");
    }

    @Test
    void oneJobInFullTellsItsStoryOldestAttemptFirst() {
        UUID id = rows.insert(failed("STARTING", "gave up after 2 attempts: VM 100020 is locked (clone)")
                .placed("pve4", 100020).lastError("VM 100020 is locked (clone)"));
        rows.attempt(id, "CLONE", 1, "worker-a", T0, T0.plusSeconds(40), "SUCCEEDED", null);
        rows.attempt(id, "START", 1, "worker-a", T0.plusSeconds(41), T0.plusSeconds(42), "RETRYING", "VM 100020 is locked (clone)");
        rows.attempt(id, "START", 2, "worker-b", T0.plusSeconds(50), null, null, null);

        JsonNode job = ops.get("/api/v1/admin/jobs/" + id).json();

        assertThat(job.get("id").asString()).isEqualTo(id.toString());
        assertThat(job.get("status").asString()).isEqualTo("FAILED");
        assertThat(job.get("step").asString()).isEqualTo("STARTING");
        assertThat(job.get("reason").asString()).startsWith("gave up after 2 attempts");
        assertThat(job.get("lastError").asString()).isEqualTo("VM 100020 is locked (clone)");
        assertThat(job.get("requestedBy").asString()).isEqualTo(TestIssuer.CALLER);
        assertThat(job.get("stuck").asBoolean()).isFalse();
        List<JsonNode> history = job.get("history").values().stream().toList();
        assertThat(history).extracting(a -> a.get("step").asString() + "#" + a.get("attempt").asInt() + "@" + a.get("worker").asString())
                .containsExactly("CLONE#1@worker-a", "START#1@worker-a", "START#2@worker-b");
        assertThat(history.get(1).get("outcome").asString()).isEqualTo("RETRYING");
        assertThat(history.get(1).get("error").asString()).isEqualTo("VM 100020 is locked (clone)");
        assertThat(Instant.parse(history.get(1).get("startedAt").asString())).isEqualTo(T0.plusSeconds(41));
        assertThat(Instant.parse(history.get(1).get("endedAt").asString())).isEqualTo(T0.plusSeconds(42));
        assertThat(history.get(2).has("endedAt")).as("cut short by a crash").isFalse();
        assertThat(history.get(2).has("outcome")).isFalse();
    }

    @Test
    void aJobInProgressUnchangedForLongerThanStuckAfterIsFlaggedStuck() {
        Instant longAgo = Instant.now().minus(Duration.ofMinutes(31));
        UUID stuck = rows.insert(new Job("PROVISIONING").owner(owner).step("CLONING").createdAt(longAgo));
        UUID moving = rows.insert(new Job("PROVISIONING").owner(owner).step("CLONING").updatedAt(Instant.now().minusSeconds(60)));
        UUID deletingLong = rows.insert(new Job("DELETING").owner(owner).createdAt(longAgo));
        UUID runningLong = rows.insert(new Job("RUNNING").owner(owner).createdAt(longAgo));
        UUID failedLong = rows.insert(failed("CLONING", "no space").createdAt(longAgo));

        assertThat(stuck(stuck)).isTrue();
        assertThat(stuck(deletingLong)).isTrue();
        assertThat(stuck(moving)).isFalse();
        assertThat(stuck(runningLong)).as("done, not stuck").isFalse();
        assertThat(stuck(failedLong)).as("failed, not stuck").isFalse();
    }

    @Test
    void aJobThatDoesNotExistIs404() {
        assertProblem(ops.get("/api/v1/admin/jobs/" + UUID.randomUUID()), 404, "vm-not-found");
    }

    private boolean stuck(UUID id) {
        return ops.get("/api/v1/admin/jobs/" + id).json().get("stuck").asBoolean();
    }

    private Job failed(String step, String reason) {
        return new Job("FAILED").owner(owner).step(step).failed(reason, 8, true);
    }

    private String failedJobs(String query) {
        return "/api/v1/admin/failed-jobs?owner=" + owner + query;
    }

    private JsonNode list(String query) {
        Response response = ops.get(failedJobs(query));
        assertThat(response.status()).as(response.body()).isEqualTo(200);
        return response.json();
    }

    @Test
    void jobsOnTheirWayAreListedLongestWithoutProgressFirstWithTheStuckOnesFlagged() {
        UUID cloningForTwoHours = rows.insert(owned("PROVISIONING").step("CLONING").placed("pve4", 100020)
                .lastError("VM 100020 is locked (clone)").createdAt(Instant.now().minus(Duration.ofHours(2))));
        UUID deletingForAnHour = rows.insert(owned("DELETING").placed("pve4", 100021).createdAt(Instant.now().minus(Duration.ofHours(1))));
        UUID startingNow = rows.insert(owned("PROVISIONING").step("STARTING").placed("pve5", 100022).createdAt(Instant.now().minusSeconds(5)));
        rows.insert(owned("RUNNING").placed("pve4", 100023).createdAt(Instant.now().minus(Duration.ofHours(3))));
        rows.insert(owned("FAILED").step("CLONING").failed("no space left", 1, false).createdAt(Instant.now().minus(Duration.ofHours(3))));

        JsonNode page = inProgressList("");

        assertThat(ids(page)).containsExactly(cloningForTwoHours.toString(), deletingForAnHour.toString(), startingNow.toString());
        assertThat(page.get("totalItems").asInt()).isEqualTo(3);
        assertThat(page.get("items").values()).extracting(item -> item.get("stuck").asBoolean()).containsExactly(true, true, false);
        JsonNode cloning = page.get("items").get(0);
        assertThat(cloning.get("status").asString()).isEqualTo("PROVISIONING");
        assertThat(cloning.get("step").asString()).isEqualTo("CLONING");
        assertThat(cloning.get("node").asString()).isEqualTo("pve4");
        assertThat(cloning.get("proxmoxVmid").asInt()).isEqualTo(100020);
        assertThat(cloning.get("lastError").asString()).isEqualTo("VM 100020 is locked (clone)");
        assertThat(Instant.parse(cloning.get("updatedAt").asString())).isBefore(Instant.now().minus(Duration.ofMinutes(119)));
    }

    @Test
    void eachFilterNarrowsTheJobsInProgress() {
        UUID stuckClone = rows.insert(owned("PROVISIONING").step("CLONING").placed("pve4", 100030).createdAt(Instant.now().minus(Duration.ofHours(2))));
        UUID freshClone = rows.insert(owned("PROVISIONING").step("CLONING").placed("pve5", 100031).createdAt(Instant.now().minusSeconds(5)));
        UUID stuckDeletion = rows.insert(owned("DELETING").placed("pve4", 100032).createdAt(Instant.now().minus(Duration.ofHours(1))));
        UUID requested = rows.insert(owned("REQUESTED").osImage("ubuntu-24.04").createdAt(Instant.now().minusSeconds(1)));

        assertThat(ids(inProgressList("&stuck=true"))).containsExactly(stuckClone.toString(), stuckDeletion.toString());
        assertThat(ids(inProgressList("&stuck=false"))).containsExactly(freshClone.toString(), requested.toString());
        assertThat(ids(inProgressList("&status=deleting"))).containsExactly(stuckDeletion.toString());
        assertThat(ids(inProgressList("&step=CLONING&node=pve5"))).containsExactly(freshClone.toString());
        assertThat(ids(inProgressList("&image=ubuntu-24.04"))).containsExactly(requested.toString());
        assertThat(inProgressList("&size=1&page=2").get("items").values()).extracting(item -> item.get("id").asString())
                .containsExactly(freshClone.toString());
    }

    @Test
    void aStatusThatIsNotInProgressOrAnUnknownStepIs400NamingIt() {
        Response response = ops.get("/api/v1/admin/jobs-in-progress?status=RUNNING&step=BOOTING");

        assertProblem(response, 400, "invalid-request");
        assertThat(response.json().get("errors").values()).extracting(error -> error.get("field").asString())
                .containsExactlyInAnyOrder("status", "step");
    }

    private Job owned(String status) {
        return new Job(status).owner(owner);
    }

    private JsonNode inProgressList(String filters) {
        Response response = ops.get("/api/v1/admin/jobs-in-progress?owner=" + owner + filters);
        assertThat(response.status()).as(response.body()).isEqualTo(200);
        return response.json();
    }

    private static List<String> ids(JsonNode page) {
        return page.get("items").values().stream().map(item -> item.get("id").asString()).toList();
    }

    private static List<String> reasons(JsonNode page) {
        return page.get("items").values().stream().map(item -> item.get("reason").asString()).toList();
    }

    private static List<String> fields(Response problem) {
        return problem.json().get("errors").values().stream().map(error -> error.get("field").asString()).toList();
    }

    private static String str(UUID id) {
        return id.toString();
    }
}
