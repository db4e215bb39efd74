package dev.patchbay.operator.connect;

import java.util.List;
import java.util.Map;

/**
 * A typed view of one Kafka Connect cluster's REST API. Every call has a connect and a request timeout. Failures are
 * unchecked: {@link ConnectUnavailableException} when the cluster cannot be reached, {@link ConnectRestException}
 * when it answers with an error ({@link ConnectRestException#isRebalance()} for 409). The client never sleeps or
 * retries by itself: callers reschedule with {@link Backoff}, so no reconcile thread waits on a broken cluster.
 */
public interface ConnectClient {

  /** {@code GET /}: version and Kafka cluster id. */
  ServerInfo serverInfo();

  /** {@code GET /connector-plugins}. */
  List<PluginInfo> connectorPlugins();

  /** {@code GET /connectors?expand=status&expand=info}: every connector's config and status in one call. */
  Map<String, ConnectorView> connectors();

  /**
   * {@code GET /connectors/{name}/status}: one connector's state and tasks, without its config (the view's config is
   * empty); null when Connect has no status for it (404: unknown, or created and not started yet). Much cheaper for a
   * busy worker than the listing of every connector.
   */
  ConnectorView status(String name);

  /**
   * {@code POST /connectors} with {@code initial_state}, so a connector starts directly in its desired state.
   * Connect validates the config and answers 400 ({@link ConnectRestException#isBadRequest()}) when it is invalid.
   *
   * @return the config as Connect stored it (with the {@code name} it adds), as its answer says
   */
  Map<String, String> create(String name, Map<String, String> config, String initialState);

  /** {@code PUT /connectors/{name}/config}; Connect validates it and answers 400 when invalid. */
  void putConfig(String name, Map<String, String> config);

  /** {@code PUT /connector-plugins/{class}/config/validate}: field-by-field errors of a config. */
  ValidationResult validate(String connectorClass, Map<String, String> config);

  /** {@code PUT /connectors/{name}/pause}. */
  void pause(String name);

  /** {@code PUT /connectors/{name}/resume}. */
  void resume(String name);

  /** {@code PUT /connectors/{name}/stop}. */
  void stop(String name);

  /** {@code POST /connectors/{name}/restart?includeTasks=..&onlyFailed=..}. */
  void restart(String name, boolean includeTasks, boolean onlyFailed);

  /** {@code POST /connectors/{name}/tasks/{task}/restart}. */
  void restartTask(String name, int task);

  /** {@code DELETE /connectors/{name}}; a connector that is already gone is not an error. */
  void delete(String name);

  /** {@code GET /connectors/{name}/topics}: topics the connector has used. */
  List<String> topics(String name);

  /** {@code GET /admin/loggers}: logger name to level, for loggers with an explicit level. */
  Map<String, String> loggerLevels();

  /** {@code PUT /admin/loggers/{logger}?scope=cluster}: sets a level on every worker of the cluster. */
  void setLoggerLevel(String logger, String level);

  /** {@code GET /connectors/{name}/offsets}: the offsets as Connect answered them ({@code {"offsets": [...]}}). */
  String offsets(String name);

  /** {@code PATCH /connectors/{name}/offsets} (the connector must be STOPPED); Connect's message. */
  String alterOffsets(String name, String offsetsJson);

  /** {@code DELETE /connectors/{name}/offsets} (the connector must be STOPPED); Connect's message. */
  String resetOffsets(String name);
}
