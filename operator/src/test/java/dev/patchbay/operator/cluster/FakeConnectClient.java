package dev.patchbay.operator.cluster;

import dev.patchbay.operator.connect.ConnectClient;
import dev.patchbay.operator.connect.ConnectUnavailableException;
import dev.patchbay.operator.connect.ConnectorView;
import dev.patchbay.operator.connect.PluginInfo;
import dev.patchbay.operator.connect.ServerInfo;
import dev.patchbay.operator.connect.ValidationResult;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;

/**
 * An in-memory {@link ConnectClient} for reconciler unit tests: only what the KafkaConnect reconciler calls. The
 * integration test against a real worker uses the real client.
 */
final class FakeConnectClient implements ConnectClient {

  volatile boolean reachable = true;
  final Map<String, String> loggers = new ConcurrentHashMap<>();
  final List<String> loggerPuts = new CopyOnWriteArrayList<>();
  final Map<String, ConnectorView> connectors = new ConcurrentHashMap<>();

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
  public Map<String, ConnectorView> connectors() {
    check();
    return Map.copyOf(connectors);
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

  void addConnector(String name) {
    connectors.put(name, new ConnectorView(name, Map.of(), "source", null, List.of()));
  }

  private void check() {
    if (!reachable) {
      throw new ConnectUnavailableException("Connection refused", null);
    }
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
}
