package dev.patchbay.operator.connector;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import dev.patchbay.operator.connect.ConnectorView;
import dev.patchbay.operator.connect.FakeConnectClient;
import io.javaoperatorsdk.operator.processing.event.ResourceID;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.AbstractExecutorService;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/**
 * The shared listing: reconciles never wait for Connect, one listing in flight per cluster, change notification, an
 * overdue listing turning the cluster unavailable, and when rounds come (the Connect side is a stub here). Time is a
 * {@link ManualPollClock}: listings are counted per simulated poll, never per wall-clock window.
 */
class ClusterPollerTest {

  private static final Duration FRESH = Duration.ofSeconds(1);
  private static final Duration FAST = Duration.ofMillis(25);
  private static final Duration SLOW = Duration.ofSeconds(30);
  private final ManualPollClock clock = new ManualPollClock();
  private final ExecutorService threads = Executors.newCachedThreadPool();
  private final FakeConnectClient connect = new FakeConnectClient();
  private final List<ResourceID> notified = new ArrayList<>();
  private final List<ClusterPoller> pollers = new ArrayList<>();

  /** A poller whose rounds run on the thread that advances the clock. */
  private ClusterPoller poller() {
    return poller(new DirectExecutor());
  }

  private ClusterPoller poller(ExecutorService worker) {
    ClusterPoller poller = new ClusterPoller("http://stub", connect, FAST, SLOW, clock, worker, id -> {
      synchronized (notified) {
        notified.add(id);
      }
    }, byState -> { }, () -> { });
    pollers.add(poller);
    return poller;
  }

  @AfterEach
  void stop() {
    connect.release();
    pollers.forEach(ClusterPoller::close);
    threads.shutdownNow();
  }

  private List<ResourceID> notified() {
    synchronized (notified) {
      return List.copyOf(notified);
    }
  }

  private static TrackedConnector connector(String name) {
    TrackedConnector connector = new TrackedConnector(new ResourceID(name, "ns"));
    connector.connectorName = name;
    return connector;
  }

  @Test
  void readersNeverWaitAndShareOneListingThenAreNotified() throws Exception {
    ClusterPoller poller = poller(Executors.newSingleThreadExecutor());
    connect.gate = new CountDownLatch(1);
    List<ResourceID> readers = new ArrayList<>();
    for (int i = 0; i < 20; i++) {
      TrackedConnector c = connector("c" + i);
      readers.add(c.id);
      poller.track(c);
      Future<ClusterPoller.Snapshot> read = threads.submit(() -> poller.read(c.id, FRESH));
      assertThat(read.get(1, TimeUnit.SECONDS)).as("a reconcile is told to wait, not made to").isNull();
      clock.runDue();
    }
    await().atMost(Duration.ofSeconds(5)).until(() -> connect.calls.get() == 1);
    connect.gate.countDown();
    await().atMost(Duration.ofSeconds(5)).until(() -> notified().containsAll(readers));
    clock.runDue();
    assertThat(connect.calls.get()).as("one listing in flight for all of them").isEqualTo(1);
    for (ResourceID id : readers) {
      assertThat(poller.read(id, FRESH).available()).isTrue();
    }
    assertThat(connect.calls.get()).isEqualTo(1);
  }

  @Test
  void aListingInFlightTooLongMakesTheClusterUnavailableWithoutWaitingForTheTimeout() {
    ClusterPoller poller = poller(Executors.newSingleThreadExecutor());
    connect.gate = new CountDownLatch(1); // never opened during the test: Connect accepts and does not answer
    TrackedConnector a = connector("a");
    poller.track(a);
    assertThat(poller.read(a.id, FRESH)).isNull();
    clock.runDue();
    await().atMost(Duration.ofSeconds(5)).until(() -> connect.calls.get() == 1);
    clock.advance(ClusterPoller.OVERDUE.minusMillis(1));
    assertThat(notified()).as("not overdue yet").isEmpty();
    clock.advance(Duration.ofMillis(2));
    assertThat(notified()).containsExactly(a.id);
    ClusterPoller.Snapshot overdue = poller.read(a.id, FRESH);
    assertThat(overdue.available()).isFalse();
    assertThat(overdue.failure().getMessage()).isEqualTo("Connect REST API at http://stub has not answered for "
        + "more than 5 s");
    assertThat(connect.calls.get()).as("still one listing in flight").isEqualTo(1);
  }

  @Test
  void aSettledClusterIsListedOncePerPollInterval() {
    ClusterPoller poller = poller();
    poller.track(connector("a"));
    clock.advance(SLOW.multipliedBy(10));
    assertThat(connect.calls.get()).isEqualTo(10);
  }

