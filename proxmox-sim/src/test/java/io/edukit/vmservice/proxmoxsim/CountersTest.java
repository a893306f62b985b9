package io.edukit.vmservice.proxmoxsim;

import static org.assertj.core.api.Assertions.assertThat;

import io.edukit.vmservice.proxmoxsim.testing.SimulatorExtension;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

class CountersTest {

    @RegisterExtension
    final SimulatorExtension pve = SimulatorExtension.with(SimulatorSettings.instant().toBuilder()
            .latency(LatencyModel.zero().withClone(Duration.ofSeconds(3), Duration.ZERO))
            .build());

    @Test
    void clonesAreCountedPerDescriptionMarker() {
        List<String> upids = List.of(
                pve.api().post("/nodes/pve4/qemu/9999/clone", "newid", "600", "description", "vmservice-id=aaa").upid(),
                pve.api().post("/nodes/pve4/qemu/9999/clone", "newid", "601", "description", "vmservice-id=bbb").upid(),
                pve.api().post("/nodes/pve4/qemu/9999/clone", "newid", "602", "description", "vmservice-id=aaa").upid());
        upids.forEach(pve.api()::awaitTask);

        CountersSnapshot counters = pve.sim().counters().snapshot();

        assertThat(counters.clonesWithMarker("vmservice-id=aaa")).isEqualTo(2);
        assertThat(counters.clonesWithMarker("vmservice-id=bbb")).isEqualTo(1);
        assertThat(counters.calls(Operation.CLONE)).isEqualTo(3);
        assertThat(counters.taskPolls()).isEqualTo(counters.calls(Operation.TASK_STATUS)).isPositive();
    }

    @Test
    void thePeakOfConcurrentCloneTasksIsKeptPerNode() {
        List<String> upids = new ArrayList<>();
        for (int i = 0; i < 3; i++) {
            upids.add(pve.api().post("/nodes/pve4/qemu/9999/clone", "newid", Integer.toString(610 + i), "full", "1").upid());
        }
        upids.forEach(pve.api()::awaitTask);
        pve.api().awaitTask(pve.api().post("/nodes/pve4/qemu/9999/clone", "newid", "613", "full", "1").upid());

        assertThat(pve.sim().counters().peakConcurrentClones("pve4")).isEqualTo(3);
        assertThat(pve.sim().counters().snapshot().runningClones()).containsEntry("pve4", 0);
    }

    @Test
    void eachStoppedTaskTellsHowLongProxmoxWorkedOnWhichVm() {
        pve.api().awaitTask(pve.api().post("/nodes/pve4/qemu/9999/clone", "newid", "620", "full", "1").upid());
        pve.api().awaitTask(pve.api().post("/nodes/pve4/qemu/620/config", "cores", "2").upid());

        List<TaskTiming> timings = pve.sim().taskTimings();

        assertThat(timings).extracting(TaskTiming::type, TaskTiming::vmid, TaskTiming::node)
                .containsExactlyInAnyOrder(org.assertj.core.groups.Tuple.tuple("qmclone", 620, "pve4"),
                        org.assertj.core.groups.Tuple.tuple("qmconfig", 620, "pve4"));
        TaskTiming clone = timings.stream().filter(t -> t.type().equals("qmclone")).findFirst().orElseThrow();
        assertThat(clone.succeeded()).isTrue();
        assertThat(clone.duration()).isBetween(Duration.ofMillis(2900), Duration.ofMillis(6000));
    }

    @Test
    void resettingStartsAfresh() {
        pve.api().get("/version");
        pve.api().get("/version");
        assertThat(pve.sim().counters().calls(Operation.VERSION)).isEqualTo(2);

        pve.sim().counters().reset();

        assertThat(pve.sim().counters().calls(Operation.VERSION)).isZero();
        assertThat(pve.sim().counters().snapshot().calls()).isEmpty();
    }

    @Test
    void rejectedCallsCountToo() {
        pve.api().withAuthorization(null).get("/version");
        pve.api().get("/nodes/pve4/unknown");

        assertThat(pve.sim().counters().calls(Operation.VERSION)).isEqualTo(1);
        assertThat(pve.sim().counters().snapshot().calls()).containsEntry("GET <unknown>", 1L);
    }
}
