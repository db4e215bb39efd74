package dev.patchbay.operator.connector;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import dev.patchbay.operator.connect.ConnectClient;
import dev.patchbay.operator.connect.ConnectUnavailableException;
import dev.patchbay.operator.connect.ConnectorView;
import dev.patchbay.operator.connect.PluginInfo;
import dev.patchbay.operator.connect.ServerInfo;
import dev.patchbay.operator.connect.ValidationResult;
import io.javaoperatorsdk.operator.processing.event.ResourceID;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/**
 * The shared listing: reconciles never wait for Connect, one listing in flight per cluster, change notification, and
 * an overdue listing turning the cluster unavailable (the Connect side is a stub here).
 */
class ClusterPollerTest {

  private static final Duration FRESH = Duration.ofSeconds(1);
  private final ScheduledExecutorService scheduler = Executors.newSingleThreadScheduledExecutor();
  private final ExecutorService threads = Executors.newCachedThreadPool();
  private final StubConnect connect = new StubConnect();
  private final List<ResourceID> notified = new ArrayList<>();
  private final ClusterPoller poller = poller(connect, Duration.ofMillis(10), Duration.ofHours(1));

  private ClusterPoller poller(StubConnect stub, Duration fast, Duration slow) {
    return new ClusterPoller("http://stub", stub, fast, slow, scheduler, Executors.newSingleThreadExecutor(), id -> {
      synchronized (notified) {
        notified.add(id);
      }
    }, byState -> { }, () -> { });
  }

  @AfterEach
  void stop() {
    connect.release();
    poller.close();
    scheduler.shutdownNow();
    threads.shutdownNow();
  }

  private List<ResourceID> notified() {
    synchronized (notified) {
      return List.copyOf(notified);
    }
  }

  /** Reads as a reconcile does; when told to wait, waits for the notification and reads again. */
  private ClusterPoller.Snapshot readAsReconcile(ResourceID id) {
    int before = (int) notified().stream().filter(id::equals).count();
    ClusterPoller.Snapshot snapshot = poller.read(id, FRESH);
    if (snapshot != null) {
      return snapshot;
    }
    await().atMost(Duration.ofSeconds(5)).until(() -> notified().stream().filter(id::equals).count() > before);
    return poller.read(id, FRESH);
  }

  @Test
  void readersNeverWaitAndShareOneListingThenAreNotified() throws Exception {
    connect.gate = new CountDownLatch(1);
    List<ResourceID> readers = new ArrayList<>();
    for (int i = 0; i < 20; i++) {
      ResourceID id = new ResourceID("c" + i, "ns");
      readers.add(id);
      poller.track(id, "c" + i);
      Future<ClusterPoller.Snapshot> read = threads.submit(() -> poller.read(id, FRESH));
      assertThat(read.get(1, TimeUnit.SECONDS)).as("a reconcile is told to wait, not made to").isNull();
    }
    await().atMost(Duration.ofSeconds(5)).until(() -> connect.calls.get() == 1);
    connect.gate.countDown();
    await().atMost(Duration.ofSeconds(5)).until(() -> notified().containsAll(readers));
    assertThat(connect.calls.get()).as("one listing in flight for all of them").isEqualTo(1);
    for (ResourceID id : readers) {
      assertThat(poller.read(id, FRESH).available()).isTrue();
    }
    assertThat(connect.calls.get()).isEqualTo(1);

    poller.changed();
    assertThat(readAsReconcile(readers.get(0)).available()).isTrue();
    assertThat(connect.calls.get()).as("a write makes the next read list again").isGreaterThanOrEqualTo(2);
  }

  @Test
  void aListingInFlightTooLongMakesTheClusterUnavailableWithoutWaitingForTheTimeout() {
    connect.gate = new CountDownLatch(1); // never opened during the test: Connect accepts and does not answer
    ResourceID id = new ResourceID("a", "ns");
    poller.track(id, "a");
    assertThat(poller.read(id, FRESH)).isNull();
    await().atMost(ClusterPoller.OVERDUE.plusSeconds(3)).until(() -> notified().contains(id));
    ClusterPoller.Snapshot overdue = poller.read(id, FRESH);
    assertThat(overdue.available()).isFalse();
    assertThat(overdue.failure().getMessage()).isEqualTo("Connect REST API at http://stub has not answered for "
        + "more than 5 s");
    assertThat(connect.calls.get()).as("still one listing in flight").isEqualTo(1);
  }

  @Test
  void aSettledClusterWithNoWriteIsPolledAtTheSlowInterval() {
    ClusterPoller settled = poller(connect, Duration.ofMillis(10), Duration.ofMillis(300));
    try {
      settled.track(new ResourceID("a", "ns"), "a");
      // about 4 rounds in 1.2 s at 300 ms; the fast interval would make it over 100
      await().during(Duration.ofMillis(1200)).atMost(Duration.ofSeconds(3)).until(() -> connect.calls.get() <= 6);
    } finally {
      settled.close();
    }
  }