  @Test
  void afterAWriteTheFirstListingComesWhenConnectCanHaveActedThenFastUntilSettled() {
    ClusterPoller poller = poller();
    TrackedConnector a = connector("a");
    poller.track(a);
    clock.advance(SLOW); // one settled round
    assertThat(connect.calls.get()).isEqualTo(1);

    poller.changed(a);
    clock.advance(StartTimes.DEFAULT.minusMillis(1));
    assertThat(connect.calls.get()).as("nothing to see before Connect can have acted").isEqualTo(1);
    clock.advance(Duration.ofMillis(1));
    assertThat(connect.calls.get()).isEqualTo(2);
    clock.advance(FAST.multipliedBy(4));
    assertThat(connect.calls.get()).as("then every fast interval").isEqualTo(6);
    clock.advance(ClusterPoller.HOT_WINDOW.plus(SLOW.multipliedBy(2)));
    int settled = connect.calls.get();
    clock.advance(SLOW.multipliedBy(4));
    assertThat(connect.calls.get() - settled).as("back to one listing per poll interval").isEqualTo(4);
  }

  @Test
  void roundsSlowDownAsSoonAsTheWriteShowsSettled() {
    ClusterPoller poller = poller();
    TrackedConnector a = connector("a");
    connect.listing = Map.of("a", view("a", "UNASSIGNED"));
    poller.track(a);
    clock.advance(SLOW);
    poller.changed(a);
    clock.advance(poller.firstLook().plus(FAST.multipliedBy(3)));
    int starting = connect.calls.get();
    assertThat(starting).as("fast while it starts").isEqualTo(5);

    connect.listing = Map.of("a", view("a", "RUNNING"));
    clock.advance(ClusterPoller.HOT_WINDOW);
    assertThat(connect.calls.get() - starting).as("25, 25, 50, 100, 200, 400, 800 ms after it settled")
        .isEqualTo(7);
  }

  @Test
  void nothingIsListedAfterAWriteBeforeConnectCanHaveActedNeitherAFastRoundNorAReadersRequest() {
    ClusterPoller poller = poller();
    TrackedConnector a = connector("a");
    TrackedConnector b = connector("b");
    poller.track(a);
    poller.track(b);
    clock.advance(SLOW);
    poller.changed(a);
    clock.advance(StartTimes.DEFAULT.plus(FAST).plusMillis(10)); // fast rounds for a; the next is due in 15 ms
    int before = connect.calls.get();

    poller.changed(b);
    assertThat(poller.read(b.id, FRESH)).as("what was listed is stale for b; a round is asked for").isNull();
    clock.advance(poller.firstLook().minusMillis(1));
    assertThat(connect.calls.get()).as("no round before Connect can have acted on b").isEqualTo(before);
    clock.advance(Duration.ofMillis(1));
    assertThat(connect.calls.get()).isEqualTo(before + 1);
    assertThat(notified()).as("the reader is told when it answered").contains(b.id);
  }

  @Test
  void theFirstLookAfterAWriteFollowsHowLongConnectTookBefore() {
    ClusterPoller poller = poller();
    TrackedConnector a = connector("a");
    poller.track(a);
    Duration connectTakes = Duration.ofMillis(300);
    for (int write = 0; write < 8; write++) {
      long writtenAt = clock.nanoTime();
      connect.listing = Map.of("a", view("a", "UNASSIGNED"));
      connect.onCall = () -> {
        if (clock.nanoTime() - writtenAt >= connectTakes.toNanos()) {
          connect.listing = Map.of("a", view("a", "RUNNING"));
        }
      };
      poller.changed(a);
      clock.advance(ClusterPoller.HOT_WINDOW.plusSeconds(1));
    }
    assertThat(poller.firstLook()).isBetween(connectTakes.minus(FAST), connectTakes.plus(FAST));
  }

  @Test
  void aWriteToOneConnectorLeavesTheListingGoodForTheOthers() {
    ClusterPoller poller = poller();
    TrackedConnector a = connector("a");
    TrackedConnector b = connector("b");
    settledWith(poller, a, b);
    poller.changed(a);
    assertThat(poller.read(b.id, FRESH)).as("b's entry is as good as before a's write").isNotNull();
    assertThat(poller.read(a.id, FRESH)).as("a's entry predates its write").isNull();
    assertThat(poller.recent(FRESH)).as("the listing as a whole predates a write").isNull();
    poller.changed();
    assertThat(poller.read(b.id, FRESH)).as("a change of unknown extent: stale for everyone").isNull();
  }

