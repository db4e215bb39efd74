package dev.patchbay.operator.process;

import java.time.Duration;

/**
 * Timings of the leader Lease: a leader that fails to renew within {@code renewDeadline} steps down; a follower takes
 * over once the Lease is {@code leaseDuration} old; everyone retries every {@code retryPeriod}.
 */
public record LeaseTimings(Duration leaseDuration, Duration renewDeadline, Duration retryPeriod) {

  /** Kubernetes' usual values: 15 s, 10 s, 2 s. */
  public static final LeaseTimings DEFAULT =
      new LeaseTimings(Duration.ofSeconds(15), Duration.ofSeconds(10), Duration.ofSeconds(2));
}
