package dev.patchbay.operator.connector;

import dev.patchbay.operator.connect.Backoff;
import dev.patchbay.operator.connect.ConnectClient;
import dev.patchbay.operator.connect.ConnectException;
import dev.patchbay.operator.connect.ConnectUnavailableException;
import dev.patchbay.operator.connect.ConnectorView;
import io.javaoperatorsdk.operator.processing.event.ResourceID;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.Set;
import java.util.concurrent.ExecutorService;
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
 * <p>Rounds come fast while something changes and slowly when settled ({@code slow}). After a write the first round
 * comes when Connect can have started what was written: the poller measures, per cluster, how long its writes take to
 * show as a settled connector ({@link StartTimes}) and looks first at the lower quartile of that, then every
 * {@code fast} (never closer than twice the last round's duration, so a big cluster is not listed back to back)
 * until what was written shows settled or {@link #HOT_WINDOW} has passed, then doubling up to {@code slow}. While the
 * only writes still to show are connectors this operator just created (at most {@link #MAX_PROBES}), a round asks for
 * their status alone ({@link #probe}) instead of listing every connector's config and status, which costs the worker
 * more the more connectors it has, while it is starting one. An unreachable cluster is retried with
 * {@link Backoff#TRANSIENT}, capped at {@link #UNREACHABLE_RETRY_CAP}. Time comes from a {@link PollClock}.
 */
final class ClusterPoller implements ListingControl {

  /**
   * One fetch: the listing, or the failure; {@code startedAt} and {@code answeredAt} are {@link PollClock#nanoTime()}
   * when it was sent (what a write before it may not show) and when it answered (its age). {@code probed}: connectors
   * whose entry is newer than the listing, from a probe of their status, with the probe's times.
   */
  record Snapshot(Map<String, ConnectorView> connectors, ConnectException failure, long startedAt, long answeredAt,
                  Map<String, Look> probed) {

    Snapshot(Map<String, ConnectorView> connectors, ConnectException failure, long startedAt, long answeredAt) {
      this(connectors, failure, startedAt, answeredAt, Map.of());
    }

    boolean available() {
      return failure == null;
    }

    ConnectorView view(String name) {
      return connectors.get(name);
    }

    /** When what this snapshot says of {@code name} was asked for. */
    long startedAt(String name) {
      Look look = probed.get(name);
      return look == null ? startedAt : look.startedAt();
    }

    /** When what this snapshot says of {@code name} was answered. */
    long answeredAt(String name) {
      Look look = probed.get(name);
      return look == null ? answeredAt : look.answeredAt();
    }

    /** This listing with {@code views} replaced by what a probe between {@code start} and {@code end} saw. */
    Snapshot withProbed(Map<String, ConnectorView> views, long start, long end) {
      Map<String, ConnectorView> merged = new LinkedHashMap<>(connectors);
      merged.putAll(views);
      Map<String, Look> looks = new HashMap<>(probed);
      views.keySet().forEach(name -> looks.put(name, new Look(start, end)));
      return new Snapshot(Map.copyOf(merged), failure, startedAt, answeredAt, Map.copyOf(looks));
    }
  }

  /** When a probe of one connector was sent and answered. */
  record Look(long startedAt, long answeredAt) {
  }

  private static final org.slf4j.Logger LOG = org.slf4j.LoggerFactory.getLogger(ClusterPoller.class);
  /** How long after a write rounds stay at the fast interval before backing off. */
  static final Duration HOT_WINDOW = Duration.ofSeconds(2);
  /**
   * At most this many connectors are probed ({@code GET /connectors/{name}/status}) in a round instead of listing the
   * cluster; more settling at once are seen through the listing.
   */
  static final int MAX_PROBES = 2;
  /**
   * The shortest wait between two probes of connectors still starting. The wait grows with the time since the write
   * ({@link #probeWait}), so the probes of a connector that takes long to start thin out.
   */
  static final Duration PROBE_INTERVAL = Duration.ofMillis(10);
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
  private final PollClock clock;
  private final ExecutorService worker;
  private final Consumer<ResourceID> notifier;
  private final Consumer<Map<String, Long>> byStateReport;
  private final Runnable released;

  private volatile Snapshot latest;
  /** Resources that read no usable listing and wait for the next round. */
  private final Set<ResourceID> waiting = ConcurrentHashMap.newKeySet();
  /** {@link PollClock#nanoTime()} when the round in flight was sent; 0 when none is. */
  private volatile long inFlightSince;
  /** The latest write of any kind, or change announced: a listing sent before it is stale as a whole. */
  private volatile long invalidatedAt = Long.MIN_VALUE;
  /**
   * The latest change announced that was not a write to one connector ({@link #changed()}): a listing sent before it
   * is stale for every connector. A write to one connector makes the listing stale for that connector alone.
   */
  private volatile long changedAt = Long.MIN_VALUE;
  /** Until when rounds stay fast; compared by subtraction, so it starts at "now". */
  private volatile long hotUntil;
  private volatile long recoveredAt = Long.MIN_VALUE;
  /** When the round before the latest one was sent: a change seen in the latest happened after it. */
  private volatile long previousStartedAt;
  /** How long the latest round took (a listing or a probe): the next one is not sent sooner than twice that. */
  private volatile long lastRoundNanos;
  /**
   * Something asked for a look that only a listing of the whole cluster gives (a reader other than of a connector
   * being probed, a write other than a create of ours, a change we did not make): the next round lists, it does not
   * probe. Cleared when a listing is sent.
   */
  private volatile boolean listingDue = true;
  /**
   * {@link PollClock#nanoTime()} of the write of the oldest connector the latest round probed and found still
   * starting; 0 when that round was not such a probe.
   */
  private volatile long probedStartingSince;
  private final Map<ResourceID, TrackedConnector> tracked = new ConcurrentHashMap<>();
  private final StartTimes startTimes = new StartTimes();

  // scheduling state, guarded by this
  private Duration delay;
  private PollClock.Timer next;
  private long nextAt;
  /** When the first look after the latest write is due (its round is scheduled no later than that). */
  private long firstLookAt = Long.MIN_VALUE;
  private boolean polling;
  /** A round was handed to the worker and has not started yet. */
  private boolean queued;
  /** Identifies the current timer; a timer that was replaced does nothing when it goes off. */
  private long timerSeq;
  private boolean wakeDuringPoll;
  private int failures;
  private boolean closed;

  ClusterPoller(String url, ConnectClient client, Duration fast, Duration slow, PollClock clock,
                ExecutorService worker, Consumer<ResourceID> notifier, Consumer<Map<String, Long>> byStateReport,
                Runnable released) {
    this.url = url;
    this.client = client;
    this.fast = fast;
    this.slow = slow;
    this.clock = clock;
    this.hotUntil = clock.nanoTime();
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

  /** Starts watching a connector of this cluster. */
  void track(TrackedConnector connector) {
    if (tracked.put(connector.id, connector) == null) {
      Snapshot snapshot = latest;
      connector.seen = snapshot == null ? null : fingerprint(snapshot, connector.connectorName);
    }
    schedule(slow);
  }

  /** Stops watching a connector; what was remembered of it on this cluster goes. */
  void untrack(TrackedConnector connector) {
    tracked.remove(connector.id, connector);
    connector.seen = null;
    connector.writtenAt = 0;
    connector.lastWriteAt = Long.MIN_VALUE;
    connector.created = null; // created here: on another cluster it is still to be created
  }

  boolean isIdle() {
    return tracked.isEmpty();
  }

  /**
   * What {@code reader} can act on now, without waiting: the latest listing if it is at most {@code maxAge} old and
   * sent after the latest write to the reader's connector (a write to another one leaves the reader's entry as good
   * as it was); the latest failure while the cluster is unreachable; a failure saying so when the round in flight is
   * overdue; else {@code null}: a round is asked for (or, for a connector just created, the probes of its status
   * serve) and {@code reader} is notified when it answers.
   */
  Snapshot read(ResourceID reader, Duration maxAge) {
    Snapshot snapshot = latest;
    TrackedConnector connector = tracked.get(reader);
    if (usable(snapshot, connector, maxAge)) {
      return snapshot;
    }
    if (snapshot != null && !snapshot.available() && snapshot.startedAt() > invalidatedAt) {
      return snapshot; // unreachable: the poller retries, and notifies when the cluster answers again
    }
    long since = inFlightSince;
    if (since != 0 && clock.nanoTime() - since > OVERDUE.toNanos()) {
      return overdue(since);
    }
    waiting.add(reader);
    if (connector != null && connector.startWatchableByStatus() && connector.writtenAt != 0) {
      return null; // just created: the probes of its status serve it, and a listing follows once it settled
    }
    listingDue = true;
    requestRound();
    return null;
  }

  /**
   * The latest successful listing, however old, if it lacks {@code connectorName} and no write was made since; else
   * null. Good enough to decide that a connector never created by its resource is to be created, without a listing of
   * its own: Connect refuses a name that exists (409), which the create handles.
   */
  Snapshot lastKnownWithout(String connectorName) {
    Snapshot snapshot = latest;
    return snapshot != null && snapshot.available() && snapshot.startedAt() > invalidatedAt
        && snapshot.view(connectorName) == null ? snapshot : null;
  }

  /**
   * Whether the cluster answered again after being unreachable less than {@code grace} ago: a worker that just
   * started may list no connectors until it has read its config topic.
   */
  @Override
  public boolean recentlyRecovered(Duration grace) {
    return recoveredAt != Long.MIN_VALUE && clock.nanoTime() - recoveredAt < grace.toNanos();
  }

  /** The latest listing if it is at most {@code maxAge} old and not invalidated; never fetches. */
  Snapshot recent(Duration maxAge) {
    Snapshot snapshot = latest;
    return usable(snapshot, null, maxAge) ? snapshot : null;
  }

  /**
   * After a write to Connect for {@code written}: its next read fetches, the first round comes when Connect can have
   * started what was written, and rounds stay fast until it shows settled, for at most {@link #HOT_WINDOW}. A
   * connector this operator just created is watched through its status alone while it starts
   * ({@link #probeTargets}); any other write needs a listing.
   */
  @Override
  public void changed(TrackedConnector written) {
    long now = clock.nanoTime();
    written.writtenAt = now;
    written.lastWriteAt = now;
    if (!written.startWatchableByStatus()) {
      listingDue = true;
    }
    invalidatedAt = now;
    synchronized (this) {
      long at = now + startTimes.firstLook(fast).toNanos();
      if (firstLookAt == Long.MIN_VALUE || at - firstLookAt < 0 || firstLookAt - now < 0) {
        firstLookAt = at;
      }
      wake(Duration.ofNanos(Math.max(0, firstLookAt - now)));
    }
  }

  /** Something may have changed in Connect (not a write of ours, or one that may look the same): look again soon. */
  @Override
  public void changed() {
    long now = clock.nanoTime();
    listingDue = true;
    changedAt = now;
    invalidatedAt = now;
    hotUntil = now + HOT_WINDOW.toNanos();
    wake();
  }

  /**
   * Whether rounds stay fast: a change was announced less than {@link #HOT_WINDOW} ago, or a write of less than that
   * has not shown yet. A write that showed settled lets them slow down at once (doubling): each round costs the
   * workers a listing, and nothing more is expected.
   */
  private boolean hot(long now) {
    if (now - hotUntil < 0) {
      return true;
    }
    for (TrackedConnector connector : tracked.values()) {
      long writtenAt = connector.writtenAt;
      if (writtenAt != 0 && now - writtenAt < HOT_WINDOW.toNanos()) {
        return true;
      }
    }
    return false;
  }

  /**
   * Whether {@code snapshot} is fresh enough for a reader of {@code connector}'s entry (null: of the whole listing):
   * at most {@code maxAge} old, and asked for after the latest write to that connector and the latest change
   * announced (after the latest write of any kind, for the whole listing).
   */
  private boolean usable(Snapshot snapshot, TrackedConnector connector, Duration maxAge) {
    if (snapshot == null || !snapshot.available()) {
      return false;
    }
    if (connector == null) {
      return snapshot.startedAt() > invalidatedAt
          && clock.nanoTime() - snapshot.answeredAt() <= maxAge.toNanos();
    }
    String name = connector.connectorName;
    long startedAt = snapshot.startedAt(name);
    return startedAt > changedAt && startedAt > connector.lastWriteAt
        && clock.nanoTime() - snapshot.answeredAt(name) <= maxAge.toNanos();
  }

  private Snapshot overdue(long since) {
    long now = clock.nanoTime();
    long seconds = Math.max(OVERDUE.toSeconds(), Duration.ofNanos(now - since).toSeconds());
    return new Snapshot(Map.of(), new ConnectUnavailableException("Connect REST API at " + url
        + " has not answered for more than " + (seconds < 60 ? seconds + " s" : seconds / 60 + " min"), null),
        since, now);
  }

  /** Runs on the cluster's worker thread: one listing, then the notifications. */
  private Snapshot fetch() {
    long start = clock.nanoTime();
    listingDue = false;
    probedStartingSince = 0;
    inFlightSince = start;
    PollClock.Timer overdueCheck = clock.schedule(() -> markOverdue(start), OVERDUE);
    Snapshot snapshot;
    try {
      snapshot = new Snapshot(client.connectors(), null, start, clock.nanoTime());
    } catch (ConnectException e) {
      snapshot = new Snapshot(Map.of(), e, start, clock.nanoTime());
    } catch (RuntimeException e) {
      snapshot = new Snapshot(Map.of(), new ConnectUnavailableException("Connect REST API at " + url
          + " cannot be called: " + e.getMessage(), e), start, clock.nanoTime());
    } finally {
      inFlightSince = 0;
      overdueCheck.cancel();
    }
    lastRoundNanos = snapshot.answeredAt() - start;
    Snapshot previous = latest;
    if (previous != null && !previous.available() && snapshot.available()) {
      recoveredAt = start;
    }
    publish(snapshot);
    previousStartedAt = start;
    return snapshot;
  }

  /**
   * The connectors a round may probe instead of listing the cluster: every connector with a write still to show is
   * one this operator created less than {@link #HOT_WINDOW} ago, and there are at most {@link #MAX_PROBES}; null when
   * the round is to list (a listing is due, there is no listing to amend, or nothing to probe).
   */
  private List<TrackedConnector> probeTargets() {
    Snapshot snapshot = latest;
    if (listingDue || snapshot == null || !snapshot.available()) {
      return null;
    }
    long now = clock.nanoTime();
    List<TrackedConnector> targets = new ArrayList<>();
    for (TrackedConnector connector : tracked.values()) {
      long writtenAt = connector.writtenAt;
      if (writtenAt == 0) {
        continue;
      }
      if (!connector.startWatchableByStatus() || now - writtenAt > HOT_WINDOW.toNanos()
          || targets.size() == MAX_PROBES) {
        return null;
      }
      targets.add(connector);
    }
    return targets.isEmpty() ? null : targets;
  }

  /**
   * Runs on the cluster's worker thread: {@code GET /connectors/{name}/status} of each connector just created. Those
   * that settled (running with their tasks, or failed) are published into the latest listing, with the config Connect
   * answered the create with; one still starting changes nothing. The status endpoint reads Connect's status store
   * for one connector: unlike a listing of every connector's config and status, its cost does not grow with the
   * cluster. A failed probe makes the next round a listing.
   */
  private boolean probe(List<TrackedConnector> targets) {
    long start = clock.nanoTime();
    inFlightSince = start;
    PollClock.Timer overdueCheck = clock.schedule(() -> markOverdue(start), OVERDUE);
    Map<String, ConnectorView> settled = new LinkedHashMap<>();
    long startingSince = 0;
    try {
      for (TrackedConnector connector : targets) {
        ConnectorView status = client.status(connector.connectorName);
        TrackedConnector.Created created = connector.created;
        if (status != null && created != null) {
          ConnectorView view = new ConnectorView(connector.connectorName, created.config(), status.type(),
              status.state(), status.tasks());
          if (view.settled()) {
            settled.put(connector.connectorName, view);
            continue;
          }
        }
        long writtenAt = connector.writtenAt;
        if (startingSince == 0 || writtenAt - startingSince < 0) {
          startingSince = writtenAt;
        }
      }
    } catch (RuntimeException e) {
      LOG.debug("Probe of {} failed, listing next: {}", url, e.getMessage());
      listingDue = true;
      startingSince = 0;
    } finally {
      inFlightSince = 0;
      overdueCheck.cancel();
    }
    long end = clock.nanoTime();
    lastRoundNanos = end - start;
    Snapshot snapshot = latest;
    if (!settled.isEmpty() && snapshot.available()) {
      publish(snapshot.withProbed(settled, start, end));
    }
    if (settled.isEmpty()) {
      LOG.debug("Probed {} in {} ms: {} starting", url, lastRoundNanos / 1_000_000, targets.size());
    }
    previousStartedAt = start;
    probedStartingSince = startingSince;
    return latest.available();
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
    for (TrackedConnector connector : tracked.values()) {
      Object fingerprint = fingerprint(snapshot, connector.connectorName);
      Object before = connector.seen;
      connector.seen = fingerprint;
      learnStartTime(connector, snapshot);
      if (before != null && !before.equals(fingerprint)) {
        changed = true;
        LOG.debug("Connector {} changed in {}", connector.connectorName, url);
        notifier.accept(connector.id);
      } else if (waited.contains(connector.id)) {
        notifier.accept(connector.id);
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
      LOG.debug("{} {} in {} ms: {}{}", snapshot.probed().isEmpty() ? "Listed" : "Probed", url,
          lastRoundNanos / 1_000_000, snapshot.available() ? snapshot.connectors().size() + " connectors"
          : "unavailable", changed ? " (changed)" : "");
    }
  }

  /**
   * A connector written to shows settled for the first time: the time its write took to show (between the previous
   * round and this one; the midpoint) is a sample of how soon to look after the next write.
   */
  private void learnStartTime(TrackedConnector connector, Snapshot snapshot) {
    long writtenAt = connector.writtenAt;
    if (writtenAt == 0 || !snapshot.available()) {
      return;
    }
    long lookedAt = snapshot.startedAt(connector.connectorName);
    if (lookedAt - writtenAt <= 0) {
      return; // asked for before the write: says nothing of it
    }
    if (lookedAt - writtenAt > HOT_WINDOW.toNanos()) {
      connector.writtenAt = 0; // never settled while we looked closely: no sample
      return;
    }
    ConnectorView view = snapshot.view(connector.connectorName);
    if (view != null && view.settled()) {
      connector.writtenAt = 0;
      long shownAfter = Math.max(previousStartedAt, writtenAt);
      startTimes.add(Duration.ofNanos((shownAfter + lookedAt) / 2 - writtenAt));
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
  private void wake() {
    wake(fast);
  }

  /** Rounds come fast again; the next one {@code after} from now, or right after the round in flight. */
  private synchronized void wake(Duration after) {
    delay = fast;
    if (polling) {
      wakeDuringPoll = true;
    } else {
      schedule(after);
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
   * A reconcile needs a listing: a round now, or at the first look after the latest write if that is still to come. A
   * round in flight serves it (a write after that round started has already asked for the next one, through
   * {@link #changed}).
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
    long now = clock.nanoTime();
    long at = now + after.toNanos();
    boolean firstLookDue = firstLookAt != Long.MIN_VALUE && firstLookAt - now > 0;
    if (firstLookDue && firstLookAt - at > 0) {
      // nothing of the latest write can show before then: a round sooner (a reader's request, the fast pace of an
      // earlier write) would only load a worker that is starting what was written
      at = firstLookAt;
    }
    boolean timerTooEarly = next != null && firstLookDue && firstLookAt - nextAt > 0;
    if (next != null && nextAt - at <= 0 && !timerTooEarly) {
      return;
    }
    if (next != null) {
      next.cancel();
    }
    nextAt = at;
    long ticket = ++timerSeq;
    next = clock.schedule(() -> fire(ticket), Duration.ofNanos(at - now));
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
      List<TrackedConnector> probes = probeTargets();
      available = probes == null ? fetch().available() : probe(probes);
    } finally {
      synchronized (this) {
        polling = false;
        if (!available) {
          // an unreachable cluster is tried again within a few seconds: one refused connection costs nothing, and
          // its connectors should be Ready soon after it is back (reconciles do not list it themselves)
          delay = min(Backoff.TRANSIENT.delay(failures++), min(slow, UNREACHABLE_RETRY_CAP));
        } else if (wakeDuringPoll || hot(clock.nanoTime())) {
          failures = 0;
          delay = fast;
        } else {
          failures = 0;
          delay = min(delay.multipliedBy(2), slow);
        }
        wakeDuringPoll = false;
        schedule(available ? nextDelay() : delay);
      }
    }
  }

  /**
   * The wait before the next round: {@code delay}, but not before the first look after the latest write is due and
   * not closer than twice the last round's duration (a listing costs the workers about what it costs us); after a
   * probe that found a connector still starting, {@link #probeWait}.
   */
  private Duration nextDelay() {
    long now = clock.nanoTime();
    long startingSince = probedStartingSince;
    long wait = startingSince != 0 ? probeWait(now - startingSince)
        : Math.max(delay.toNanos(), 2 * lastRoundNanos);
    if (firstLookAt != Long.MIN_VALUE && firstLookAt - now > 0) {
      wait = Math.max(wait, firstLookAt - now);
    }
    return Duration.ofNanos(Math.min(wait, slow.toNanos()));
  }

  /**
   * The wait before probing again a connector written {@code sinceWrite} nanoseconds ago that is still starting: an
   * eighth of that, at least {@link #PROBE_INTERVAL}. Seeing it settled late by an eighth of its start time at most
   * costs a few status calls while Connect starts it (a status call reads Connect's status store, it does not touch
   * the herder), and no more than a few dozen for one that takes the whole {@link #HOT_WINDOW}.
   */
  private static long probeWait(long sinceWrite) {
    return Math.max(PROBE_INTERVAL.toNanos(), sinceWrite / 8);
  }

  /** How soon after a write the first round comes ({@link StartTimes#firstLook}); for tests. */
  Duration firstLook() {
    return startTimes.firstLook(fast);
  }

  /**
   * Stops polling; the cluster's thread ends after the round in flight, if any (bounded by the request timeout), and
   * then runs {@code released}, so that nothing the round records outlives the release.
   */
  synchronized void close() {
    closed = true;
    if (next != null) {
      next.cancel();
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
