package io.edukit.vmservice.worker.proxmox;

import org.junit.jupiter.api.Test;

import java.time.Duration;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class UsualDurationsTest {

    static final String CLONES_ON_PVE4 = "pve4/qmclone";

    UsualDurations durations = new UsualDurations(ms(10), ms(200));

    @Test
    void withoutAUsualDurationThePauseGrowsAsUsual() {
        assertThat(durations.pauseBeforeNextLook(CLONES_ON_PVE4, ms(900), ms(50))).isEqualTo(ms(50));
        assertThat(durations.pauseSkippingToTheUsualEnd(CLONES_ON_PVE4, ms(900), ms(50))).isEqualTo(ms(50));
    }

    @Test
    void theLooksComeAtTheShortestPauseAroundTheTimeTheKindUsuallyEnds() {
        durations.ended(CLONES_ON_PVE4, ms(950), ms(1050));
        assertThat(durations.usual(CLONES_ON_PVE4)).isEqualTo(ms(1000));

        assertThat(durations.pauseBeforeNextLook(CLONES_ON_PVE4, ms(0), ms(10))).as("long before: a quarter of the usual")
                .isEqualTo(ms(250));
        assertThat(durations.pauseBeforeNextLook(CLONES_ON_PVE4, ms(300), ms(400))).as("or the grown pause, if longer")
                .isEqualTo(ms(400));
        assertThat(durations.pauseBeforeNextLook(CLONES_ON_PVE4, ms(750), ms(50))).as("but not past the window's opening")
                .isEqualTo(ms(150));
        assertThat(durations.pauseBeforeNextLook(CLONES_ON_PVE4, ms(880), ms(50))).as("until the window opens").isEqualTo(ms(20));
        assertThat(durations.pauseBeforeNextLook(CLONES_ON_PVE4, ms(895), ms(50))).as("never below the shortest pause").isEqualTo(ms(10));
        assertThat(durations.pauseBeforeNextLook(CLONES_ON_PVE4, ms(950), ms(50))).as("in the window: 2 %% of the usual")
                .isEqualTo(ms(20));
        assertThat(durations.pauseBeforeNextLook(CLONES_ON_PVE4, ms(1490), ms(50))).isEqualTo(ms(20));
        assertThat(durations.pauseBeforeNextLook(CLONES_ON_PVE4, ms(1500), ms(50))).as("unusually long: growing again").isEqualTo(ms(50));
    }

    @Test
    void looksThatCostAnErrorUntilTheEndSkipToTheWindow() {
        durations.ended("pve4/guest-agent", ms(1450), ms(1550));

        assertThat(durations.pauseSkippingToTheUsualEnd("pve4/guest-agent", ms(0), ms(10)))
                .as("one window pause before the usual end").isEqualTo(ms(1425));
        assertThat(durations.pauseSkippingToTheUsualEnd("pve4/guest-agent", ms(1400), ms(10))).isEqualTo(ms(25));
        assertThat(durations.pauseSkippingToTheUsualEnd("pve4/guest-agent", ms(1430), ms(100))).as("in the window: 5 %% of the usual")
                .isEqualTo(ms(75));
        assertThat(durations.pauseSkippingToTheUsualEnd("pve4/guest-agent", ms(1430), ms(10)))
                .as("however short the grown pause: each early look is an error answer").isEqualTo(ms(75));
        assertThat(durations.pauseSkippingToTheUsualEnd("pve4/guest-agent", ms(2400), ms(50))).isEqualTo(ms(50));
    }

    @Test
    void aLongUsualDurationIsLookedAtNoLessOftenThanTheLongestPause() {
        durations.ended("pve4/qmclone", Duration.ofMinutes(3), Duration.ofMinutes(3));

        assertThat(durations.pauseBeforeNextLook("pve4/qmclone", Duration.ofSeconds(170), ms(200)))
                .as("in the window: 2 %% of 3 min would be 3.6 s").isEqualTo(ms(200));
        assertThat(durations.pauseBeforeNextLook("pve4/qmclone", Duration.ofSeconds(10), ms(200)))
                .as("before it: a quarter of 3 min would be 45 s; five longest pauses").isEqualTo(Duration.ofSeconds(1));
    }

    @Test
    void aShortUsualDurationIsLookedAtBeforeItsWindowNoMoreOftenThanTheLongestPause() {
        durations.ended("pve4/qmresize", ms(390), ms(410));

        assertThat(durations.pauseBeforeNextLook("pve4/qmresize", ms(0), ms(10))).as("a quarter of the usual would be 100 ms")
                .isEqualTo(ms(200));
        assertThat(durations.pauseBeforeNextLook("pve4/qmresize", ms(200), ms(15))).as("but not past the window's opening")
                .isEqualTo(ms(160));
    }

    @Test
    void withoutAUsualDurationAPauseGrowsByHalfUpToTheLongest() {
        assertThat(UsualDurations.grow(ms(100), ms(300))).isEqualTo(ms(150));
        assertThat(UsualDurations.grow(ms(250), ms(300))).isEqualTo(ms(300));
    }

    @Test
    void theShortestPauseMayNotBeLongerThanTheLongest() {
        assertThatThrownBy(() -> new UsualDurations(ms(500), ms(100))).isInstanceOf(IllegalArgumentException.class);
    }

    @Test
    void aShortUsualDurationIsLookedAtNoMoreOftenThanTheShortestPause() {
        durations.ended("pve4/qmconfig", ms(40), ms(60));

        assertThat(durations.pauseBeforeNextLook("pve4/qmconfig", ms(50), ms(15))).isEqualTo(ms(10));
    }

    @Test
    void aWaitSeenOverOnlyAfterALongGapCountsAsTakingUntilThenNoLonger() {
        durations.ended("pve4/guest-agent", ms(1390), ms(1410));
        durations.ended("pve4/guest-agent", ms(0), ms(1000));

        assertThat(durations.usual("pve4/guest-agent")).as("0.7 × 1400 + 0.3 × 1000, not the midpoint 500")
                .isEqualTo(ms(1280));
    }

    @Test
    void aWaitOverAtItsFirstLookJustBeforeTheUsualEndBringsTheUsualDownAsFastAsTheWindowsOpening() {
        durations.ended("pve4/guest-agent", ms(1390), ms(1410));
        durations.ended("pve4/guest-agent", ms(0), ms(1350));

        assertThat(durations.usual("pve4/guest-agent")).as("it may have ended long before: 0.7 × 1400 + 0.3 × 1260 (90 %% of it)")
                .isEqualTo(ms(1358));
    }

    @Test
    void afterOneSlowGuestTheUsualComesBackWithinSomeFortyWaits() {
        String agent = "pve4/guest-agent";
        durations.ended(agent, ms(29_900), ms(30_100));
        durations.ended(agent, ms(290_000), ms(291_000));
        int waits = 0;
        // Guests that answer after 30 s again, each first asked one window pause before the usual end.
        while (durations.usual(agent).compareTo(ms(33_000)) > 0) {
            Duration firstLook = durations.pauseSkippingToTheUsualEnd(agent, Duration.ZERO, ms(10));
            if (firstLook.compareTo(ms(30_000)) >= 0) {
                durations.ended(agent, Duration.ZERO, firstLook);
            } else {
                durations.ended(agent, firstLook, firstLook.plus(ms(200)));
            }
            waits++;
        }
        assertThat(waits).as("down by 3 %% a wait from 108 s; by 0.3 of one pause a wait, it took hundreds").isBetween(35, 45);
    }

    @Test
    void eachKindHasItsOwnUsualDurationWhichFollowsTheLatestWaits() {
        durations.ended(CLONES_ON_PVE4, ms(1000), ms(1000));
        durations.ended(CLONES_ON_PVE4, ms(2000), ms(2000));

        assertThat(durations.usual(CLONES_ON_PVE4)).isEqualTo(ms(1300));
        assertThat(durations.usual("pve4/qmstart")).isZero();
        assertThat(durations.pauseBeforeNextLook("pve5/qmclone", ms(1200), ms(50))).isEqualTo(ms(50));
    }

    private static Duration ms(long millis) {
        return Duration.ofMillis(millis);
    }
}
