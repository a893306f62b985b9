package io.edukit.vmservice.proxmoxsim;

import static org.assertj.core.api.Assertions.assertThat;

import io.edukit.vmservice.proxmoxsim.testing.PveClient;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

class CountersTest {

    private ProxmoxSimulator sim;
    private PveClient api;

    @BeforeEach
    void start() {
        sim = ProxmoxSimulator.start(SimulatorSettings.instant().toBuilder()
                .latency(LatencyModel.zero().withClone(Duration.ofMillis(1500), Duration.ZERO))
                .build());
        api = PveClient.of(sim);
    }

    @AfterEach
    void stop() {
        sim.close();
    }

    @Test
    void clonesAreCountedPerDescriptionMarker() {
        List<String> upids = List.of(
                api.post("/nodes/pve4/qemu/9999/clone", "newid", "600", "description", "vmservice-id=aaa").upid(),
                api.post("/nodes/pve4/qemu/9999/clone", "newid", "601", "description", "vmservice-id=bbb").upid(),
                api.post("/nodes/pve4/qemu/9999/clone", "newid", "602", "description", "vmservice-id=aaa").upid());
        upids.forEach(api::awaitTask);

        CountersSnapshot counters = sim.counters().snapshot();

        assertThat(counters.clonesWithMarker("vmservice-id=aaa")).isEqualTo(2);
        assertThat(counters.clonesWithMarker("vmservice-id=bbb")).isEqualTo(1);
        assertThat(counters.calls(Operation.CLONE)).isEqualTo(3);
        assertThat(counters.taskPolls()).isEqualTo(counters.calls(Operation.TASK_STATUS)).isPositive();
    }

    @Test
    void thePeakOfConcurrentCloneTasksIsKeptPerNode() {
        List<String> upids = new ArrayList<>();
        for (int i = 0; i < 3; i++) {
            upids.add(api.post("/nodes/pve4/qemu/9999/clone", "newid", Integer.toString(610 + i), "full", "1").upid());
        }
        upids.forEach(api::awaitTask);
        api.awaitTask(api.post("/nodes/pve4/qemu/9999/clone", "newid", "613", "full", "1").upid());

        assertThat(sim.counters().peakConcurrentClones("pve4")).isEqualTo(3);
        assertThat(sim.counters().snapshot().runningClones()).containsEntry("pve4", 0);
    }

    @Test
    void resettingStartsAfresh() {
        api.get("/version");
        api.get("/version");
        assertThat(sim.counters().calls(Operation.VERSION)).isEqualTo(2);

        sim.counters().reset();

        assertThat(sim.counters().calls(Operation.VERSION)).isZero();
        assertThat(sim.counters().snapshot().calls()).isEmpty();
    }

    @Test
    void rejectedCallsCountToo() {
        api.withAuthorization(null).get("/version");
        api.get("/nodes/pve4/unknown");

        assertThat(sim.counters().calls(Operation.VERSION)).isEqualTo(1);
        assertThat(sim.counters().snapshot().calls()).containsEntry("GET <unknown>", 1L);
    }
}
