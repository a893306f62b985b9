package io.edukit.vmservice.api.ops;

import io.edukit.vmservice.api.support.ApiTestWithoutKafka;
import io.edukit.vmservice.api.support.HttpCaller;
import io.edukit.vmservice.api.support.HttpCaller.Response;
import io.edukit.vmservice.api.support.JobRows;
import io.edukit.vmservice.api.support.JobRows.Job;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.jdbc.core.simple.JdbcClient;

import java.util.UUID;

import static io.edukit.vmservice.api.support.ProblemAssertions.assertProblem;
import static org.assertj.core.api.Assertions.assertThat;

/** No broker answers: OPS hear 503, and a bulk replay says how many replays went out before it stopped. */
@ApiTestWithoutKafka
class ReplaysWithoutKafkaTest {

    @LocalServerPort
    int port;
    @Autowired
    JdbcClient jdbc;

    @Test
    void aBulkReplayKafkaDoesNotConfirmIs503SayingHowManyWerePublished() {
        String owner = "owner-" + UUID.randomUUID().toString().substring(0, 8);
        JobRows rows = new JobRows(jdbc);
        rows.insert(new Job("FAILED").owner(owner).step("CLONING").failed("VM is locked", 8, true));
        rows.insert(new Job("FAILED").owner(owner).step("CLONING").failed("VM is locked", 8, true));

        Response response = HttpCaller.admin(port).send("POST", "/api/v1/admin/failed-jobs/replay?owner=" + owner, null);

        assertProblem(response, 503, "replay-interrupted");
        assertThat(response.json().get("published").asInt()).isZero();
        assertThat(response.json().get("vmIds").values()).isEmpty();
        assertThat(response.json().get("detail").asString()).contains("0 of 2 replays were published");
    }

    @Test
    void aReplayKafkaDoesNotConfirmIs503() {
        UUID id = new JobRows(jdbc).insert(new Job("FAILED").step("CLONING").failed("VM is locked", 8, true));

        assertProblem(HttpCaller.admin(port).send("POST", "/api/v1/admin/jobs/" + id + "/replay", null), 503, "command-not-accepted");
    }

    @Test
    void readingTheDeadLettersWhenKafkaDoesNotAnswerIs503() {
        assertProblem(HttpCaller.admin(port).get("/api/v1/admin/dead-letters"), 503, "dead-letters-unreadable");
        assertProblem(HttpCaller.admin(port).get("/api/v1/admin/dead-letters/0/0"), 503, "dead-letters-unreadable");
    }
}
