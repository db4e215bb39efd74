package dev.patchbay.operator;

import io.fabric8.kubernetes.api.model.EventBuilder;
import io.fabric8.kubernetes.api.model.HasMetadata;
import io.fabric8.kubernetes.api.model.ObjectReferenceBuilder;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.KubernetesClientException;
import java.time.Clock;
import java.time.temporal.ChronoUnit;
import java.util.concurrent.ThreadLocalRandom;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Writes core/v1 Events about a Patchbay resource ({@code kubectl describe}). Messages must already be free of config
 * values. A failure to write an event never fails a reconcile.
 */
public class EventRecorder {

  private static final Logger LOG = LoggerFactory.getLogger(EventRecorder.class);
  private static final String COMPONENT = "patchbay-operator";

  private final KubernetesClient client;
  private final Clock clock;

  public EventRecorder(KubernetesClient client, Clock clock) {
    this.client = client;
    this.clock = clock;
  }

  public void normal(HasMetadata resource, String reason, String message) {
    emit(resource, "Normal", reason, message);
  }

  public void warning(HasMetadata resource, String reason, String message) {
    emit(resource, "Warning", reason, message);
  }

  private void emit(HasMetadata resource, String type, String reason, String message) {
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
