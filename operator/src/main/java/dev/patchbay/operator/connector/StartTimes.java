package dev.patchbay.operator.connector;

import java.time.Duration;
import java.util.Arrays;

/**
 * How long a cluster's writes took to show as a settled connector (create → RUNNING with its tasks, pause → PAUSED),
 * over the last {@link #SIZE} writes. The poller looks first at the lower quartile: most writes have not shown by
 * then, few have shown long before; {@link #DEFAULT} until there is a sample.
 */
final class StartTimes {

  static final int SIZE = 32;
  /** Connect commonly starts a connector and its tasks in 100–300 ms. */
  static final Duration DEFAULT = Duration.ofMillis(100);
  static final Duration MAX_FIRST_LOOK = Duration.ofSeconds(1);

  private final long[] samples = new long[SIZE];
  private int count;
  private int next;

  synchronized void add(Duration sample) {
    samples[next] = Math.max(0, sample.toNanos());
    next = (next + 1) % SIZE;
    count = Math.min(count + 1, SIZE);
  }

  /** When to look first after a write: the lower quartile of the samples, at least {@code floor}. */
  synchronized Duration firstLook(Duration floor) {
    if (count == 0) {
      return max(DEFAULT, floor);
    }
    long[] sorted = Arrays.copyOf(samples, count);
    Arrays.sort(sorted);
    Duration quartile = Duration.ofNanos(sorted[(count - 1) / 4]);
    return max(floor, quartile.compareTo(MAX_FIRST_LOOK) > 0 ? MAX_FIRST_LOOK : quartile);
  }

  private static Duration max(Duration a, Duration b) {
    return a.compareTo(b) >= 0 ? a : b;
  }
}
