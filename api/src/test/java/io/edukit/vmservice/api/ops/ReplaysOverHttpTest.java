package io.edukit.vmservice.api.ops;

import io.edukit.vmservice.api.support.ApiTest;
import io.edukit.vmservice.api.support.HttpCaller;
import io.edukit.vmservice.api.support.HttpCaller.Response;
import io.edukit.vmservice.api.support.JobRows;
import io.edukit.vmservice.api.support.JobRows.Job;
import io.edukit.vmservice.api.support.TestIssuer;
import io.edukit.vmservice.schemas.MessageCodec;
import io.edukit.vmservice.schemas.Topics;
import io.edukit.vmservice.schemas.VmCommand;
import io.edukit.vmservice.schemas.VmReplayRequested;
import io.edukit.vmservice.testsupport.KafkaProbe;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.kafka.test.EmbeddedKafkaBroker;
import tools.jackson.databind.JsonNode;

import java.time.Duration;
import java.util.Collection;
import java.util.List;
import java.util.Set;
import java.util.UUID;
import java.util.stream.Collectors;

import static io.edukit.vmservice.api.support.ProblemAssertions.assertProblem;
import static org.assertj.core.api.Assertions.assertThat;

/** Replays over HTTP, one job or many by filter, seen on the command topic. */
@ApiTest
class ReplaysOverHttpTest {

    @LocalServerPort
    int port;
    /** This context's own broker: another context's @EmbeddedKafka rewrites the global brokers property. */
    @Autowired
    EmbeddedKafkaBroker broker;
    @Autowired
    MessageCodec codec;
    @Autowired
    JdbcClient jdbc;

    HttpCaller ops;
    JobRows rows;
    KafkaProbe commands;
    String owner;

    @BeforeEach
    void connect() {
        ops = HttpCaller.admin(port);
        rows = new JobRows(jdbc);
        commands = new KafkaProbe(broker.getBrokersAsString(), Topics.COMMANDS);
        owner = "owner-" + UUID.randomUUID().toString().substring(0, 8);
    }

    @AfterEach
    void disconnect() {
        commands.close();
    }

    @Test
    void replayingAFailedJobPublishesVmReplayRequestedKeyedByVmIdByTheCaller() {
        UUID id = rows.insert(failed("STARTING"));

        Response response = ops.send("POST", "/api/v1/admin/jobs/" + id + "/replay", null);

        assertThat(response.status()).as(response.body()).isEqualTo(202);
        assertThat(response.json().get("published").asInt()).isOne();
        assertThat(ids(response.json())).containsExactly(id.toString());
        List<VmReplayRequested> replays = replaysFor(Set.of(id), 1);
        assertThat(replays).singleElement().satisfies(replay -> {
            assertThat(replay.vmId()).isEqualTo(id);
            assertThat(replay.requestedBy()).as("the caller the token names").isEqualTo(TestIssuer.OPERATOR);
        });
    }

    @Test
    void replayingAJobThatIsNotFailedIs409NamingItsStatusAndPublishesNothing() {
        UUID running = rows.insert(new Job("RUNNING").owner(owner).placed("pve4", 100030));

        Response response = ops.send("POST", "/api/v1/admin/jobs/" + running + "/replay", null);

        assertProblem(response, 409, "job-not-failed");
        assertThat(response.json().get("detail").asString()).contains("RUNNING");
        assertThat(commandsFor(Set.of(running), commands.readToEnd(Duration.ofSeconds(30)))).isEmpty();
    }

    @Test
    void replayingAJobThatDoesNotExistIs404() {
        assertProblem(ops.send("POST", "/api/v1/admin/jobs/" + UUID.randomUUID() + "/replay", null), 404, "vm-not-found");
    }

