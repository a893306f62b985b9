package io.edukit.vmservice.worker.proxmox;

import com.github.tomakehurst.wiremock.client.ResponseDefinitionBuilder;
import com.github.tomakehurst.wiremock.http.Fault;
import com.github.tomakehurst.wiremock.junit5.WireMockExtension;
import io.edukit.vmservice.worker.provisioning.FailureClass;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.springframework.boot.test.system.CapturedOutput;
import org.springframework.boot.test.system.OutputCaptureExtension;

import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

import static com.github.tomakehurst.wiremock.client.WireMock.aResponse;
import static com.github.tomakehurst.wiremock.client.WireMock.get;
import static com.github.tomakehurst.wiremock.client.WireMock.getRequestedFor;
import static com.github.tomakehurst.wiremock.client.WireMock.okJson;
import static com.github.tomakehurst.wiremock.client.WireMock.urlEqualTo;
import static com.github.tomakehurst.wiremock.client.WireMock.urlPathEqualTo;
import static com.github.tomakehurst.wiremock.core.WireMockConfiguration.wireMockConfig;
import static com.github.tomakehurst.wiremock.stubbing.Scenario.STARTED;
import static io.edukit.vmservice.worker.proxmox.ProxmoxClientRequestsTest.data;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

@ExtendWith(OutputCaptureExtension.class)
class TaskWaiterTest {

    static final Upid TASK = new Upid("UPID:pve4:000A1B2C:0012D687:67A1B2C3:qmstart:4101:edukit-api-dev@pve!vm-service:");
    static final String STATUS = "/api2/json/nodes/pve4/tasks/" + TASK.value() + "/status";
    static final String LOG = "/api2/json/nodes/pve4/tasks/" + TASK.value() + "/log";

    @RegisterExtension
    static WireMockExtension pve = WireMockExtension.newInstance().options(wireMockConfig().dynamicPort()).build();

    final List<Duration> pauses = new ArrayList<>();

    TaskWaiter waiter(Duration timeout) {
        return new TaskWaiter(ProxmoxFixtures.client(pve.baseUrl() + "/api2/json"),
                Duration.ofMillis(100), Duration.ofMillis(300), timeout, pauses::add);
    }

    @Test
    void pollsWithGrowingPausesUntilTheTaskStoppedOk() {
        statusSequence("{\"status\":\"running\"}", "{\"status\":\"running\"}", "{\"status\":\"running\"}",
                "{\"status\":\"running\"}", "{\"status\":\"stopped\",\"exitstatus\":\"OK\"}");

        waiter(Duration.ofMinutes(1)).await(TASK, "start of VM 4101");

        pve.verify(5, getRequestedFor(urlEqualTo(STATUS)));
        assertThat(pauses).containsExactly(Duration.ofMillis(100), Duration.ofMillis(150), Duration.ofMillis(225), Duration.ofMillis(300));
    }

    @Test
    void warningsAreSuccessAndLogged(CapturedOutput output) {
        statusSequence("{\"status\":\"stopped\",\"exitstatus\":\"WARNINGS: 1\"}");
        pve.stubFor(get(urlPathEqualTo(LOG)).willReturn(okJson(data("[{\"n\":1,\"t\":\"WARN: no efidisk configured\"}]"))));

        waiter(Duration.ofMinutes(1)).await(TASK, "start of VM 4101");

        assertThat(output).contains("ended with WARNINGS: 1: WARN: no efidisk configured");
    }

    @Test
    void aFailedTaskFailsWithTheLastLinesOfItsLogClassified() {
        statusSequence("{\"status\":\"stopped\",\"exitstatus\":\"volume 'local:snippets/vm-4101.yaml' does not exist\"}");
        pve.stubFor(get(urlPathEqualTo(LOG)).willReturn(okJson(data(
                "[{\"n\":1,\"t\":\"generating cloud-init ISO\"},{\"n\":2,\"t\":\"TASK ERROR: volume 'local:snippets/vm-4101.yaml' does not exist\"}]"))));

        assertThatThrownBy(() -> waiter(Duration.ofMinutes(1)).await(TASK, "start of VM 4101"))
                .isInstanceOf(ProxmoxException.class)
                .hasMessageContaining("task " + TASK + " failed: volume 'local:snippets/vm-4101.yaml' does not exist")
                .hasMessageContaining("task log: generating cloud-init ISO | TASK ERROR");
    }

    @Test
    void aTaskThatMetALockFailsTransiently() {
        statusSequence("{\"status\":\"stopped\",\"exitstatus\":\"can't lock file '/var/lock/qemu-server/lock-4101.conf' - got timeout\"}");
        pve.stubFor(get(urlPathEqualTo(LOG)).willReturn(okJson(data("[]"))));

        assertThatThrownBy(() -> waiter(Duration.ofMinutes(1)).await(TASK, "config of VM 4101"))
                .isInstanceOfSatisfying(ProxmoxException.class, e -> assertThat(e.failureClass()).isEqualTo(FailureClass.TRANSIENT));
    }

