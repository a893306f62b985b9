package io.edukit.vmservice.worker.proxmox;

import org.junit.jupiter.api.Test;

import java.time.Duration;

import static org.assertj.core.api.Assertions.assertThat;

class TaskTimingsTest {

    static final Upid CLONE_ON_PVE4 = new Upid("UPID:pve4:000A1B2C:0012D687:67A1B2C3:qmclone:9999:edukit-api-dev@pve!vm-service:");
    static final Upid START_ON_PVE4 = new Upid("UPID:pve4:000A1B2D:0012D688:67A1B2C4:qmstart:4101:edukit-api-dev@pve!vm-service:");
    static final Upid CLONE_ON_PVE5 = new Upid("UPID:pve5:000A1B2E:0012D689:67A1B2C5:qmclone:9999:edukit-api-dev@pve!vm-service:");

    TaskTimings timings = new TaskTimings(ms(10));

    @Test
    void withoutAUsualDurationThePauseGrowsAsUsual() {
        assertThat(timings.pauseBeforeNextPoll(CLONE_ON_PVE4, ms(900), ms(50))).isEqualTo(ms(50));
    }

    @Test
    void aTaskIsPolledAtTheShortestPauseAroundTheTimeItsKindUsuallyEnds() {
        timings.succeeded(CLONE_ON_PVE4, ms(950), ms(1050));
        assertThat(timings.usual(CLONE_ON_PVE4)).isEqualTo(ms(1000));

        assertThat(timings.pauseBeforeNextPoll(CLONE_ON_PVE4, ms(300), ms(50))).as("long before").isEqualTo(ms(50));
        assertThat(timings.pauseBeforeNextPoll(CLONE_ON_PVE4, ms(880), ms(50))).as("until the window opens").isEqualTo(ms(20));
        assertThat(timings.pauseBeforeNextPoll(CLONE_ON_PVE4, ms(895), ms(50))).as("never below the shortest pause").isEqualTo(ms(10));
        assertThat(timings.pauseBeforeNextPoll(CLONE_ON_PVE4, ms(950), ms(50))).as("in the window").isEqualTo(ms(10));
        assertThat(timings.pauseBeforeNextPoll(CLONE_ON_PVE4, ms(1490), ms(50))).isEqualTo(ms(10));
        assertThat(timings.pauseBeforeNextPoll(CLONE_ON_PVE4, ms(1500), ms(50))).as("unusually long: growing again").isEqualTo(ms(50));
    }

    @Test
    void eachKindOfTaskOnEachNodeHasItsOwnUsualDurationWhichFollowsTheLatestTasks() {
        timings.succeeded(CLONE_ON_PVE4, ms(1000), ms(1000));
        timings.succeeded(CLONE_ON_PVE4, ms(2000), ms(2000));

        assertThat(timings.usual(CLONE_ON_PVE4)).isEqualTo(ms(1300));
        assertThat(timings.usual(START_ON_PVE4)).isZero();
        assertThat(timings.usual(CLONE_ON_PVE5)).isZero();
        assertThat(timings.pauseBeforeNextPoll(START_ON_PVE4, ms(1200), ms(50))).isEqualTo(ms(50));
    }

    private static Duration ms(long millis) {
        return Duration.ofMillis(millis);
    }
}
