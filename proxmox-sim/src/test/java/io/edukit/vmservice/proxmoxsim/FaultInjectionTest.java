package io.edukit.vmservice.proxmoxsim;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.awaitility.Awaitility.await;

import io.edukit.vmservice.proxmoxsim.testing.PveClient;
import io.edukit.vmservice.proxmoxsim.testing.PveResponse;
import io.edukit.vmservice.proxmoxsim.testing.SimulatorExtension;
import java.io.UncheckedIOException;
import java.time.Duration;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

class FaultInjectionTest {

    private static final String LOCK_TIMEOUT = "can't lock file '/var/lock/qemu-server/lock-9999.conf' - got timeout";

    @RegisterExtension
    final SimulatorExtension pve = SimulatorExtension.instant();

    @Test
    void aScriptedFailureHitsTheNextCallsOnlyThenTheOperationWorksAgain() {
        pve.sim().faults().failNext(Operation.CLONE, 2, 500, LOCK_TIMEOUT);

        PveResponse first = pve.api().raw("POST", "/nodes/pve4/qemu/9999/clone", "newid", "500", "full", "1");
        PveResponse second = pve.api().raw("POST", "/nodes/pve4/qemu/9999/clone", "newid", "500", "full", "1");
        PveResponse third = pve.api().raw("POST", "/nodes/pve4/qemu/9999/clone", "newid", "500", "full", "1");

        assertThat(first.status()).isEqualTo(500);
        assertThat(first.reason()).isEqualTo(LOCK_TIMEOUT);
        assertThat(first.data().isNull()).isTrue();
        assertThat(second.reason()).isEqualTo(LOCK_TIMEOUT);
        assertThat(third.status()).isEqualTo(200);
        assertThat(pve.api().awaitTask(third.upid()).path("exitstatus").asString()).isEqualTo("OK");
        assertThat(pve.sim().faults().rules()).isEmpty();
    }

    @Test
    void aScriptedFailureOnlyHitsItsOperation() {
        pve.sim().faults().failNext(Operation.START, 1, 596, "Connection timed out");

        assertThat(pve.api().get("/version").status()).isEqualTo(200);
        PveResponse start = pve.api().raw("POST", "/nodes/pve4/qemu/9999/status/start");

        assertThat(start.status()).isEqualTo(596);
        assertThat(start.reason()).isEqualTo("Connection timed out");
    }

    @Test
    void anErrorRateOfOneFailsEveryCallUntilCleared() {
        pve.sim().faults().errorRate(null, 1.0, 503, "Service Unavailable");

        assertThat(pve.api().raw("GET", "/version").status()).isEqualTo(503);
        assertThat(pve.api().raw("GET", "/cluster/nextid").status()).isEqualTo(503);

        pve.sim().faults().clear();
        assertThat(pve.api().get("/version").status()).isEqualTo(200);
    }

    @Test
    void refusedConnectionsCloseTheSocketUnansweredForAWhile() {
        pve.sim().faults().refuseConnectionsFor(Duration.ofMillis(1500));

        assertThatThrownBy(() -> pve.api().get("/version")).isInstanceOf(UncheckedIOException.class);

        await().atMost(Duration.ofSeconds(5)).pollInterval(Duration.ofMillis(100)).ignoreExceptions()
                .until(() -> pve.api().get("/version").status() == 200);
        assertThat(pve.sim().faults().rules()).isEmpty();
    }

    @Test
    void aLatencySpikeDelaysTheAnswer() {
        pve.sim().faults().latencySpikes(Operation.VERSION, 1.0, Duration.ofMillis(300));

        long started = System.nanoTime();
        assertThat(pve.api().get("/version").status()).isEqualTo(200);

        assertThat(Duration.ofNanos(System.nanoTime() - started)).isGreaterThanOrEqualTo(Duration.ofMillis(300));
    }

    @Test
    void faultsGivenInTheSettingsAreInForceFromTheStart() {
        try (ProxmoxSimulator faulty = ProxmoxSimulator.start(SimulatorSettings.instant().toBuilder()
                .fault(new FaultRule.ScriptedFailure(Operation.VERSION, 1, 500, "boom")).build())) {
            PveClient client = PveClient.of(faulty);

            assertThat(client.raw("GET", "/version").reason()).isEqualTo("boom");
            assertThat(client.get("/version").status()).isEqualTo(200);
        }
    }
}
