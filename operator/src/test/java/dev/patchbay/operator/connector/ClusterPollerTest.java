package dev.patchbay.operator.connector;

import static org.assertj.core.api.Assertions.assertThat;

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

/** The shared listing: single-flight fetches and change notification (the Connect side is a stub here). */
class ClusterPollerTest {

  private static final Duration FRESH = Duration.ofSeconds(1);
  private final ScheduledExecutorService scheduler = Executors.newSingleThreadScheduledExecutor();
  private final ExecutorService threads = Executors.newCachedThreadPool();
  private final StubConnect connect = new StubConnect();
  private final List<ResourceID> notified = new ArrayList<>();
  private final ClusterPoller poller = new ClusterPoller("http://stub", connect, Duration.ofHours(1),
      Duration.ofHours(1), scheduler, threads, id -> {
        synchronized (notified) {
          notified.add(id);
        }
      }, byState -> { });

  @AfterEach
  void stop() {
    poller.close();
    scheduler.shutdownNow();
    threads.shutdownNow();
  }

  @Test
  void concurrentReadsShareOneFetch() throws Exception {
    connect.gate = new CountDownLatch(1);
    List<Future<ClusterPoller.Snapshot>> reads = new ArrayList<>();
    for (int i = 0; i < 20; i++) {
      reads.add(threads.submit(() -> poller.read(FRESH)));
    }
    org.awaitility.Awaitility.await().atMost(Duration.ofSeconds(5)).until(() -> connect.calls.get() == 1);
    connect.gate.countDown();
    for (Future<ClusterPoller.Snapshot> read : reads) {
      assertThat(read.get(5, TimeUnit.SECONDS).available()).isTrue();
    }
    assertThat(connect.calls.get()).isEqualTo(1);
    poller.read(FRESH);
    assertThat(connect.calls.get()).isEqualTo(1);
    poller.changed();
    poller.read(FRESH);
    assertThat(connect.calls.get()).isEqualTo(2);
  }

  @Test
  void aSettledClusterWithNoWriteIsPolledAtTheSlowInterval() {
    ClusterPoller settled = new ClusterPoller("http://stub", connect, Duration.ofMillis(10), Duration.ofMillis(300),
        scheduler, threads, id -> { }, byState -> { });
    try {
      settled.track(new ResourceID("a", "ns"), "a");
      // about 4 rounds in 1.2 s at 300 ms; the fast interval would make it over 100
      org.awaitility.Awaitility.await().during(Duration.ofMillis(1200)).atMost(Duration.ofSeconds(3))
          .until(() -> connect.calls.get() <= 6);
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
    poller.read(FRESH);
    assertThat(notified).isEmpty();

    connect.listing = Map.of("a", view("a", "RUNNING"), "b", view("b", "FAILED"));
    poller.changed();
    poller.read(FRESH);
    assertThat(notified).containsExactly(b);

    connect.listing = Map.of("a", view("a", "RUNNING"));
    poller.changed();
    poller.read(FRESH);
    assertThat(notified).containsExactly(b, b);
  }

  @Test
  void unreachableClusterNotifiesOnceWhenItGoesAndOnceWhenItComesBack() {
    ResourceID a = new ResourceID("a", "ns");
    connect.listing = Map.of("a", view("a", "RUNNING"));
    poller.track(a, "a");
    poller.read(FRESH);
    connect.down = true;
    for (int i = 0; i < 3; i++) {
      poller.changed();
      assertThat(poller.read(FRESH).available()).isFalse();
    }
    assertThat(notified).containsExactly(a);
    connect.down = false;
    poller.changed();
    poller.read(FRESH);
    assertThat(notified).containsExactly(a, a);
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

    @Override
    public Map<String, ConnectorView> connectors() {
      calls.incrementAndGet();
      if (gate != null) {
        try {
          gate.await(5, TimeUnit.SECONDS);
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
  }
}
