package io.edukit.vmservice.bench;

import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

class CpuTimesTest {

    @Test
    void aRunCostsEachProcessWhatItUsedBetweenTheTwoReadingsSharedOutOverTheVms() {
        CpuTimes before = times(Duration.ofSeconds(30), Duration.ofSeconds(12));
        CpuTimes after = times(Duration.ofSeconds(70), Duration.ofSeconds(20));

        Map<String, Double> perVm = after.since(before).perVmMillis(2000);

        assertThat(perVm).containsOnlyKeys("worker", "api", "total");
        assertThat(perVm.get("worker")).isCloseTo(20.0, within(1e-9));
        assertThat(perVm.get("api")).isCloseTo(4.0, within(1e-9));
        assertThat(perVm.get("total")).isCloseTo(24.0, within(1e-9));
    }

    @Test
    void aProcessFirstSeenAtTheEndCountsAllItUsed() {
        CpuTimes before = new CpuTimes(Map.of());

        assertThat(times(Duration.ofSeconds(3), Duration.ZERO).since(before).perVmMillis(1000))
                .containsEntry("worker", 3.0).containsEntry("api", 0.0);
    }

    @Test
    void whatThePostmastersEndedChildrenUsedIsReadFromItsStatLine() {
        String stat = "4242 (postgres: main) S 1 4242 4242 0 -1 4194560 900 81000 0 3 120 45 2500 730 20 0 7 0 1234 "
                + "215777280 4500 18446744073709551615 1 1 0 0 0 0 0 4096 0 0 0 0 17 1 0 0 0 0 0";

        assertThat(CpuTimes.reapedChildren(stat)).as("cutime 2500 + cstime 730 ticks of 10 ms").isEqualTo(Duration.ofMillis(32_300));
    }

    private static CpuTimes times(Duration worker, Duration api) {
        Map<String, Duration> times = new LinkedHashMap<>();
        times.put("worker", worker);
        times.put("api", api);
        return new CpuTimes(times);
    }
}
