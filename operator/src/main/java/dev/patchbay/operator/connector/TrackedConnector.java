package dev.patchbay.operator.connector;

import io.javaoperatorsdk.operator.processing.event.ResourceID;
import java.time.Duration;
import java.time.Instant;
import java.util.Map;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * Everything the operator remembers about one KafkaConnector between reconciles, in one place: created by
 * {@link TrackedConnectors#of} on its first reconcile and dropped with all it holds by
 * {@link TrackedConnectors#release} when the resource goes. Nothing here is needed for correctness after a restart
 * (the status and Connect hold the truth); it saves calls and writes.
 */
final class TrackedConnector {

  /**
   * How long a connector this operator created may be missing from the listings before it counts as missing (POSTed
   * again, or taken as deleted). Connect answers {@code POST /connectors} once the config is in its config topic; its
   * listing shows the connector only after the herder has picked the config up (tens of milliseconds on one worker, a
   * rebalance on several).
   */
  static final Duration CREATED_NOT_LISTED_GRACE = Duration.ofSeconds(10);

  /** A config this operator pushed, and when: a stale read-back from another worker is no reason to push again. */
  record Pushed(Map<String, String> config, Instant at) {
  }

  /**
   * This operator's POST created the connector at {@code at}, and Connect answered that it stored {@code config}: what
   * a listing will show as the connector's config, so the poller can watch the start through the cheap status
   * endpoint alone.
   */
  record Created(Instant at, Map<String, String> config) {
  }

  /** When the connector's topics are to be fetched next, and how many fetches came back empty so far. */
  record TopicsDue(Instant at, int emptyFetches) {
  }

  final ResourceID id;
  /** The Connect REST URL whose poller watches this connector; null while none does. */
  volatile String url;
  /** The connector's name in Connect. */
  volatile String connectorName;
  /** What the poller last saw of the connector (a view, or a marker for absent / unavailable). */
  volatile Object seen;
  /** {@link PollClock#nanoTime()} of the last write to Connect for this connector still waiting to show; 0: none. */
  volatile long writtenAt;
  /**
   * {@link PollClock#nanoTime()} of the last write to Connect for this connector, shown or not: a listing sent before
   * it is stale for this connector.
   */
  volatile long lastWriteAt = Long.MIN_VALUE;
  /**
   * This operator's POST that created the connector, until a listing shows it: Connect answers the POST before its
   * listing has the connector, and a listing in between is no reason to POST again, nor to take it as gone. Null
   * otherwise.
   */
  volatile Created created;
  volatile Pushed pushed;
  volatile TopicsDue topicsDue;
  /** Consecutive reconciles that failed on a transient Connect error (for their backoff). */
  final AtomicInteger transientFailures = new AtomicInteger();

  TrackedConnector(ResourceID id) {
    this.id = id;
  }

  /**
   * Whether Connect's start of the connector can be watched through its status alone: this operator created it, and
   * Connect's answer said what config it stored (a listing shows that config; without it only a listing will do).
   */
  boolean startWatchableByStatus() {
    Created post = created;
    return post != null && !post.config().isEmpty();
  }

  /**
   * How much longer a listing without the connector is to be taken as Connect lagging behind this operator's POST
   * rather than as the connector missing; null when it is missing.
   */
  Duration unlistedGraceLeft(Instant now) {
    Created post = created;
    if (post == null) {
      return null;
    }
    Duration left = CREATED_NOT_LISTED_GRACE.minus(Duration.between(post.at(), now));
    return left.isNegative() || left.isZero() ? null : left;
  }
}
