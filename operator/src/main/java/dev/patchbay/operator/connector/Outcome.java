package dev.patchbay.operator.connector;

import dev.patchbay.operator.api.KafkaConnectorStatus;
import java.time.Duration;

/**
 * What one reconcile decided: the new status and when to look again regardless of events (null: only on events).
 */
record Outcome(KafkaConnectorStatus status, Duration recheckAfter) {

  static Outcome of(KafkaConnectorStatus status) {
    return new Outcome(status, null);
  }

  Outcome recheckNoLaterThan(Duration delay) {
    if (delay == null || (recheckAfter != null && recheckAfter.compareTo(delay) <= 0)) {
      return this;
    }
    return new Outcome(status, delay.isNegative() ? Duration.ZERO : delay);
  }
}
