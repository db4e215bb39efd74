package dev.patchbay.operator.connector;

import dev.patchbay.operator.connect.Backoff;
import dev.patchbay.operator.connect.ConnectClient;
import dev.patchbay.operator.connect.ConnectException;
import dev.patchbay.operator.connect.ConnectorView;
import io.javaoperatorsdk.operator.processing.event.ResourceID;
import java.time.Duration;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.Executor;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.TimeUnit;
import java.util.function.Consumer;

/**
 * Polls one Connect cluster: one {@code GET /connectors?expand=status&expand=info} per round feeds the status and drift
 * check of every connector on it. The latest listing is shared: reconciles read it while it is fresh and fetch it
 * single-flight otherwise, so N connectors reconciled together cost one call. After every fetch the connectors whose
 * view changed (or whose cluster became unreachable or reachable again) are handed to {@code notifier}, which
 * triggers their reconcile; a settled cluster costs one call per poll interval and no reconcile at all.
 *
 * <p>Rounds come fast while something changes and slowly when settled ({@code slow}): every {@code fast} for
 * {@link #HOT_WINDOW} after a write (Connect takes a few hundred milliseconds to start what was written, and a status
 * should follow within a poll of that), then doubling up to {@code slow};
 * an unreachable cluster is retried with {@link Backoff#TRANSIENT}, capped at {@code slow}.
 */
final class ClusterPoller {

  /** One fetch: the listing, or the failure; {@code fetchedAt} is {@link System#nanoTime()} when it started. */
  record Snapshot(Map<String, ConnectorView> connectors, ConnectException failure, long fetchedAt) {

    boolean available() {
      return failure == null;
    }

    ConnectorView view(String name) {
      return connectors.get(name);
    }
  }

  private static final org.slf4j.Logger LOG = org.slf4j.LoggerFactory.getLogger(ClusterPoller.class);
  /** How long after a write rounds stay at the fast interval before backing off. */
  static final Duration HOT_WINDOW = Duration.ofSeconds(2);
  private static final Object ABSENT = new Object();
  private static final Object UNAVAILABLE = new Object();

  private final String url;
  private final ConnectClient client;
  private final Duration fast;
  private final Duration slow;
  private final ScheduledExecutorService scheduler;
  private final Executor worker;
  private final Consumer<ResourceID> notifier;
  private final Consumer<Map<String, Long>> byStateReport;

  private final Object fetchLock = new Object();
  private volatile Snapshot latest;
  private volatile long invalidatedAt = Long.MIN_VALUE;
  /** {@link System#nanoTime()} until which rounds stay fast; compared by subtraction, so it starts at "now". */
  private volatile long hotUntil = System.nanoTime();
  private volatile long recoveredAt = Long.MIN_VALUE;
  private final Map<ResourceID, String> tracked = new ConcurrentHashMap<>();
  private final Map<ResourceID, Object> seen = new ConcurrentHashMap<>();

  // scheduling state, guarded by this
  private Duration delay;
  private ScheduledFuture<?> next;
  private long nextAt;
  private boolean polling;
  private boolean wakeDuringPoll;
  private int failures;
  private boolean closed;

  ClusterPoller(String url, ConnectClient client, Duration fast, Duration slow, ScheduledExecutorService scheduler,
                Executor worker, Consumer<ResourceID> notifier, Consumer<Map<String, Long>> byStateReport) {
    this.url = url;
    this.client = client;
    this.fast = fast;
    this.slow = slow;
    this.scheduler = scheduler;
    this.worker = worker;
    this.notifier = notifier;
    this.byStateReport = byStateReport;
    this.delay = slow;
  }

  String url() {
    return url;
  }

  ConnectClient client() {
    return client;
  }

  /** Starts watching a connector of this cluster for its resource. */
  void track(ResourceID resource, String connectorName) {
    if (tracked.put(resource, connectorName) == null) {
      Snapshot snapshot = latest;
      if (snapshot != null) {
        seen.put(resource, fingerprint(snapshot, connectorName));
      }
    }
    schedule(slow);
  }

  void untrack(ResourceID resource) {
    tracked.remove(resource);
    seen.remove(resource);
  }

  boolean isIdle() {
    return tracked.isEmpty();
  }

  /** The latest listing if it is at most {@code maxAge} old and not invalidated; else a fresh one (single-flight). */
  Snapshot read(Duration maxAge) {
    Snapshot snapshot = latest;
    if (usable(snapshot, maxAge)) {
      return snapshot;
    }
    synchronized (fetchLock) {
      snapshot = latest;
      return usable(snapshot, maxAge) ? snapshot : fetchLocked();
    }
  }

