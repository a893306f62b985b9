package io.edukit.vmservice.bench;

import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.util.List;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class ScenarioArgumentsTest {

    @Test
    void theLabStartIsFiveHundredVmsWithinTenSecondsOnThreeNodesCloningFourEachAtATwentiethOfRealTime() {
        Scenario lab = ScenarioArguments.parse(List.of("lab-start"));

        assertThat(lab.vms()).isEqualTo(500);
        assertThat(lab.load()).isEqualTo(new LoadShape.OpenLoop(50));
        assertThat(lab.nodes()).isEqualTo(3);
        assertThat(lab.clonesPerNode()).isEqualTo(4);
        assertThat(lab.proxmox().scaled(lab.proxmox().cloning())).isEqualTo(Duration.ofSeconds(1));
        assertThat(lab.proxmox().scaled(lab.proxmox().agent())).isEqualTo(Duration.ofMillis(1500));
        assertThat(lab.faultRate()).isZero();
    }

    @Test
    void flakyIsTheLabStartWithOneCallInTenFailing() {
        Scenario flaky = ScenarioArguments.parse(List.of("flaky"));
        Scenario lab = ScenarioArguments.parse(List.of("lab-start"));

        assertThat(flaky.faultRate()).isEqualTo(0.10);
        assertThat(flaky.proxmox()).isEqualTo(lab.proxmox());
        assertThat(flaky.vms()).isEqualTo(lab.vms());
    }

    @Test
    void overheadWaitsForNothingAndBacklogKeepsFiveThousandJobsInFlightInAWorkerOf256Mb() {
        assertThat(ScenarioArguments.parse(List.of("overhead")).proxmox()).isEqualTo(ProxmoxTiming.instant());
        Scenario backlog = ScenarioArguments.parse(List.of("backlog"));
        assertThat(backlog.vms()).isEqualTo(5000);
        assertThat(backlog.workerHeapMb()).isEqualTo(256);
    }

    @Test
    void optionsChangeTheNamedScenario() {
        Scenario s = ScenarioArguments.parse(List.of("overhead", "--vms", "400", "--concurrency", "32", "--nodes", "2",
                "--clones-per-node", "8", "--worker", "proxmox.task-poll-initial=20ms", "--worker", "a.b=c=d",
                "--warmup", "0", "--jvm", "-XX:+UseSerialGC", "--jvm", "-Xss512k", "--profile"));

        assertThat(s.vms()).isEqualTo(400);
        assertThat(s.load()).isEqualTo(new LoadShape.ClosedLoop(32));
        assertThat(s.nodes()).isEqualTo(2);
        assertThat(s.clonesPerNode()).isEqualTo(8);
        assertThat(s.workerSettings()).isEqualTo(Map.of("proxmox.task-poll-initial", "20ms", "a.b", "c=d"));
        assertThat(s.warmupVms()).isZero();
        assertThat(s.jvmOptions()).containsExactly("-XX:+UseSerialGC", "-Xss512k");
        assertThat(s.profile()).isTrue();
        assertThat(ScenarioArguments.parse(List.of("overhead")).jvmOptions()).as("the JVMs' defaults unless asked").isEmpty();
    }

    @Test
    void aRateMakesTheLoadOpen() {
        assertThat(ScenarioArguments.parse(List.of("lab-start", "--rate", "12.5")).load()).isEqualTo(new LoadShape.OpenLoop(12.5));
    }

    @Test
    void whatCannotBeReadIsRefusedNotIgnored() {
        assertThatThrownBy(() -> ScenarioArguments.parse(List.of())).hasMessageContaining("name a scenario");
        assertThatThrownBy(() -> ScenarioArguments.parse(List.of("soak"))).hasMessageContaining("no scenario 'soak'");
        assertThatThrownBy(() -> ScenarioArguments.parse(List.of("overhead", "--vms"))).hasMessageContaining("needs a value");
        assertThatThrownBy(() -> ScenarioArguments.parse(List.of("overhead", "--vms", "0"))).hasMessageContaining("whole number from 1");
        assertThatThrownBy(() -> ScenarioArguments.parse(List.of("overhead", "--jvm", "UseSerialGC"))).hasMessageContaining("takes a JVM option");
        assertThatThrownBy(() -> ScenarioArguments.parse(List.of("overhead", "--rate", "fast"))).hasMessageContaining("above 0");
        assertThatThrownBy(() -> ScenarioArguments.parse(List.of("flaky", "--fault-rate", "1.5"))).hasMessageContaining("number from 0.0 to 1.0");
        assertThatThrownBy(() -> ScenarioArguments.parse(List.of("overhead", "--worker", "novalue"))).hasMessageContaining("key=value");
        assertThatThrownBy(() -> ScenarioArguments.parse(List.of("overhead", "--turbo", "1"))).hasMessageContaining("unknown option --turbo");
    }
}