  @Test
  void aConnectorJustCreatedIsWatchedThroughItsStatusAloneUntilItSettled() {
    ClusterPoller poller = poller();
    TrackedConnector a = connector("a");
    poller.track(a);
    clock.advance(SLOW); // a settled round, without a
    notified.clear();
    Map<String, String> stored = Map.of("name", "a", "file", "/tmp/a.txt");
    a.created = created(stored);
    poller.changed(a);

    clock.advance(poller.firstLook());
    assertThat(connect.statusCalls).as("Connect has no status for it yet (404)").containsExactly("a");
    connect.listing = Map.of("a", view("a", "UNASSIGNED"));
    assertThat(poller.read(a.id, FRESH)).as("its own reconcile waits for the probes").isNull();
    clock.advance(FAST);
    assertThat(connect.statusCalls).hasSize(2);
    assertThat(notified()).as("still starting: nothing to act on").isEmpty();
    assertThat(connect.calls.get()).as("no listing while it starts").isEqualTo(1);

    connect.listing = Map.of("a", view("a", "RUNNING"));
    clock.advance(FAST);
    assertThat(notified()).as("told once, when it settled").containsExactly(a.id);
    ClusterPoller.Snapshot read = poller.read(a.id, FRESH);
    assertThat(read).as("the probe is fresh for a").isNotNull();
    ConnectorView running = view("a", "RUNNING");
    assertThat(read.view("a")).as("its config as Connect answered the create")
        .isEqualTo(new ConnectorView("a", stored, "source", running.state(), running.tasks()));
    assertThat(poller.recent(FRESH)).as("the rest of the listing is older than the write").isNull();
    assertThat(connect.calls.get()).isEqualTo(1);

    clock.advance(FAST);
    assertThat(connect.calls.get()).as("settled: the next round lists the cluster").isEqualTo(2);
    assertThat(connect.statusCalls).hasSize(3);
  }

  @Test
  void probesComeCloseWhileConnectCommonlyStartsAConnectorAndThinOutAfter() {
    ClusterPoller poller = poller();
    TrackedConnector a = connector("a");
    poller.track(a);
    clock.advance(SLOW);
    notified.clear();
    a.created = created(Map.of("name", "a"));
    connect.listing = Map.of("a", view("a", "UNASSIGNED"));
    poller.changed(a);

    clock.advance(Duration.ofMillis(200));
    assertThat(connect.statusCalls).as("at 100 ms (the first look), then an eighth of the time since the write later")
        .hasSize(6);
    clock.advance(Duration.ofMillis(800));
    assertThat(connect.statusCalls).as("20 probes in the first second, not 36 at the fast interval").hasSize(20);
    connect.listing = Map.of("a", view("a", "RUNNING"));
    clock.advance(Duration.ofMillis(1000 / 8));
    assertThat(notified()).as("seen within an eighth of its start time").containsExactly(a.id);
  }

  @Test
  void anyOtherWriteOrAReaderWaitingMakesTheRoundAListing() {
    ClusterPoller poller = poller();
    TrackedConnector a = connector("a");
    TrackedConnector b = connector("b");
    TrackedConnector c = connector("c");
    connect.listing = Map.of("b", view("b", "RUNNING"), "c", view("c", "RUNNING"));
    poller.track(a);
    poller.track(b);
    poller.track(c);
    clock.advance(SLOW);
    a.created = created(Map.of("name", "a"));
    poller.changed(a);
    poller.changed(b); // e.g. a pause: only a listing shows it
    clock.advance(poller.firstLook());
    assertThat(connect.statusCalls).isEmpty();
    assertThat(connect.calls.get()).isEqualTo(2);
    clock.advance(FAST);
    assertThat(connect.statusCalls).as("b showed settled: a alone is left to watch").hasSize(1);

    clock.advance(ClusterPoller.HOT_WINDOW.plus(SLOW));
    a.created = created(Map.of()); // Connect's answer to the create said no config: only a listing shows it
    poller.changed(a);
    int before = connect.calls.get();
    int probedBefore = connect.statusCalls.size();
    clock.advance(poller.firstLook());
    assertThat(connect.calls.get()).isEqualTo(before + 1);
    assertThat(connect.statusCalls).hasSize(probedBefore);

    clock.advance(ClusterPoller.HOT_WINDOW.plus(SLOW));
    a.created = created(Map.of("name", "a"));
    poller.changed(a);
    int probes = connect.statusCalls.size();
    clock.advance(poller.firstLook());
    assertThat(connect.statusCalls).hasSize(probes + 1);
    int listings = connect.calls.get();
    assertThat(poller.read(c.id, FRESH)).as("c's reconcile needs a listing newer than the write").isNull();
    clock.advance(Duration.ofMillis(1));
    assertThat(connect.calls.get()).isEqualTo(listings + 1);
    assertThat(connect.statusCalls).hasSize(probes + 1);
    assertThat(notified()).contains(c.id);
  }

