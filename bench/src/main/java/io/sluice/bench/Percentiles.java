package io.sluice.bench;

import java.util.Arrays;
import java.util.List;

/** Nearest-rank percentiles of a sample, as latency reports give them. */
public record Percentiles(int count, double p50, double p95, double p99, double max) {

  public static Percentiles of(List<Double> values) {
    if (values.isEmpty()) {
      return new Percentiles(0, Double.NaN, Double.NaN, Double.NaN, Double.NaN);
    }
    double[] sorted = values.stream().mapToDouble(Double::doubleValue).toArray();
    Arrays.sort(sorted);
    return new Percentiles(sorted.length, rank(sorted, 50), rank(sorted, 95), rank(sorted, 99),
        sorted[sorted.length - 1]);
  }

  private static double rank(double[] sorted, double percentile) {
    int rank = (int) Math.ceil(percentile / 100 * sorted.length);
    return sorted[Math.max(0, rank - 1)];
  }
}
