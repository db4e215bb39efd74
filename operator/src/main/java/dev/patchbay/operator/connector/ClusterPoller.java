package dev.patchbay.operator.connector;

import dev.patchbay.operator.connect.Backoff;
import dev.patchbay.operator.connect.ConnectClient;
import dev.patchbay.operator.connect.ConnectException;
import dev.patchbay.operator.connect.ConnectUnavailableException;
import dev.patchbay.operator.connect.ConnectorView;
import io.javaoperatorsdk.operator.processing.event.ResourceID;
import java.time.Duration;
import java.util.HashSet;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.Set;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.TimeUnit;
import java.util.function.Consumer;

/**
 * Polls one Connect cluster: one {@code GET /connectors?expand=status&expand=info} per round feeds the status and drift
 * check of every connector on it. The latest listing is shared, and reconciles never wait for Connect: they read the
 * listing while it is fresh; otherwise they ask for a round and are notified when it answered. Rounds run on the
 * cluster's own single thread ({@code worker}), one listing in flight at a time, so a slow or dead cluster holds up
 * nothing but itself. A round in flight longer than {@link #OVERDUE} makes the cluster unavailable at once ("has not
 * answered for more than 5 s"), without waiting for the request timeout. After every round the connectors whose view
 * changed (or whose cluster became unreachable or reachable again), and those waiting for it, are handed to
 * {@code notifier}, which triggers their reconcile; a settled cluster costs one call per poll interval and no reconcile
 * at all.
 *
 * <p>Rounds come fast while something changes and slowly when settled ({@code slow}): every {@code fast} for
 * {@link #HOT_WINDOW} after a write (Connect takes a few hundred milliseconds to start what was written, and a status
 * should follow within a poll of that), then doubling up to {@code slow};
 * an unreachable cluster is retried with {@link Backoff#TRANSIENT}, capped at {@link #UNREACHABLE_RETRY_CAP}.
 */
final class ClusterPoller {

  /**
   * One fetch: the listing, or the failure; {@code startedAt} and {@code answeredAt} are {@link System#nanoTime()}
   * when it was sent (what a write before it may not show) and when it answered (its age).
   */
  record Snapshot(Map<String, ConnectorView> connectors, ConnectException failure, long startedAt, long answeredAt) {

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
  /** How long a listing may be in flight before the cluster counts as not answering. */
  static final Duration OVERDUE = Duration.ofSeconds(5);
  /** The longest wait between two tries of an unreachable cluster. */
  static final Duration UNREACHABLE_RETRY_CAP = Duration.ofSeconds(5);
  private static final Object ABSENT = new Object();
  private static final Object UNAVAILABLE = new Object();

  private final String url;
  private final ConnectClient client;
  private final Duration fast;
  private final Duration slow;
  private final ScheduledExecutorService scheduler;
  private final ExecutorService worker;
  private final Consumer<ResourceID> notifier;
  private final Consumer<Map<String, Long>> byStateReport;
  private final Runnable released;

  private volatile Snapshot latest;
  /** Resources that read no usable listing and wait for the next round. */
  private final Set<ResourceID> waiting = ConcurrentHashMap.newKeySet();
  /** {@link System#nanoTime()} when the round in flight was sent; 0 when none is. */
  private volatile long inFlightSince;
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
  /** A round was handed to the worker and has not started yet. */
  private boolean queued;
  /** Identifies the current timer; a timer that was replaced does nothing when it goes off. */
  private long timerSeq;
  private boolean wakeDuringPoll;
  private int failures;
  private boolean closed;

