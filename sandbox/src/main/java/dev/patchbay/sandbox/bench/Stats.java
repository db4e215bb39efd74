package dev.patchbay.sandbox.bench;

import java.util.Arrays;
import java.util.Collection;

/** Percentiles of samples (nearest-rank). */
final class Stats {

  private Stats() {
  }

  static double percentile(Collection<Double> samples, double p) {
    if (samples.isEmpty()) {
      return Double.NaN;
    }
    double[] sorted = samples.stream().mapToDouble(Double::doubleValue).toArray();
    Arrays.sort(sorted);
    int rank = (int) Math.ceil(p / 100.0 * sorted.length);
    return sorted[Math.min(sorted.length - 1, Math.max(0, rank - 1))];
  }

  static double median(Collection<Double> samples) {
    return percentile(samples, 50);
  }

  static double millisSince(long startNanos, long endNanos) {
    return (endNanos - startNanos) / 1_000_000.0;
  }
}
