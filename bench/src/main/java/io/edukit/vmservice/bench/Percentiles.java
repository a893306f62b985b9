package io.edukit.vmservice.bench;

import java.util.Arrays;

/**
 * Percentiles of a set of durations by the nearest-rank method: the p-th percentile is the
 * smallest sample that at least p % of the samples do not exceed. Exact, from all the samples.
 */
record Percentiles(int count, double p50, double p95, double p99, double max, double mean) {

    static final Percentiles NONE = new Percentiles(0, Double.NaN, Double.NaN, Double.NaN, Double.NaN, Double.NaN);

    static Percentiles of(double[] samples) {
        if (samples.length == 0) {
            return NONE;
        }
        double[] sorted = samples.clone();
        Arrays.sort(sorted);
        return new Percentiles(sorted.length, rank(sorted, 50), rank(sorted, 95), rank(sorted, 99),
                sorted[sorted.length - 1], Arrays.stream(sorted).average().orElseThrow());
    }

    /** The nearest-rank percentile of sorted samples. */
    static double rank(double[] sorted, double percentile) {
        if (percentile <= 0 || percentile > 100) {
            throw new IllegalArgumentException("a percentile is above 0 and at most 100, got " + percentile);
        }
        int rank = (int) Math.ceil(percentile / 100.0 * sorted.length);
        return sorted[Math.max(rank, 1) - 1];
    }
}