  ClusterPoller(String url, ConnectClient client, Duration fast, Duration slow, ScheduledExecutorService scheduler,
                ExecutorService worker, Consumer<ResourceID> notifier, Consumer<Map<String, Long>> byStateReport,
                Runnable released) {
    this.url = url;
    this.client = client;
    this.fast = fast;
    this.slow = slow;
    this.scheduler = scheduler;
    this.worker = worker;
    this.notifier = notifier;
    this.byStateReport = byStateReport;
    this.released = released;
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

  /**
   * What {@code reader} can act on now, without waiting: the latest listing if it is at most {@code maxAge} old and
   * not invalidated by a write; the latest failure while the cluster is unreachable; a failure saying so when the
   * round in flight is overdue; else {@code null}: a round is asked for and {@code reader} is notified when it answers.
   */
  Snapshot read(ResourceID reader, Duration maxAge) {
    Snapshot snapshot = latest;
    if (usable(snapshot, maxAge)) {
      return snapshot;
    }
    if (snapshot != null && !snapshot.available() && snapshot.startedAt() > invalidatedAt) {
      return snapshot; // unreachable: the poller retries, and notifies when the cluster answers again
    }
    long since = inFlightSince;
    if (since != 0 && System.nanoTime() - since > OVERDUE.toNanos()) {
      return overdue(since);
    }
    waiting.add(reader);
    requestRound();
    return null;
  }

  /**
   * The latest successful listing, however old, unless a write made since may not show in it; null if there is
   * none. Good enough to decide that a connector never created by its resource is to be created: Connect refuses a
   * name that exists (409), which the create handles.
   */
  Snapshot lastKnown() {
    Snapshot snapshot = latest;
    return snapshot != null && snapshot.available() && snapshot.startedAt() > invalidatedAt ? snapshot : null;
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
    return snapshot != null && snapshot.available() && snapshot.startedAt() > invalidatedAt
        && System.nanoTime() - snapshot.answeredAt() <= maxAge.toNanos();
  }

  private Snapshot overdue(long since) {
    long seconds = Math.max(OVERDUE.toSeconds(), Duration.ofNanos(System.nanoTime() - since).toSeconds());
    return new Snapshot(Map.of(), new ConnectUnavailableException("Connect REST API at " + url
        + " has not answered for more than " + (seconds < 60 ? seconds + " s" : seconds / 60 + " min"), null),
        since, System.nanoTime());
  }

  /** Runs on the cluster's worker thread: one listing, then the notifications. */
  private Snapshot fetch() {
    long start = System.nanoTime();
    inFlightSince = start;
    ScheduledFuture<?> overdueCheck = scheduler.schedule(() -> markOverdue(start), OVERDUE.toMillis(),
        TimeUnit.MILLISECONDS);
    Snapshot snapshot;
    try {
      snapshot = new Snapshot(client.connectors(), null, start, System.nanoTime());
    } catch (ConnectException e) {
      snapshot = new Snapshot(Map.of(), e, start, System.nanoTime());
    } catch (RuntimeException e) {
      snapshot = new Snapshot(Map.of(), new ConnectUnavailableException("Connect REST API at " + url
          + " cannot be called: " + e.getMessage(), e), start, System.nanoTime());
    } finally {
      inFlightSince = 0;
      overdueCheck.cancel(false);
    }
    Snapshot previous = latest;
    if (previous != null && !previous.available() && snapshot.available()) {
      recoveredAt = start;
    }
    publish(snapshot);
    return snapshot;
  }

  /** A round still in flight after {@link #OVERDUE}: the cluster is unavailable from now on, until it answers. */
  private void markOverdue(long start) {
    if (inFlightSince == start) {
      LOG.debug("Listing of {} is overdue", url);
      publish(overdue(start));
    }
  }

  private synchronized void publish(Snapshot snapshot) {
    latest = snapshot;
    if (snapshot.available()) {
      byStateReport.accept(snapshot.connectors().values().stream().collect(java.util.stream.Collectors.groupingBy(
          v -> v.state() == null || v.state().state() == null ? "UNKNOWN" : v.state().state(),
          java.util.stream.Collectors.counting())));
    }
    boolean changed = false;
    Set<ResourceID> waited = new HashSet<>(waiting);
    waiting.removeAll(waited);
    for (Map.Entry<ResourceID, String> entry : tracked.entrySet()) {
      Object fingerprint = fingerprint(snapshot, entry.getValue());
      Object before = seen.put(entry.getKey(), fingerprint);
      if (before != null && !before.equals(fingerprint)) {
        changed = true;
        LOG.debug("Connector {} changed in {}", entry.getValue(), url);
        notifier.accept(entry.getKey());
      } else if (waited.contains(entry.getKey())) {
        notifier.accept(entry.getKey());
      }
    }
    for (ResourceID reader : waited) {
      if (!tracked.containsKey(reader)) {
        notifier.accept(reader);
      }
    }
    if (changed && snapshot.available()) {
      wakeLater();
    }
    if (LOG.isDebugEnabled()) {
      LOG.debug("Listed {}: {}{}", url, snapshot.available() ? snapshot.connectors().size() + " connectors"
          : "unavailable", changed ? " (changed)" : "");
    }
  }

  private static Object fingerprint(Snapshot snapshot, String name) {
    if (!snapshot.available()) {
      return UNAVAILABLE;
    }
    ConnectorView view = snapshot.view(name);
    return view == null ? ABSENT : view;
  }

  /** Something changed: the next rounds come fast. */
  private synchronized void wake() {
    delay = fast;
    if (polling) {
      wakeDuringPoll = true;
    } else {
      schedule(fast);
    }
  }

  /** A change seen in a round: rounds come fast again, the next one after the round ends. */
  private void wakeLater() {
    synchronized (this) {
      delay = fast;
      wakeDuringPoll = true;
    }
  }

  /**
   * A reconcile needs a listing: a round now. A round in flight serves it (a write after that round started has
   * already asked for the next one, through {@link #changed}).
   */
  private synchronized void requestRound() {
    if (!polling) {
      schedule(Duration.ZERO);
    }
  }

  /**
   * Schedules the next round at {@code after} unless one comes sooner. There is only ever one chain of rounds: a
   * round that is running or handed to the worker makes every other request wait for its end, where the next round is
   * scheduled (a stray second timer would otherwise start a second chain that never merges).
   */
  private synchronized void schedule(Duration after) {
    if (closed || polling || queued || tracked.isEmpty()) {
      return;
    }
    long at = System.nanoTime() + after.toNanos();
    if (next != null && nextAt <= at) {
      return;
    }
    if (next != null) {
      next.cancel(false);
    }
    nextAt = at;
    long ticket = ++timerSeq;
    next = scheduler.schedule(() -> fire(ticket), after.toMillis(), TimeUnit.MILLISECONDS);
  }

  /** The timer of {@code ticket} went off: hand a round to the worker, unless the timer was replaced meanwhile. */
  private void fire(long ticket) {
    synchronized (this) {
      if (closed || ticket != timerSeq || next == null) {
        return;
      }
      next = null;
      queued = true;
    }
    try {
      worker.execute(this::round);
    } catch (java.util.concurrent.RejectedExecutionException e) {
      synchronized (this) {
        queued = false; // closed meanwhile
      }
    }
  }

  private void round() {
    synchronized (this) {
      queued = false;
      if (closed || polling) {
        return;
      }
      polling = true;
    }
    boolean available = false;
    try {
      available = fetch().available();
    } finally {
      synchronized (this) {
        polling = false;
        if (!available) {
          // an unreachable cluster is tried again within a few seconds: one refused connection costs nothing, and
          // its connectors should be Ready soon after it is back (reconciles do not list it themselves)
          delay = min(Backoff.TRANSIENT.delay(failures++), min(slow, UNREACHABLE_RETRY_CAP));
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

  /**
   * Stops polling; the cluster's thread ends after the round in flight, if any (bounded by the request timeout), and
   * then runs {@code released}, so that nothing the round records outlives the release.
   */
  synchronized void close() {
    closed = true;
    if (next != null) {
      next.cancel(false);
    }
    try {
      worker.execute(released);
    } catch (java.util.concurrent.RejectedExecutionException e) {
      released.run();
    }
    worker.shutdown();
  }

  private static Duration min(Duration a, Duration b) {
    return a.compareTo(b) <= 0 ? a : b;
  }
}
