package io.edukit.vmservice.bench;

import org.junit.jupiter.api.Test;

import java.time.Duration;

import static org.assertj.core.api.Assertions.assertThat;

class IdealMakespanTest {

    /** Clone 20 s, then 1 + 2 + 5 s of tasks and 30 s of boot, scaled by 0.05; no request latency. */
    static final ProxmoxTiming LAB = new ProxmoxTiming(Duration.ZERO, Duration.ofSeconds(20), Duration.ofSeconds(1),
            Duration.ofSeconds(2), Duration.ofSeconds(5), Duration.ofSeconds(30), 0.05, 0);

    @Test
    void aPerfectOrchestratorKeepsEveryCloneSlotBusyAndFinishesTheLastVmAfterItsLastClone() {
        long[] allAtOnce = new long[500];

        // 500 clones of 1 s through 12 slots: 42 rounds (the last one partly filled), then 1.9 s after the last clone.
        assertThat(IdealMakespan.of(allAtOnce, LAB, 3, 4)).isEqualTo(Duration.ofMillis(42_000 + 1_900));
    }

    @Test
    void theLabStartsVmsAskedForWithinTenSecondsAsFastAsTheSlotsAllowNotAsTheyArrive() {
        long[] arrivals = IdealMakespan.evenArrivals(500, Duration.ofSeconds(10));

        // 50 arrivals a second outrun 12 clones a second: the slots, not the arrivals, set the pace. Slot j is
        // busy from VM j's arrival (20 ms apart) on; VM 499 is slot 7's 42nd clone: 0.14 s + 41 s, then 1 s + 1.9 s.
        assertThat(IdealMakespan.of(arrivals, LAB, 3, 4)).isEqualTo(Duration.ofMillis(44_040));
    }

    @Test
    void slowArrivalsSetThePaceWhenTheSlotsAreNeverAllBusy() {
        long[] oneASecond = IdealMakespan.evenArrivals(10, Duration.ofSeconds(10));

        // The last VM is asked for at 9 s and needs 1 s of clone and 1.9 s more.
        assertThat(IdealMakespan.of(oneASecond, LAB, 3, 4)).isEqualTo(Duration.ofMillis(11_900));
    }

    @Test
    void withNothingToWaitForTheIdealIsTheTimeOverWhichTheVmsWereAskedFor() {
        long[] arrivals = IdealMakespan.evenArrivals(200, Duration.ofSeconds(1));

        assertThat(IdealMakespan.of(arrivals, ProxmoxTiming.instant(), 1, 2)).isEqualTo(Duration.ofMillis(995));
    }

    @Test
    void eachCallsAnswerCountsOnceForEveryStepThatStartsATask() {
        ProxmoxTiming withRequests = new ProxmoxTiming(Duration.ofMillis(20), Duration.ofSeconds(20), Duration.ofSeconds(1),
                Duration.ofSeconds(2), Duration.ofSeconds(5), Duration.ofSeconds(30), 0.05, 0);

        // One VM: clone call + task, then three calls with their tasks and the agent's one answer.
        assertThat(IdealMakespan.of(new long[] {0}, withRequests, 1, 1)).isEqualTo(Duration.ofMillis(1_001 + 1_904));
    }

    @Test
    void noVmsTakeNoTime() {
        assertThat(IdealMakespan.of(new long[0], LAB, 3, 4)).isZero();
    }
}
