package dev.patchbay.operator.connector;

import dev.patchbay.operator.api.KafkaConnector;
import io.fabric8.kubernetes.api.model.EventBuilder;
import io.fabric8.kubernetes.api.model.ObjectReferenceBuilder;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.KubernetesClientException;
import java.time.Clock;
import java.time.temporal.ChronoUnit;
import java.util.concurrent.ThreadLocalRandom;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Writes core/v1 Events about a KafkaConnector ({@code kubectl describe}). Messages must already be free of config
 * values. A failure to write an event never fails a reconcile.
 */
final class ConnectorEvents {

  static final String CREATED = "Created";
  static final String CONFIG_UPDATED = "ConfigUpdated";
  static final String INVALID_CONFIG = "InvalidConfig";
  static final String PAUSED = "Paused";
  static final String RESUMED = "Resumed";
  static final String STOPPED = "Stopped";
  static final String RESTARTED = "Restarted";
  static final String AUTO_RESTARTED = "AutoRestarted";
  static final String FAILED = "Failed";
  static final String DELETED = "Deleted";
  static final String NAME_CONFLICT = "NameConflict";
  static final String RESTART_REJECTED = "RestartRejected";

  private static final Logger LOG = LoggerFactory.getLogger(ConnectorEvents.class);
  private static final String COMPONENT = "patchbay-operator";

  private final KubernetesClient client;
  private final Clock clock;

  ConnectorEvents(KubernetesClient client, Clock clock) {
    this.client = client;
    this.clock = clock;
  }

  void normal(KafkaConnector resource, String reason, String message) {
    emit(resource, "Normal", reason, message);
  }

  void warning(KafkaConnector resource, String reason, String message) {
    emit(resource, "Warning", reason, message);
  }

  private void emit(KafkaConnector resource, String type, String reason, String message) {
    String namespace = resource.getMetadata().getNamespace();
    String now = clock.instant().truncatedTo(ChronoUnit.SECONDS).toString();
    String name = resource.getMetadata().getName() + "." + Long.toHexString(clock.millis())
        + Integer.toHexString(ThreadLocalRandom.current().nextInt(0x1000, 0x10000));
    try {
      client.v1().events().inNamespace(namespace).resource(new EventBuilder()
          .withNewMetadata().withName(name).withNamespace(namespace).endMetadata()
          .withInvolvedObject(new ObjectReferenceBuilder()
              .withApiVersion(resource.getApiVersion())
              .withKind(resource.getKind())
              .withName(resource.getMetadata().getName())
              .withNamespace(namespace)
              .withUid(resource.getMetadata().getUid())
              .build())
          .withType(type)
          .withReason(reason)
          .withMessage(message)
          .withFirstTimestamp(now)
          .withLastTimestamp(now)
          .withCount(1)
          .withNewSource().withComponent(COMPONENT).endSource()
          .withReportingComponent(COMPONENT)
          .build()).create();
    } catch (KubernetesClientException e) {
      LOG.debug("Could not write event {}: {}", reason, e.getMessage());
    }
  }
}
