package dev.patchbay.operator.connect;

import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.function.Supplier;

/**
 * A {@link ConnectClient} whose {@link #connectors()} answers from a listing someone else made recently (the
 * connector reconciler polls every cluster it has connectors on), so two readers of one cluster cost one
 * {@code GET /connectors?expand=status&expand=info} per poll, not two. Every other call goes to the cluster.
 */
public final class SharedListingClient implements ConnectClient {

  private final ConnectClient delegate;
  private final Supplier<Optional<Map<String, ConnectorView>>> recentListing;

  public SharedListingClient(ConnectClient delegate, Supplier<Optional<Map<String, ConnectorView>>> recentListing) {
    this.delegate = delegate;
    this.recentListing = recentListing;
  }

  @Override
  public Map<String, ConnectorView> connectors() {
    return recentListing.get().orElseGet(delegate::connectors);
  }

  @Override
  public ServerInfo serverInfo() {
    return delegate.serverInfo();
  }

  @Override
  public List<PluginInfo> connectorPlugins() {
    return delegate.connectorPlugins();
  }

  @Override
  public ConnectorView status(String name) {
    return delegate.status(name);
  }

  @Override
  public Map<String, String> create(String name, Map<String, String> config, String initialState) {
    return delegate.create(name, config, initialState);
  }

  @Override
  public void putConfig(String name, Map<String, String> config) {
    delegate.putConfig(name, config);
  }

  @Override
  public ValidationResult validate(String connectorClass, Map<String, String> config) {
    return delegate.validate(connectorClass, config);
  }

  @Override
  public void pause(String name) {
    delegate.pause(name);
  }

  @Override
  public void resume(String name) {
    delegate.resume(name);
  }

  @Override
  public void stop(String name) {
    delegate.stop(name);
  }

  @Override
  public void restart(String name, boolean includeTasks, boolean onlyFailed) {
    delegate.restart(name, includeTasks, onlyFailed);
  }

  @Override
  public void restartTask(String name, int task) {
    delegate.restartTask(name, task);
  }

  @Override
  public void delete(String name) {
    delegate.delete(name);
  }

  @Override
  public List<String> topics(String name) {
    return delegate.topics(name);
  }

  @Override
  public Map<String, String> loggerLevels() {
    return delegate.loggerLevels();
  }

  @Override
  public void setLoggerLevel(String logger, String level) {
    delegate.setLoggerLevel(logger, level);
  }

  @Override
  public String offsets(String name) {
    return delegate.offsets(name);
  }

  @Override
  public String alterOffsets(String name, String offsetsJson) {
    return delegate.alterOffsets(name, offsetsJson);
  }

  @Override
  public String resetOffsets(String name) {
    return delegate.resetOffsets(name);
  }
}