    @Test
    void aDryRunNamesTheMatchingFailedJobsAndPublishesNothing() {
        UUID locked = rows.insert(failed("STARTING").failed("VM is locked", 8, true));
        UUID alsoLocked = rows.insert(failed("CLONING").failed("can't lock file: got timeout (locked)", 8, true));
        UUID noSpace = rows.insert(failed("CLONING").failed("no space left on device", 1, false));
        UUID running = rows.insert(new Job("RUNNING").owner(owner));

        Response response = ops.send("POST", "/api/v1/admin/failed-jobs/replay?dryRun=true&reason=lock&owner=" + owner, null);

        assertThat(response.status()).as(response.body()).isEqualTo(200);
        JsonNode answer = response.json();
        assertThat(answer.get("dryRun").asBoolean()).isTrue();
        assertThat(answer.get("published").asInt()).isZero();
        assertThat(answer.get("matching").asInt()).isEqualTo(2);
        assertThat(answer.get("limit").asInt()).isEqualTo(JobReplays.LIMIT);
        assertThat(ids(answer)).containsExactlyInAnyOrder(locked.toString(), alsoLocked.toString());
        assertThat(commandsFor(Set.of(locked, alsoLocked, noSpace, running), commands.readToEnd(Duration.ofSeconds(30)))).isEmpty();
    }

    @Test
    void aBulkReplayPublishesOneReplayForEachMatchingFailedJobAndNoOther() {
        UUID cloning1 = rows.insert(failed("CLONING"));
        UUID cloning2 = rows.insert(failed("CLONING"));
        UUID starting = rows.insert(failed("STARTING"));
        UUID provisioning = rows.insert(new Job("PROVISIONING").owner(owner).step("CLONING"));

        Response response = ops.send("POST", "/api/v1/admin/failed-jobs/replay?step=CLONING&owner=" + owner, null);

        assertThat(response.status()).as(response.body()).isEqualTo(202);
        assertThat(response.json().get("published").asInt()).isEqualTo(2);
        assertThat(response.json().get("dryRun").asBoolean()).isFalse();
        assertThat(ids(response.json())).containsExactlyInAnyOrder(cloning1.toString(), cloning2.toString());
        Set<UUID> all = Set.of(cloning1, cloning2, starting, provisioning);
        List<VmReplayRequested> replays = replaysFor(all, 2);
        assertThat(replays).extracting(VmReplayRequested::vmId).containsExactlyInAnyOrder(cloning1, cloning2);
        assertThat(replays).extracting(VmReplayRequested::requestedBy).containsOnly(TestIssuer.OPERATOR);
        assertThat(commandsFor(all, commands.readToEnd(Duration.ofSeconds(30)))).as("one replay per matching job, no more").isEmpty();
    }

    @Test
    void aBulkReplayWithAFilterThatMakesNoSenseIs400AndPublishesNothing() {
        UUID id = rows.insert(failed("CLONING"));

        assertProblem(ops.send("POST", "/api/v1/admin/failed-jobs/replay?from=soon&owner=" + owner, null), 400, "invalid-request");
        assertThat(commandsFor(Set.of(id), commands.readToEnd(Duration.ofSeconds(30)))).isEmpty();
    }

    private Job failed(String step) {
        return new Job("FAILED").owner(owner).step(step).failed("VM is locked", 8, true);
    }

    /** Waits for {@code count} commands keyed by these VMs; all must be replays. */
    private List<VmReplayRequested> replaysFor(Set<UUID> vmIds, int count) {
        List<VmCommand> found = commandsFor(vmIds, commands.readUntil(read -> commandsFor(vmIds, read).size() >= count,
                Duration.ofSeconds(20)));
        assertThat(found).allSatisfy(command -> assertThat(command).isInstanceOf(VmReplayRequested.class));
        return found.stream().map(VmReplayRequested.class::cast).toList();
    }

    private List<VmCommand> commandsFor(Set<UUID> vmIds, Collection<ConsumerRecord<String, byte[]>> read) {
        Set<String> keys = vmIds.stream().map(UUID::toString).collect(Collectors.toSet());
        return read.stream().filter(record -> keys.contains(record.key())).map(record -> codec.decodeCommand(record.value())).toList();
    }

    private static List<String> ids(JsonNode answer) {
        return answer.get("vmIds").values().stream().map(JsonNode::asString).toList();
    }
}
