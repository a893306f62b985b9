package io.edukit.vmservice.worker.execution;

import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.util.Map;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;

import static org.assertj.core.api.Assertions.assertThat;

class ActiveVmsPerNodeTest {

    AtomicLong now = new AtomicLong(5_000_000_000L);
    ActiveVmsPerNode activeVms = new ActiveVmsPerNode(Duration.ofSeconds(1), now::get);
    AtomicInteger counts = new AtomicInteger();

    @Test
    void withinASecondTheLastCountIsUsedWithThePlacementsMadeHereSince() {
        assertThat(activeVms.current(() -> count(Map.of("pve4", 10, "pve5", 7)))).containsOnly(
                Map.entry("pve4", 10), Map.entry("pve5", 7));
        activeVms.placed("pve5");
        activeVms.placed("pve6");
        now.addAndGet(Duration.ofMillis(999).toNanos());

        assertThat(activeVms.current(() -> count(Map.of("pve4", 3)))).containsOnly(
                Map.entry("pve4", 10), Map.entry("pve5", 8), Map.entry("pve6", 1));
        assertThat(counts).hasValue(1);
    }

    @Test
    void aCountASecondOldIsTakenAgainAndReplacesWhatWasAddedToIt() {
        activeVms.current(() -> count(Map.of("pve4", 10)));
        activeVms.placed("pve4");
        now.addAndGet(Duration.ofSeconds(1).toNanos());

        assertThat(activeVms.current(() -> count(Map.of("pve4", 4, "pve5", 2)))).containsOnly(
                Map.entry("pve4", 4), Map.entry("pve5", 2));
        assertThat(counts).hasValue(2);
    }

    @Test
    void whatAClaimDoesWithTheCountsItGotLeavesThemAsTheyWere() {
        Map<String, Integer> got = activeVms.current(() -> count(Map.of("pve4", 10)));

        assertThat(got).isUnmodifiable();
        assertThat(activeVms.current(() -> count(Map.of()))).containsOnly(Map.entry("pve4", 10));
    }

    private Map<String, Integer> count(Map<String, Integer> result) {
        counts.incrementAndGet();
        return result;
    }
}