  @Test
  void aListingSentBeforeAWriteDoesNotCountAsShowingIt() throws Exception {
    ExecutorService worker = Executors.newSingleThreadExecutor();
    ClusterPoller poller = poller(worker);
    TrackedConnector a = connector("a");
    connect.listing = Map.of("a", view("a", "RUNNING"));
    poller.track(a);
    connect.gate = new CountDownLatch(1);
    clock.advance(SLOW);
    await().atMost(Duration.ofSeconds(10)).until(() -> connect.calls.get() == 1);
    poller.changed(a); // while the listing is in flight: it cannot show the write
    connect.release();
    worker.submit(() -> { }).get(10, TimeUnit.SECONDS); // the round has ended
    assertThat(connect.calls.get()).isEqualTo(1);
    assertThat(a.writtenAt).as("the write is still to show").isNotZero();
    assertThat(poller.firstLook()).as("no sample from that listing").isEqualTo(StartTimes.DEFAULT);
  }

  @Test
  void onlyConnectorsWhoseViewChangedAreNotified() {
    ClusterPoller poller = poller();
    TrackedConnector a = connector("a");
    TrackedConnector b = connector("b");
    settledWith(poller, a, b);
    notified.clear();

    connect.listing = Map.of("a", view("a", "RUNNING"), "b", view("b", "FAILED"));
    poller.changed();
    clock.advance(FAST);
    assertThat(notified()).containsExactly(b.id);

    connect.listing = Map.of("a", view("a", "RUNNING"));
    poller.changed();
    clock.advance(FAST);
    assertThat(notified()).containsExactly(b.id, b.id);
  }

  @Test
  void unreachableClusterNotifiesOnceWhenItGoesAndOnceWhenItComesBack() {
    ClusterPoller poller = poller();
    TrackedConnector a = connector("a");
    connect.listing = Map.of("a", view("a", "RUNNING"));
    poller.track(a);
    clock.advance(SLOW);
    notified.clear();
    connect.down = true;
    poller.changed();
    clock.advance(FAST);
    assertThat(notified()).containsExactly(a.id);
    assertThat(poller.read(a.id, FRESH).available()).isFalse();
    int calls = connect.calls.get();
    clock.advance(ClusterPoller.UNREACHABLE_RETRY_CAP);
    assertThat(connect.calls.get()).as("retried within the cap").isGreaterThan(calls);
    assertThat(notified()).as("still unreachable: no second notification").containsExactly(a.id);
    connect.down = false;
    clock.advance(ClusterPoller.UNREACHABLE_RETRY_CAP);
    assertThat(notified()).containsExactly(a.id, a.id);
    assertThat(poller.recent(SLOW)).as("available again").isNotNull();
  }

  /** Tracks {@code connectors} on {@code poller}, every one listed RUNNING, and lets one settled round list them. */
  private void settledWith(ClusterPoller poller, TrackedConnector... connectors) {
    Map<String, ConnectorView> listing = new java.util.HashMap<>();
    for (TrackedConnector connector : connectors) {
      listing.put(connector.connectorName, view(connector.connectorName, "RUNNING"));
      poller.track(connector);
    }
    connect.listing = Map.copyOf(listing);
    clock.advance(SLOW);
  }

  /** This operator's create of a connector, as Connect answered it. */
  private static TrackedConnector.Created created(Map<String, String> stored) {
    return new TrackedConnector.Created(java.time.Instant.now(), stored);
  }

  private static ConnectorView view(String name, String taskState) {
    return new ConnectorView(name, Map.of("name", name), "source",
        new ConnectorView.InstanceState("RUNNING", "w:8083", null),
        List.of(new ConnectorView.TaskState(0, taskState, "w:8083", null)));
  }

  /** Runs each task on the calling thread. */
  private static final class DirectExecutor extends AbstractExecutorService {
    private volatile boolean shutdown;

    @Override
    public void execute(Runnable command) {
      command.run();
    }

    @Override
    public void shutdown() {
      shutdown = true;
    }

    @Override
    public List<Runnable> shutdownNow() {
      shutdown = true;
      return List.of();
    }

    @Override
    public boolean isShutdown() {
      return shutdown;
    }

    @Override
    public boolean isTerminated() {
      return shutdown;
    }

    @Override
    public boolean awaitTermination(long timeout, TimeUnit unit) {
      return true;
    }
  }
}