    @Test
    void aBrief400RightAfterTheTaskWasCreatedIsAskedAgain() {
        pve.stubFor(get(STATUS).inScenario("young").whenScenarioStateIs(STARTED)
                .willReturn(aResponse().withStatus(400).withStatusMessage("no such task")).willSetStateTo("known"));
        pve.stubFor(get(STATUS).inScenario("young").whenScenarioStateIs("known")
                .willReturn(okJson(data("{\"status\":\"stopped\",\"exitstatus\":\"OK\"}"))));

        waiter(Duration.ofMinutes(1)).await(TASK, "clone");

        pve.verify(2, getRequestedFor(urlEqualTo(STATUS)));
    }

    @Test
    void aTaskStillRunningAfterTheTimeoutIsATransientFailure() {
        pve.stubFor(get(STATUS).willReturn(okJson(data("{\"status\":\"running\"}"))));

        assertThatThrownBy(() -> waiter(Duration.ZERO).await(TASK, "clone"))
                .isInstanceOfSatisfying(ProxmoxException.class, e -> assertThat(e.failureClass()).isEqualTo(FailureClass.TRANSIENT))
                .hasMessageContaining("still running after");
    }

    @Test
    void clonesOfEachTemplateAreAKindOfTheirOwnAndOtherTasksOnlyByType() {
        Upid cloneOfDebian = new Upid("UPID:pve4:0001:0002:67A1B2C3:qmclone:9000:edukit@pve!vm:");
        Upid cloneOfWindows = new Upid("UPID:pve4:0003:0004:67A1B2C4:qmclone:9100:edukit@pve!vm:");
        Upid startOfOne = new Upid("UPID:pve4:0005:0006:67A1B2C5:qmstart:4101:edukit@pve!vm:");
        Upid startOfAnother = new Upid("UPID:pve4:0007:0008:67A1B2C6:qmstart:4102:edukit@pve!vm:");

        assertThat(TaskWaiter.kind(cloneOfDebian)).isEqualTo("pve4/qmclone/9000").isNotEqualTo(TaskWaiter.kind(cloneOfWindows));
        assertThat(TaskWaiter.kind(startOfOne)).isEqualTo("pve4/qmstart").isEqualTo(TaskWaiter.kind(startOfAnother));
    }

    @Test
    void aTasksWaitCountsFromWhenItsCallWasSent() {
        pve.stubFor(get(STATUS).willReturn(okJson(data("{\"status\":\"running\"}"))));
        long sentAMinuteAgo = System.nanoTime() - Duration.ofMinutes(1).toNanos();

        assertThatThrownBy(() -> waiter(Duration.ofSeconds(30)).await(TASK, "clone", sentAMinuteAgo))
                .isInstanceOf(ProxmoxException.class)
                .hasMessageContaining("still running after PT30S");
        assertThat(pauses).as("over its time at the first look").isEmpty();
    }

    @Test
    void aTaskStartedByAnEarlierAttemptNeitherTeachesNorFollowsItsKindsUsualDuration() {
        pollSequence(stoppedOk(), running(), running(), stoppedOk());
        TaskWaiter waiter = waiter(Duration.ofMinutes(1));
        waiter.await(TASK, "start", System.nanoTime() - Duration.ofSeconds(2).toNanos());
        Duration learned = waiter.usualDuration(TASK);
        assertThat(learned).as("a wait timed from its call teaches").isGreaterThanOrEqualTo(Duration.ofSeconds(2));

        waiter.awaitResumed(TASK, "start");

        assertThat(waiter.usualDuration(TASK)).as("a resumed wait began some unknown time after its task").isEqualTo(learned);
        assertThat(pauses).as("the growing pauses, not a quarter of the usual 2 s")
                .containsExactly(Duration.ofMillis(100), Duration.ofMillis(150));
    }

    @Test
    void transientPollFailuresBelowTheLimitAreRiddenOut(CapturedOutput output) {
        pollSequence(running(), connectionTimedOut(), lockTimeout(), aResponse().withFault(Fault.CONNECTION_RESET_BY_PEER),
                connectionTimedOut(), stoppedOk());

        waiter(Duration.ofMinutes(1)).await(TASK, "start of VM 4101");

        pve.verify(6, getRequestedFor(urlEqualTo(STATUS)));
        assertThat(pauses).hasSize(5);
        assertThat(output).contains("Status poll of Proxmox task " + TASK + " for start of VM 4101 failed (4 in a row, giving up at 5)")
                .doesNotContain(ProxmoxFixtures.SECRET);
    }

    @Test
    void theLimitOfFailedPollsInARowRethrowsTheTransientFailure() {
        pve.stubFor(get(STATUS).willReturn(connectionTimedOut()));

        assertThatThrownBy(() -> waiter(Duration.ofMinutes(1)).await(TASK, "start of VM 4101"))
                .isInstanceOfSatisfying(ProxmoxException.class, e -> {
                    assertThat(e.failureClass()).isEqualTo(FailureClass.TRANSIENT);
                    assertThat(e.status()).isEqualTo(596);
                })
                .hasMessageContaining("task status of " + TASK)
                .hasMessageContaining("Connection timed out");

        pve.verify(TaskWaiter.FAILED_POLLS_IN_A_ROW_TOLERATED, getRequestedFor(urlEqualTo(STATUS)));
        assertThat(pauses).hasSize(TaskWaiter.FAILED_POLLS_IN_A_ROW_TOLERATED - 1);
    }

