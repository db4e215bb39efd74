package dev.patchbay.operator.connect;

import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * The one in-memory {@link ConnectClient} of the unit tests: the listing, server info, plugins and logger levels
 * that the KafkaConnect reconciler and the connector poller read, with switches to make the cluster unreachable or
 * hold a listing in flight. A call no unit test makes throws; integration tests use the real client against real
 * workers.
 */
public final class FakeConnectClient implements ConnectClient {

  /** {@code GET /connectors} calls so far. */
  public final AtomicInteger calls = new AtomicInteger();
  /** What {@code GET /connectors} answers. */
  public volatile Map<String, ConnectorView> listing = Map.of();
  /** While true every call fails as an unreachable cluster does. */
  public volatile boolean down;
  /** Run by every {@code GET /connectors} once counted, before it answers: lets a test change what it sees. */
  public volatile Runnable onCall = () -> { };
  /** When set, {@code GET /connectors} waits for it (at most 30 s) before answering: a listing held in flight. */
  public volatile CountDownLatch gate;
  /** Logger levels {@code GET /admin/loggers} answers. */
  public final Map<String, String> loggers = new ConcurrentHashMap<>();
  /** Every {@code PUT /admin/loggers} as {@code logger=LEVEL}, in order. */
  public final List<String> loggerPuts = new CopyOnWriteArrayList<>();

  /** Adds a source connector with no status to the listing. */
  public synchronized void addConnector(String name) {
    Map<String, ConnectorView> more = new HashMap<>(listing);
    more.put(name, new ConnectorView(name, Map.of(), "source", null, List.of()));
    listing = Map.copyOf(more);
  }

  /** Lets a listing held by {@link #gate} answer. */
  public void release() {
    CountDownLatch g = gate;
    if (g != null) {
      g.countDown();
    }
  }

  @Override
  public Map<String, ConnectorView> connectors() {
    calls.incrementAndGet();
    onCall.run();
    CountDownLatch g = gate;
    if (g != null) {
      try {
        g.await(30, TimeUnit.SECONDS);
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
      }
    }
    check();
    return listing;
  }

  @Override
  public ServerInfo serverInfo() {
    check();
    return new ServerInfo("4.3.1", "abc", "cluster-1");
  }

  @Override
  public List<PluginInfo> connectorPlugins() {
    check();
    return List.of(new PluginInfo("org.apache.kafka.connect.file.FileStreamSourceConnector", "source", "4.3.1"),
        new PluginInfo("org.apache.kafka.connect.file.FileStreamSinkConnector", "sink", "4.3.1"));
  }

  @Override
  public Map<String, String> loggerLevels() {
    check();
    return Map.copyOf(loggers);
  }

  @Override
  public void setLoggerLevel(String logger, String level) {
    check();
    loggerPuts.add(logger + "=" + level);
    loggers.put(logger, level);
  }

  private void check() {
    if (down) {
      throw new ConnectUnavailableException("Connection refused", null);
    }
  }

  /** The names of the connectors POSTed, in order. */
  public final List<String> creates = new CopyOnWriteArrayList<>();

  @Override
  public Map<String, String> create(String name, Map<String, String> config, String initialState) {
    check();
    creates.add(name);
    Map<String, String> stored = new HashMap<>(config);
    stored.put("name", name);
    return stored;
  }

  /** {@code GET /connectors/{name}/status} calls so far, by connector name. */
  public final List<String> statusCalls = new CopyOnWriteArrayList<>();

  /** The connector's entry of {@link #listing} without its config, as the status endpoint answers; null if absent. */
  @Override
  public ConnectorView status(String name) {
    statusCalls.add(name);
    check();
    ConnectorView view = listing.get(name);
    return view == null ? null : new ConnectorView(name, Map.of(), view.type(), view.state(), view.tasks());
  }

  @Override
  public void putConfig(String name, Map<String, String> config) {
    throw new UnsupportedOperationException();
  }

  /** What {@link #validate} answers; null: not expected to be called. */
  public volatile ValidationResult validation;
  public final AtomicInteger validateCalls = new AtomicInteger();

  @Override
  public ValidationResult validate(String connectorClass, Map<String, String> config) {
    validateCalls.incrementAndGet();
    if (down) {
      throw new ConnectUnavailableException("Connect at http://stub is unreachable", null);
    }
    if (validation == null) {
      throw new UnsupportedOperationException();
    }
    return validation;
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

  /** What {@link #topics} answers, by connector; asked for is counted in {@link #topicCalls}. */
  public final Map<String, List<String>> topics = new ConcurrentHashMap<>();
  public final AtomicInteger topicCalls = new AtomicInteger();

  @Override
  public List<String> topics(String name) {
    topicCalls.incrementAndGet();
    return topics.getOrDefault(name, List.of());
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
