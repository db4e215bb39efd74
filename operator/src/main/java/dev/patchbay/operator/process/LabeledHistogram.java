package dev.patchbay.operator.process;

import java.time.Duration;
import java.util.List;
import java.util.concurrent.atomic.AtomicLongArray;
import java.util.concurrent.atomic.DoubleAdder;

/** A Prometheus histogram of durations in seconds, with labels and fixed buckets. */
public final class LabeledHistogram extends MetricFamily<LabeledHistogram.Series> {

  /** Upper bounds in seconds, from 5 ms (a REST call on a warm worker) to 30 s (a timeout). */
  public static final double[] DEFAULT_BUCKETS = {0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1, 2.5, 5, 10, 30};

  private final double[] buckets;

  public LabeledHistogram(String name, String help, String... labelNames) {
    super(name, help, "histogram", labelNames);
    this.buckets = DEFAULT_BUCKETS;
  }

  public void observe(Duration duration, String... labelValues) {
    double seconds = duration.toNanos() / 1e9;
    Series series = series(() -> new Series(buckets.length), labelValues);
    for (int i = 0; i < buckets.length; i++) {
      if (seconds <= buckets[i]) {
        series.buckets.incrementAndGet(i);
      }
    }
    series.sum.add(seconds);
    series.count.add(1);
  }

  /** Number of observations; 0 for a series never observed. */
  public long count(String... labelValues) {
    Series series = existing(labelValues);
    return series == null ? 0 : (long) series.count.sum();
  }

  @Override
  protected void writeSeries(StringBuilder out, List<String> labelValues, Series state) {
    for (int i = 0; i < buckets.length; i++) {
      sample(out, "_bucket", labelValues, "le", format(buckets[i]), state.buckets.get(i));
    }
    double count = state.count.sum();
    sample(out, "_bucket", labelValues, "le", "+Inf", count);
    sample(out, "_sum", labelValues, null, null, state.sum.sum());
    sample(out, "_count", labelValues, null, null, count);
  }

  /** Cumulative bucket counts, sum and count of one series. */
  static final class Series {
    final AtomicLongArray buckets;
    final DoubleAdder sum = new DoubleAdder();
    final DoubleAdder count = new DoubleAdder();

    Series(int buckets) {
      this.buckets = new AtomicLongArray(buckets);
    }
  }
}
