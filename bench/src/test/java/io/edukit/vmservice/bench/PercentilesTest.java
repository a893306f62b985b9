package io.edukit.vmservice.bench;

import org.junit.jupiter.api.Test;

import java.util.stream.IntStream;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class PercentilesTest {

    @Test
    void theNearestRankIsTheSmallestSampleThatAtLeastThatShareOfSamplesDoNotExceed() {
        double[] oneToHundred = IntStream.rangeClosed(1, 100).mapToDouble(i -> i).toArray();

        Percentiles p = Percentiles.of(oneToHundred);

        assertThat(p.p50()).isEqualTo(50);
        assertThat(p.p95()).isEqualTo(95);
        assertThat(p.p99()).isEqualTo(99);
        assertThat(p.max()).isEqualTo(100);
        assertThat(p.mean()).isEqualTo(50.5);
        assertThat(p.count()).isEqualTo(100);
    }

    @Test
    void theSamplesMayComeInAnyOrderAndAreLeftAsTheyWere() {
        double[] samples = {900, 100, 500, 300, 700};

        Percentiles p = Percentiles.of(samples);

        assertThat(p.p50()).isEqualTo(500);
        assertThat(p.p95()).isEqualTo(900);
        assertThat(samples).containsExactly(900, 100, 500, 300, 700);
    }

    @Test
    void withFewSamplesTheTailIsTheLargestOne() {
        assertThat(Percentiles.of(new double[] {3, 1}).p99()).isEqualTo(3);
        assertThat(Percentiles.of(new double[] {7}).p50()).isEqualTo(7);
    }

    @Test
    void noSamplesGiveNoFigures() {
        assertThat(Percentiles.of(new double[0]).p50()).isNaN();
        assertThat(Percentiles.of(new double[0]).count()).isZero();
    }

    @Test
    void aPercentileOutsideZeroToHundredIsRefused() {
        assertThatThrownBy(() -> Percentiles.rank(new double[] {1}, 0)).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> Percentiles.rank(new double[] {1}, 101)).isInstanceOf(IllegalArgumentException.class);
    }
}