  /**
   * Whether the cluster answered again after being unreachable less than {@code grace} ago: a worker that just
   * started may list no connectors until it has read its config topic.
   */
  boolean recentlyRecovered(Duration grace) {
    return recoveredAt != Long.MIN_VALUE && System.nanoTime() - recoveredAt < grace.toNanos();
  }

  /** The latest listing if it is at most {@code maxAge} old and not invalidated; never fetches. */
  Snapshot recent(Duration maxAge) {
    Snapshot snapshot = latest;
    return usable(snapshot, maxAge) && snapshot.available() ? snapshot : null;
  }

  /** After a write: the next read fetches, and rounds come fast again. */
  void changed() {
    invalidatedAt = System.nanoTime();
    hotUntil = invalidatedAt + HOT_WINDOW.toNanos();
    wake();
  }

  private boolean usable(Snapshot snapshot, Duration maxAge) {
    return snapshot != null && snapshot.fetchedAt() > invalidatedAt
        && System.nanoTime() - snapshot.fetchedAt() <= maxAge.toNanos();
  }

  private Snapshot fetchLocked() {
    long start = System.nanoTime();
    Snapshot snapshot;
    try {
      snapshot = new Snapshot(client.connectors(), null, start);
    } catch (ConnectException e) {
      snapshot = new Snapshot(Map.of(), e, start);
    }
    Snapshot previous = latest;
    if (previous != null && !previous.available() && snapshot.available()) {
      recoveredAt = start;
    }
    latest = snapshot;
    if (snapshot.available()) {
      byStateReport.accept(snapshot.connectors().values().stream().collect(java.util.stream.Collectors.groupingBy(
          v -> v.state() == null || v.state().state() == null ? "UNKNOWN" : v.state().state(),
          java.util.stream.Collectors.counting())));
    }
    boolean changed = false;
    for (Map.Entry<ResourceID, String> entry : tracked.entrySet()) {
      Object fingerprint = fingerprint(snapshot, entry.getValue());
      Object before = seen.put(entry.getKey(), fingerprint);
      if (before != null && !before.equals(fingerprint)) {
        changed = true;
        LOG.debug("Connector {} changed in {}", entry.getValue(), url);
        notifier.accept(entry.getKey());
      }
    }
    if (changed) {
      wake();
    }
    if (LOG.isDebugEnabled()) {
      LOG.debug("Listed {}: {}{}", url, snapshot.available() ? snapshot.connectors().size() + " connectors"
          : "unavailable", changed ? " (changed)" : "");
    }
    return snapshot;
  }

  private static Object fingerprint(Snapshot snapshot, String name) {
    if (!snapshot.available()) {
      return UNAVAILABLE;
    }
    ConnectorView view = snapshot.view(name);
    return view == null ? ABSENT : view;
  }

  private synchronized void wake() {
    delay = fast;
    if (polling) {
      wakeDuringPoll = true;
    } else {
      schedule(fast);
    }
  }

  private synchronized void schedule(Duration after) {
    if (closed || polling || tracked.isEmpty()) {
      return;
    }
    long at = System.nanoTime() + after.toNanos();
    if (next != null && !next.isDone() && nextAt <= at) {
      return;
    }
    if (next != null) {
      next.cancel(false);
    }
    nextAt = at;
    next = scheduler.schedule(() -> worker.execute(this::round), after.toMillis(), TimeUnit.MILLISECONDS);
  }

  private void round() {
    synchronized (this) {
      if (closed || polling) {
        return;
      }
      polling = true;
      next = null;
    }
    boolean available = false;
    try {
      synchronized (fetchLock) {
        available = fetchLocked().available();
      }
    } finally {
      synchronized (this) {
        polling = false;
        if (!available) {
          delay = min(Backoff.TRANSIENT.delay(failures++), slow);
        } else if (wakeDuringPoll || System.nanoTime() - hotUntil < 0) {
          failures = 0;
          delay = fast;
        } else {
          failures = 0;
          delay = min(delay.multipliedBy(2), slow);
        }
        wakeDuringPoll = false;
        schedule(delay);
      }
    }
  }

  synchronized void close() {
    closed = true;
    if (next != null) {
      next.cancel(false);
    }
  }

  private static Duration min(Duration a, Duration b) {
    return a.compareTo(b) <= 0 ? a : b;
  }
}
