package io.edukit.vmservice.api.vms;

import io.edukit.vmservice.api.support.ApiTest;
import io.edukit.vmservice.api.support.HttpCaller;
import io.edukit.vmservice.api.support.HttpCaller.Response;
import io.edukit.vmservice.api.support.TestIssuer;
import io.edukit.vmservice.schemas.MessageCodec;
import io.edukit.vmservice.schemas.Topics;
import io.edukit.vmservice.schemas.VmCommand;
import io.edukit.vmservice.schemas.VmDeletionRequested;
import io.edukit.vmservice.testsupport.KafkaProbe;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.kafka.test.EmbeddedKafkaBroker;

import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;
import java.util.UUID;

import static io.edukit.vmservice.api.vms.VmRequestFixtures.aRequest;
import static org.assertj.core.api.Assertions.assertThat;

/** Idempotency keys belong to the caller the token names ({@code sub} here, the default caller claim). */
@ApiTest
class TheCallerComesFromTheTokenTest {

    @LocalServerPort
    int port;
    @Autowired
    EmbeddedKafkaBroker broker;
    @Autowired
    MessageCodec codec;

    @Test
    void oneKeyFromTwoCallersNamesTwoVmsEachDerivedFromCallerAndKey() {
        String key = UUID.randomUUID().toString();
        String owner = "owner-" + key.substring(0, 8);

        Response fromCourses = as("edukit-course-service").post("/api/v1/vms", key, aRequest(owner));
        Response fromExams = as("edukit-exam-service").post("/api/v1/vms", key, aRequest(owner));

        assertThat(fromCourses.status()).isEqualTo(202);
        assertThat(fromExams.status()).isEqualTo(202);
        assertThat(fromCourses.json().get("id").asString()).isEqualTo(vmId("edukit-course-service", key).toString());
        assertThat(fromExams.json().get("id").asString()).isEqualTo(vmId("edukit-exam-service", key).toString());
        assertThat(as("edukit-course-service").get("/api/v1/vms?ownerId=" + owner).json().get("totalItems").asInt())
                .as("each caller reads the VMs it asked for").isOne();
        assertThat(as("edukit-exam-service").get("/api/v1/vms?ownerId=" + owner).json().get("totalItems").asInt()).isOne();
        assertThat(HttpCaller.withToken(port, TestIssuer.token(TestIssuer.OPERATOR, "vm:read vm:admin")).get("/api/v1/vms?ownerId=" + owner).json().get("totalItems").asInt()).isEqualTo(2);
    }

    @Test
    void theSameCallerWithAFreshTokenGetsTheSameVm() {
        String key = UUID.randomUUID().toString();
        String first = as("edukit-course-service").post("/api/v1/vms", key, aRequest("oscar")).json().get("id").asString();

        String renewed = TestIssuer.token().subject("edukit-course-service").scopes("vm:request vm:read vm:admin")
                .claim("azp", "another-client").sign();
        Response again = HttpCaller.withToken(port, renewed).post("/api/v1/vms", key, aRequest("oscar"));

        assertThat(again.status()).isEqualTo(202);
        assertThat(again.json().get("id").asString()).isEqualTo(first);
    }

    @Test
    void aDeletionCarriesTheCallerWhoAskedForIt() {
        String id = as("edukit-course-service").post("/api/v1/vms", UUID.randomUUID().toString(), aRequest("peggy"))
                .json().get("id").asString();

        HttpCaller opsConsole = HttpCaller.withToken(port, TestIssuer.token("edukit-ops-console", "vm:request vm:admin"));
        assertThat(opsConsole.delete("/api/v1/vms/" + id).status()).isEqualTo(202);

        try (KafkaProbe commands = new KafkaProbe(broker.getBrokersAsString(), Topics.COMMANDS)) {
            List<VmCommand> published = commands.readUntil(read -> read.stream().filter(r -> id.equals(r.key())).count() == 2,
                    Duration.ofSeconds(20)).stream().filter(r -> id.equals(r.key())).map(r -> codec.decodeCommand(r.value())).toList();
            assertThat(published).last().isInstanceOfSatisfying(VmDeletionRequested.class,
                    deletion -> assertThat(deletion.requestedBy()).isEqualTo("edukit-ops-console"));
        }
    }

    @Test
    void aTokenThatNamesNoCallerIsRefused() {
        String anonymous = TestIssuer.token().claim("sub", null).scopes("vm:request").sign();

        Response response = HttpCaller.withToken(port, anonymous).post("/api/v1/vms", UUID.randomUUID().toString(), aRequest("quinn"));

        VmIntakeOverHttpTest.assertProblem(response, 401, "unauthorized");
        assertThat(response.json().get("detail").asString()).contains("The token names no caller: it has no 'sub' claim");
    }

    private HttpCaller as(String caller) {
        return HttpCaller.withToken(port, TestIssuer.token(caller, "vm:request vm:read"));
    }

    /** How a VM id is derived, written out: a name-based UUID of caller and key. */
    private static UUID vmId(String caller, String key) {
        return UUID.nameUUIDFromBytes((caller + "\n" + key).getBytes(StandardCharsets.UTF_8));
    }
}