  @Test
  void onlyConnectorsWhoseViewChangedAreNotified() {
    ResourceID a = new ResourceID("a", "ns");
    ResourceID b = new ResourceID("b", "ns");
    connect.listing = Map.of("a", view("a", "RUNNING"), "b", view("b", "RUNNING"));
    poller.track(a, "a");
    poller.track(b, "b");
    readAsReconcile(a);
    notified.clear();

    connect.listing = Map.of("a", view("a", "RUNNING"), "b", view("b", "FAILED"));
    poller.changed();
    await().atMost(Duration.ofSeconds(5)).until(() -> notified().contains(b));
    assertThat(notified()).containsExactly(b);

    connect.listing = Map.of("a", view("a", "RUNNING"));
    poller.changed();
    await().atMost(Duration.ofSeconds(5)).until(() -> notified().size() == 2);
    assertThat(notified()).containsExactly(b, b);
  }

  @Test
  void unreachableClusterNotifiesOnceWhenItGoesAndOnceWhenItComesBack() {
    ResourceID a = new ResourceID("a", "ns");
    connect.listing = Map.of("a", view("a", "RUNNING"));
    poller.track(a, "a");
    readAsReconcile(a);
    notified.clear();
    connect.down = true;
    poller.changed();
    await().atMost(Duration.ofSeconds(5)).until(() -> notified().contains(a));
    assertThat(poller.read(a, FRESH).available()).isFalse();
    int calls = connect.calls.get();
    poller.changed();
    await().atMost(Duration.ofSeconds(5)).until(() -> connect.calls.get() > calls);
    assertThat(notified()).as("still unreachable: no second notification").containsExactly(a);
    connect.down = false;
    poller.changed();
    await().atMost(Duration.ofSeconds(5)).until(() -> notified().size() == 2);
    assertThat(poller.read(a, FRESH).available()).isTrue();
  }

  private static ConnectorView view(String name, String taskState) {
    return new ConnectorView(name, Map.of("name", name), "source",
        new ConnectorView.InstanceState("RUNNING", "w:8083", null),
        List.of(new ConnectorView.TaskState(0, taskState, "w:8083", null)));
  }

  /** Answers the listing from memory; no other call is expected. */
  static final class StubConnect implements ConnectClient {
    final AtomicInteger calls = new AtomicInteger();
    volatile Map<String, ConnectorView> listing = Map.of();
    volatile boolean down;
    volatile CountDownLatch gate;

    void release() {
      CountDownLatch g = gate;
      if (g != null) {
        g.countDown();
      }
    }

    @Override
    public Map<String, ConnectorView> connectors() {
      calls.incrementAndGet();
      if (gate != null) {
        try {
          gate.await(30, TimeUnit.SECONDS);
        } catch (InterruptedException e) {
          Thread.currentThread().interrupt();
        }
      }
      if (down) {
        throw new ConnectUnavailableException("Connect at http://stub is unreachable", null);
      }
      return listing;
    }

    @Override
    public ServerInfo serverInfo() {
      throw new UnsupportedOperationException();
    }

    @Override
    public List<PluginInfo> connectorPlugins() {
      throw new UnsupportedOperationException();
    }

    @Override
    public void create(String name, Map<String, String> config, String initialState) {
      throw new UnsupportedOperationException();
    }

    @Override
    public void putConfig(String name, Map<String, String> config) {
      throw new UnsupportedOperationException();
    }

    @Override
    public ValidationResult validate(String connectorClass, Map<String, String> config) {
      throw new UnsupportedOperationException();
    }

    @Override
    public void pause(String name) {
      throw new UnsupportedOperationException();
    }

    @Override
    public void resume(String name) {
      throw new UnsupportedOperationException();
    }

    @Override
    public void stop(String name) {
      throw new UnsupportedOperationException();
    }

    @Override
    public void restart(String name, boolean includeTasks, boolean onlyFailed) {
      throw new UnsupportedOperationException();
    }

    @Override
    public void restartTask(String name, int task) {
      throw new UnsupportedOperationException();
    }

    @Override
    public void delete(String name) {
      throw new UnsupportedOperationException();
    }

    @Override
    public List<String> topics(String name) {
      throw new UnsupportedOperationException();
    }

    @Override
    public Map<String, String> loggerLevels() {
      throw new UnsupportedOperationException();
    }

    @Override
    public void setLoggerLevel(String logger, String level) {
      throw new UnsupportedOperationException();
    }

    @Override
    public String offsets(String name) {
      throw new UnsupportedOperationException();
    }

    @Override
    public String alterOffsets(String name, String offsetsJson) {
      throw new UnsupportedOperationException();
    }

    @Override
    public String resetOffsets(String name) {
      throw new UnsupportedOperationException();
    }
  }
}
