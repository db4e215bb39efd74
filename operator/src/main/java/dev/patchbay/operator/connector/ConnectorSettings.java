package dev.patchbay.operator.connector;

import dev.patchbay.operator.OperatorSettings;
import dev.patchbay.operator.connect.Backoff;
import java.time.Clock;
import java.time.Duration;

/**
 * Timing of the connector reconciler. Production uses {@link #from(OperatorSettings)}; the auto-restart timings can
 * be shortened for tests through the system properties {@code patchbay.connector.autoRestartBase},
 * {@code patchbay.connector.autoRestartMax} and {@code patchbay.connector.healthyReset} (ISO-8601 durations, e.g.
 * {@code PT1S}).
 *
 * @param pollInterval poll interval of a settled Connect cluster
 * @param fastPoll poll interval for a while after a write, and the first poll after a change; then doubles up to
 *     {@code pollInterval}
 * @param freshness how old a shared listing a reconcile may still use instead of fetching one
 * @param autoRestart auto-restart backoff and reset
 * @param clock the time source for status timestamps and auto-restart
 */
public record ConnectorSettings(Duration pollInterval, Duration fastPoll, Duration freshness,
                                AutoRestartPolicy autoRestart, Clock clock) {

  public static final Duration FAST_POLL = Duration.ofMillis(25);
  public static final Duration FRESHNESS = Duration.ofSeconds(2);

  public static ConnectorSettings from(OperatorSettings settings) {
    Duration poll = settings.pollInterval();
    AutoRestartPolicy defaults = AutoRestartPolicy.DEFAULT;
    AutoRestartPolicy policy = new AutoRestartPolicy(new Backoff(
        duration("patchbay.connector.autoRestartBase", defaults.backoff().initial()),
        duration("patchbay.connector.autoRestartMax", defaults.backoff().max())),
        duration("patchbay.connector.healthyReset", defaults.resetAfter()));
    Duration fresh = FRESHNESS.compareTo(poll) < 0 ? FRESHNESS : poll.dividedBy(2);
    return new ConnectorSettings(poll, FAST_POLL, fresh, policy, Clock.systemUTC());
  }

  private static Duration duration(String property, Duration fallback) {
    String value = System.getProperty(property);
    return value == null || value.isBlank() ? fallback : Duration.parse(value.strip());
  }
}
