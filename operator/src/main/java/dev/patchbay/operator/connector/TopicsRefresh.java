package dev.patchbay.operator.connector;

import dev.patchbay.operator.api.ConnectorState;
import dev.patchbay.operator.api.KafkaConnectorStatus;
import java.time.Duration;
import java.time.Instant;
import java.util.List;

/**
 * Keeps {@code status.topics} without a call per connector per poll. Topics are fetched ({@code GET
 * /connectors/{name}/topics}) only for a running connector whose state changed or whose topics are unknown, never on
 * the reconcile that turns it Ready (a connector that just started has used no topic yet; it shows {@code []}), but
 * {@link #FIRST_FETCH} later, spread over a second by name. A connector that has used no topic yet is asked
 * again once, a poll interval later (spread over the interval); then not again until its state changes. A settled
 * connector costs no call.
 */
final class TopicsRefresh {

  static final Duration FIRST_FETCH = Duration.ofSeconds(1);
  /** Fetches that may come back empty before the operator stops asking until the state changes. */
  static final int EMPTY_FETCHES = 2;

  private final ConnectorSettings settings;

  TopicsRefresh(ConnectorSettings settings) {
    this.settings = settings;
  }

  /**
   * Fetches the topics into {@code status} when due; returns when the next fetch is due, or null. {@code quiet}: the
   * reconcile wrote nothing to Connect and the config is as desired (else the state is about to change anyway).
   */
  Duration refresh(SyncTarget target, KafkaConnectorStatus status, boolean quiet) {
    TrackedConnector tracked = target.tracked();
    if (target.desiredState() != ConnectorState.RUNNING || !"RUNNING".equals(status.getState())) {
      tracked.topicsDue = null;
      return null;
    }
    if (!quiet) {
      return null;
    }
    Instant now = settings.clock().instant();
    TrackedConnector.TopicsDue due = tracked.topicsDue;
    boolean unknown = target.previous().getTopics() == null || Statuses.stateChanged(target.previous(), status);
    if (due == null) {
      if (!unknown) {
        return null;
      }
      if (status.getTopics() == null) {
        status.setTopics(List.of());
      }
      return schedule(tracked, now, FIRST_FETCH.plus(spread(target.name(), Duration.ofSeconds(1))), 0);
    }
    if (now.isBefore(due.at())) {
      return Duration.between(now, due.at());
    }
    List<String> topics = target.client().topics(target.name());
    status.setTopics(topics);
    if (!topics.isEmpty() || due.emptyFetches() + 1 >= EMPTY_FETCHES) {
      tracked.topicsDue = null;
      return null;
    }
    Duration interval = settings.pollInterval();
    return schedule(tracked, now, interval.plus(spread(target.name(), interval)), due.emptyFetches() + 1);
  }

  private static Duration schedule(TrackedConnector tracked, Instant now, Duration after, int emptyFetches) {
    tracked.topicsDue = new TrackedConnector.TopicsDue(now.plus(after), emptyFetches);
    return after;
  }

  /** A stable offset within {@code range} for this name, so that many connectors do not ask at once. */
  static Duration spread(String name, Duration range) {
    long millis = Math.max(1, range.toMillis());
    return Duration.ofMillis(Math.floorMod(name.hashCode() * 0x9E3779B1L, millis));
  }
}
