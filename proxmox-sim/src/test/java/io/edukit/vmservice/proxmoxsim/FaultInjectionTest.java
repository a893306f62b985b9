package io.edukit.vmservice.proxmoxsim;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.awaitility.Awaitility.await;

import io.edukit.vmservice.proxmoxsim.testing.PveClient;
import io.edukit.vmservice.proxmoxsim.testing.PveResponse;
import java.io.UncheckedIOException;
import java.time.Duration;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

class FaultInjectionTest {

    private static final String LOCK_TIMEOUT = "can't lock file '/var/lock/qemu-server/lock-9999.conf' - got timeout";

    private ProxmoxSimulator sim;
    private PveClient api;

    @BeforeEach
    void start() {
        sim = ProxmoxSimulator.start(SimulatorSettings.instant());
        api = PveClient.of(sim);
    }

    @AfterEach
    void stop() {
        sim.close();
    }

    @Test
    void aScriptedFailureHitsTheNextCallsOnlyThenTheOperationWorksAgain() {
        sim.faults().failNext(Operation.CLONE, 2, 500, LOCK_TIMEOUT);

        PveResponse first = api.raw("POST", "/nodes/pve4/qemu/9999/clone", "newid", "500", "full", "1");
        PveResponse second = api.raw("POST", "/nodes/pve4/qemu/9999/clone", "newid", "500", "full", "1");
        PveResponse third = api.raw("POST", "/nodes/pve4/qemu/9999/clone", "newid", "500", "full", "1");

        assertThat(first.status()).isEqualTo(500);
        assertThat(first.reason()).isEqualTo(LOCK_TIMEOUT);
        assertThat(first.data().isNull()).isTrue();
        assertThat(second.reason()).isEqualTo(LOCK_TIMEOUT);
        assertThat(third.status()).isEqualTo(200);
        assertThat(api.awaitTask(third.upid()).path("exitstatus").asString()).isEqualTo("OK");
        assertThat(sim.faults().rules()).isEmpty();
    }

    @Test
    void aScriptedFailureOnlyHitsItsOperation() {
        sim.faults().failNext(Operation.START, 1, 596, "Connection timed out");

        assertThat(api.get("/version").status()).isEqualTo(200);
        PveResponse start = api.raw("POST", "/nodes/pve4/qemu/9999/status/start");

        assertThat(start.status()).isEqualTo(596);
        assertThat(start.reason()).isEqualTo("Connection timed out");
    }

    @Test
    void anErrorRateOfOneFailsEveryCallUntilCleared() {
        sim.faults().errorRate(null, 1.0, 503, "Service Unavailable");

        assertThat(api.raw("GET", "/version").status()).isEqualTo(503);
        assertThat(api.raw("GET", "/cluster/nextid").status()).isEqualTo(503);

        sim.faults().clear();
        assertThat(api.get("/version").status()).isEqualTo(200);
    }

    @Test
    void refusedConnectionsCloseTheSocketUnansweredForAWhile() {
        sim.faults().refuseConnectionsFor(Duration.ofMillis(1500));

        assertThatThrownBy(() -> api.get("/version")).isInstanceOf(UncheckedIOException.class);

        await().atMost(Duration.ofSeconds(5)).pollInterval(Duration.ofMillis(100)).ignoreExceptions()
                .until(() -> api.get("/version").status() == 200);
        assertThat(sim.faults().rules()).isEmpty();
    }

    @Test
    void aLatencySpikeDelaysTheAnswer() {
        sim.faults().latencySpikes(Operation.VERSION, 1.0, Duration.ofMillis(300));

        long started = System.nanoTime();
        assertThat(api.get("/version").status()).isEqualTo(200);

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