    @Test
    void aSuccessfulPollResetsTheCountOfFailedPolls() {
        pollSequence(connectionTimedOut(), connectionTimedOut(), connectionTimedOut(), connectionTimedOut(), running(),
                lockTimeout(), lockTimeout(), lockTimeout(), lockTimeout(), stoppedOk());

        waiter(Duration.ofMinutes(1)).await(TASK, "start of VM 4101");

        pve.verify(10, getRequestedFor(urlEqualTo(STATUS)));
    }

    @Test
    void theToleranceCanBeSetPerWaiter() {
        pollSequence(connectionTimedOut(), connectionTimedOut(), stoppedOk());
        TaskWaiter strict = new TaskWaiter(ProxmoxFixtures.client(pve.baseUrl() + "/api2/json"),
                Duration.ofMillis(100), Duration.ofMillis(300), Duration.ofMinutes(1), pauses::add, 2);

        assertThatThrownBy(() -> strict.await(TASK, "clone"))
                .isInstanceOfSatisfying(ProxmoxException.class, e -> assertThat(e.status()).isEqualTo(596));

        pve.verify(2, getRequestedFor(urlEqualTo(STATUS)));
    }

    @Test
    void aPermanentPollFailureFailsAtOnce() {
        pollSequence(running(), aResponse().withStatus(403).withStatusMessage("Permission check failed (/nodes/pve4, Sys.Audit)"),
                stoppedOk());

        assertThatThrownBy(() -> waiter(Duration.ofMinutes(1)).await(TASK, "clone"))
                .isInstanceOfSatisfying(ProxmoxException.class, e -> {
                    assertThat(e.failureClass()).isEqualTo(FailureClass.PERMANENT);
                    assertThat(e.status()).isEqualTo(403);
                });

        pve.verify(2, getRequestedFor(urlEqualTo(STATUS)));
    }

    @Test
    void aTimeoutWhileThePollsFailSaysTheTaskWasNotSeen() {
        pve.stubFor(get(STATUS).willReturn(connectionTimedOut()));

        assertThatThrownBy(() -> waiter(Duration.ZERO).await(TASK, "clone"))
                .isInstanceOfSatisfying(ProxmoxException.class, e -> {
                    assertThat(e.failureClass()).isEqualTo(FailureClass.TRANSIENT);
                    assertThat(e.getCause()).isInstanceOf(ProxmoxException.class);
                })
                .hasMessageContaining("not seen to stop within")
                .hasMessageContaining("Connection timed out");
    }

    @Test
    void aFailedTaskWhoseLogCannotBeReadStillFailsWithItsOwnClassifiedReason() {
        statusSequence("{\"status\":\"stopped\",\"exitstatus\":\"volume 'local:snippets/vm-4101.yaml' does not exist\"}");
        pve.stubFor(get(urlPathEqualTo(LOG)).willReturn(connectionTimedOut()));

        assertThatThrownBy(() -> waiter(Duration.ofMinutes(1)).await(TASK, "start of VM 4101"))
                .isInstanceOfSatisfying(ProxmoxException.class, e -> {
                    assertThat(e.failureClass()).isEqualTo(FailureClass.PERMANENT);
                    assertThat(e.status()).isZero();
                })
                .hasMessageContaining("task " + TASK + " failed: volume 'local:snippets/vm-4101.yaml' does not exist")
                .hasMessageContaining("(log unavailable: Connection timed out)");
    }

    private static void statusSequence(String... answers) {
        pollSequence(Arrays.stream(answers).map(answer -> okJson(data(answer))).toArray(ResponseDefinitionBuilder[]::new));
    }

    private static void pollSequence(ResponseDefinitionBuilder... answers) {
        for (int i = 0; i < answers.length; i++) {
            pve.stubFor(get(STATUS).inScenario("task").whenScenarioStateIs(i == 0 ? STARTED : "poll-" + i)
                    .willReturn(answers[i]).willSetStateTo("poll-" + (i + 1)));
        }
    }

    private static ResponseDefinitionBuilder running() {
        return okJson(data("{\"status\":\"running\"}"));
    }

    private static ResponseDefinitionBuilder stoppedOk() {
        return okJson(data("{\"status\":\"stopped\",\"exitstatus\":\"OK\"}"));
    }

    /** What pveproxy answers when the node that runs the task did not answer in time. */
    private static ResponseDefinitionBuilder connectionTimedOut() {
        return aResponse().withStatus(596).withStatusMessage("Connection timed out");
    }

    private static ResponseDefinitionBuilder lockTimeout() {
        return aResponse().withStatus(500).withStatusMessage("got timeout");
    }
}
