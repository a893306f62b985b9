package io.edukit.vmservice.worker.execution;

import org.junit.jupiter.api.Test;
import org.springframework.boot.health.contributor.Health;
import org.springframework.boot.health.contributor.Status;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;

import static org.assertj.core.api.Assertions.assertThat;

class StepExecutorHealthIndicatorTest {

    static final Instant NOW = Instant.parse("2025-06-01T12:00:00Z");
    static final Clock CLOCK = Clock.fixed(NOW, ZoneOffset.UTC);
    static final Duration STALLED_AFTER = Duration.ofMinutes(1);

    @Test
    void aClaimLoopThatWentRoundLatelyIsUp() {
        Health health = indicator(true, NOW.minusSeconds(2)).health();

        assertThat(health.getStatus()).isEqualTo(Status.UP);
        assertThat(health.getDetails()).containsEntry("lastClaimPass", "2025-06-01T11:59:58Z").containsEntry("jobsInFlight", 3);
    }

    @Test
    void aClaimLoopStillPastTheLimitIsDownWithHowLongItHasBeenStill() {
        Health health = indicator(true, NOW.minus(Duration.ofSeconds(90))).health();

        assertThat(health.getStatus()).isEqualTo(Status.DOWN);
        assertThat(health.getDetails()).containsEntry("error", "the claim loop has not gone round for 90 s (limit 60 s)");
    }

    @Test
    void anExecutorThatDoesNotRunHereIsUpWhateverItsLastPass() {
        Health health = indicator(false, Instant.EPOCH).health();

        assertThat(health.getStatus()).isEqualTo(Status.UP);
        assertThat(health.getDetails()).containsEntry("executor", "not running on this replica");
    }

    private static StepExecutorHealthIndicator indicator(boolean running, Instant lastPass) {
        return new StepExecutorHealthIndicator(() -> running, () -> lastPass, () -> 3, STALLED_AFTER, CLOCK);
    }
}
