package dev.patchbay.operator.connector;

import dev.patchbay.operator.EventRecorder;
import io.fabric8.kubernetes.client.KubernetesClient;
import java.time.Clock;

/** Events about a KafkaConnector, with the reasons it uses. */
final class ConnectorEvents extends EventRecorder {

  static final String CREATED = "Created";
  static final String CONFIG_UPDATED = "ConfigUpdated";
  static final String INVALID_CONFIG = "InvalidConfig";
  static final String PAUSED = "Paused";
  static final String RESUMED = "Resumed";
  static final String STOPPED = "Stopped";
  static final String RESTARTED = "Restarted";
  static final String AUTO_RESTARTED = "AutoRestarted";
  static final String FAILED = "Failed";
  static final String WORKER_LOST = Assessment.WORKER_LOST;
  static final String DELETED = "Deleted";
  static final String NAME_CONFLICT = "NameConflict";
  static final String RESTART_REJECTED = "RestartRejected";

  ConnectorEvents(KubernetesClient client, Clock clock) {
    super(client, clock);
  }
}
