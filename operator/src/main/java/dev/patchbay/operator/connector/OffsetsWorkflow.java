package dev.patchbay.operator.connector;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.patchbay.operator.Naming;
import dev.patchbay.operator.api.ConnectorState;
import dev.patchbay.operator.api.KafkaConnector;
import dev.patchbay.operator.api.KafkaConnectorStatus;
import dev.patchbay.operator.api.OffsetsOperation;
import dev.patchbay.operator.api.OffsetsSource;
import dev.patchbay.operator.api.OffsetsStatus;
import dev.patchbay.operator.connect.ConnectClient;
import dev.patchbay.operator.connect.ConnectRestException;
import dev.patchbay.operator.connect.ConnectorView;
import io.fabric8.kubernetes.api.model.ConfigMap;
import io.fabric8.kubernetes.api.model.ConfigMapBuilder;
import io.fabric8.kubernetes.api.model.OwnerReferenceBuilder;
import io.fabric8.kubernetes.client.KubernetesClient;
import java.time.Duration;
import java.time.Instant;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Offsets, requested GitOps-safely with token annotations and acted on once per token (the token is recorded in
 * {@code status.offsets}; the user's metadata is never edited):
 * <ul>
 *   <li>{@code patchbay.dev/list-offsets}: {@code GET /offsets} into the ConfigMap {@code <connector>-offsets}, key
 *   {@code offsets.json}, owned by the KafkaConnector;</li>
 *   <li>{@code patchbay.dev/reset-offsets}: stop the connector, wait for STOPPED, {@code DELETE /offsets}, return it
 *   to {@code spec.state};</li>
 *   <li>{@code patchbay.dev/alter-offsets}: the same with {@code PATCH /offsets} and the content of
 *   {@code spec.offsets.from}; a missing or malformed ConfigMap fails the request before anything is stopped.</li>
 * </ul>
 * A reset or alter moves through phases recorded in the status (Stopping, Resetting or Altering, Restoring, Done or
 * Failed), one step per reconcile, so an operator restart resumes from the recorded phase without acting twice. While
 * one runs, the connector is held stopped; once it is done or failed, the normal sync returns it to its desired state.
 */
final class OffsetsWorkflow {

  static final String LIST = Naming.DOMAIN + "/list-offsets";
  static final String RESET = Naming.DOMAIN + "/reset-offsets";
  static final String ALTER = Naming.DOMAIN + "/alter-offsets";
  static final String CONFIG_MAP_KEY = "offsets.json";
  /** How long a connector may take to stop before the request fails. */
  static final Duration STOP_TIMEOUT = Duration.ofMinutes(2);

  private static final Logger LOG = LoggerFactory.getLogger(OffsetsWorkflow.class);
  private static final ObjectMapper JSON = new ObjectMapper();
  private static final Duration STEP_RECHECK = Duration.ofMillis(500);

  /**
   * What this reconcile did: the new {@code status.offsets}, whether the connector is held stopped, a short message
   * for the Ready condition while a request runs, and when to look again.
   */
  record Step(OffsetsStatus offsets, boolean holdStopped, String progress, Duration recheck) {
  }

  private final KubernetesClient client;
  private final ConnectorEvents events;
  private final ConnectorSettings settings;

  OffsetsWorkflow(KubernetesClient client, ConnectorEvents events, ConnectorSettings settings) {
    this.client = client;
    this.events = events;
    this.settings = settings;
  }

  /** Acts on the offsets requests of {@code resource}; null when there is nothing to do. */
  Step step(KafkaConnector resource, KafkaConnectorStatus previous, ConnectorView view, ConnectClient connect) {
    if (view == null) {
      return null; // nothing to act on until the connector exists in Connect
    }
    OffsetsStatus before = previous.getOffsets() == null ? new OffsetsStatus(null, null, null) : previous.getOffsets();
    Map<String, String> annotations = Optional.ofNullable(resource.getMetadata().getAnnotations()).orElse(Map.of());
    OffsetsStatus offsets = list(resource, before, annotations.get(LIST), connect);

    boolean resetRuns = running(offsets.reset());
    boolean alterRuns = running(offsets.alter());
    if (!resetRuns && !alterRuns) {
      String reset = annotations.get(RESET);
      String alter = annotations.get(ALTER);
      if (isNew(reset, offsets.reset())) {
        offsets = offsets.withReset(op(reset, OffsetsOperation.STOPPING, "stopping the connector"));
        resetRuns = true;
        LOG.info("Resetting the offsets of connector {} (request {})", name(resource), reset);
      } else if (isNew(alter, offsets.alter())) {
        Optional<String> problem = offsetsToApply(resource).problem();
        if (problem.isPresent()) {
          offsets = offsets.withAlter(op(alter, OffsetsOperation.FAILED, "InvalidSpec: " + problem.get()));
          events.warning(resource, "OffsetsFailed", "Offsets not altered: " + problem.get());
        } else {
          offsets = offsets.withAlter(op(alter, OffsetsOperation.STOPPING, "stopping the connector"));
          alterRuns = true;
          LOG.info("Altering the offsets of connector {} (request {})", name(resource), alter);
        }
      }
    }
    if (resetRuns) {
      OffsetsOperation next = advance(resource, offsets.reset(), view, connect, true);
      return stepOf(offsets.withReset(next), next, "reset");
    }
    if (alterRuns) {
      OffsetsOperation next = advance(resource, offsets.alter(), view, connect, false);
      return stepOf(offsets.withAlter(next), next, "alter");
    }
    return offsets.equals(before) ? null : new Step(offsets, false, null, null);
  }

  /** The connector is held stopped in every active phase but the last, Restoring. */
  private Step stepOf(OffsetsStatus offsets, OffsetsOperation op, String what) {
    boolean hold = op.active() && !OffsetsOperation.RESTORING.equals(op.phase());
    String progress = op.active() ? "offsets " + what + " " + op.token() + ": " + op.phase() : null;
    return new Step(offsets, hold, progress, op.active() ? STEP_RECHECK : null);
  }

  /** One step of a reset or alter, from the phase recorded in the status. */
  private OffsetsOperation advance(KafkaConnector resource, OffsetsOperation op, ConnectorView view,
      ConnectClient connect, boolean reset) {
    String name = name(resource);
    String what = reset ? "reset" : "alter";
    if (OffsetsOperation.STOPPING.equals(op.phase())) {
      if (!"STOPPED".equals(view.state() == null ? null : view.state().state())) {
        if (since(op).plus(STOP_TIMEOUT).isBefore(settings.clock().instant())) {
          return failed(resource, op, "the connector did not stop within " + STOP_TIMEOUT.toMinutes() + " min");
        }
        return op; // the sync, holding the connector stopped, stops it
      }
      op = op(op.token(), reset ? OffsetsOperation.RESETTING : OffsetsOperation.ALTERING,
          "connector stopped, " + (reset ? "resetting" : "altering") + " its offsets");
    }
    if (OffsetsOperation.RESETTING.equals(op.phase()) || OffsetsOperation.ALTERING.equals(op.phase())) {
      try {
        String answer;
        if (reset) {
          answer = connect.resetOffsets(name);
        } else {
          OffsetsToApply source = offsetsToApply(resource);
          if (source.problem().isPresent()) {
            return failed(resource, op, "InvalidSpec: " + source.problem().get());
          }
          answer = connect.alterOffsets(name, source.json());
        }
        String message = answer == null || answer.isBlank() ? "offsets " + what + " done" : answer;
        events.normal(resource, reset ? "OffsetsReset" : "OffsetsAltered", message);
        LOG.info("Offsets of connector {} {}: {}", name, reset ? "reset" : "altered", message);
        return op(op.token(), OffsetsOperation.RESTORING, message);
      } catch (ConnectRestException e) {
        return failed(resource, op, "Connect refused the " + what + ": " + Redactor.firstLine(e.getMessage(), 300));
      }
    }
    if (OffsetsOperation.RESTORING.equals(op.phase())) {
      ConnectorState desired = DesiredConfig.state(resource);
      String current = view.state() == null ? null : view.state().state();
      if (desired.connectName().equals(current)) {
        return op(op.token(), OffsetsOperation.DONE, op.message());
      }
    }
    return op;
  }

  private OffsetsOperation failed(KafkaConnector resource, OffsetsOperation op, String message) {
    events.warning(resource, "OffsetsFailed", message);
    LOG.info("Offsets request {} of connector {} failed: {}", op.token(), name(resource), message);
    return op(op.token(), OffsetsOperation.FAILED, message);
  }

  /** A new list request: the offsets into the ConfigMap {@code <connector>-offsets}. */
  private OffsetsStatus list(KafkaConnector resource, OffsetsStatus offsets, String token, ConnectClient connect) {
    if (!isNew(token, offsets.list())) {
      return offsets;
    }
    String configMap = configMapName(resource);
    try {
      String json = connect.offsets(name(resource));
      int partitions = JSON.readTree(json).path("offsets").size();
      writeConfigMap(resource, configMap, json);
      String message = "offsets of " + partitions + " partition(s) written to ConfigMap " + configMap + ", key "
          + CONFIG_MAP_KEY;
      events.normal(resource, "OffsetsListed", message);
      return offsets.withList(op(token, OffsetsOperation.DONE, message));
    } catch (ConnectRestException | JsonProcessingException e) {
      String message = "could not list the offsets: " + Redactor.firstLine(e.getMessage(), 300);
      events.warning(resource, "OffsetsFailed", message);
      return offsets.withList(op(token, OffsetsOperation.FAILED, message));
    }
  }

  private void writeConfigMap(KafkaConnector resource, String name, String json) {
    ConfigMap desired = new ConfigMapBuilder()
        .withNewMetadata().withName(name).withNamespace(resource.getMetadata().getNamespace())
        .addToLabels(Naming.LABEL_MANAGED_BY, Naming.MANAGED_BY)
        .withOwnerReferences(new OwnerReferenceBuilder().withApiVersion(resource.getApiVersion())
            .withKind(resource.getKind()).withName(resource.getMetadata().getName())
            .withUid(resource.getMetadata().getUid()).withController(true).withBlockOwnerDeletion(false).build())
        .endMetadata()
        .addToData(CONFIG_MAP_KEY, json)
        .build();
    ConfigMap live = client.configMaps().inNamespace(resource.getMetadata().getNamespace()).withName(name).get();
    if (live == null) {
      client.resource(desired).create();
    } else if (!Objects.equals(live.getData(), desired.getData())) {
      desired.getMetadata().setResourceVersion(live.getMetadata().getResourceVersion());
      client.resource(desired).update();
    }
  }

  /** The offsets an alter request would apply, or why it cannot. Never echoes the content. */
  private record OffsetsToApply(String json, Optional<String> problem) {
  }

  private OffsetsToApply offsetsToApply(KafkaConnector resource) {
    OffsetsSource from = resource.getSpec().getOffsets() == null ? null : resource.getSpec().getOffsets().from();
    if (from == null || from.configMap() == null || from.configMap().isBlank()) {
      return new OffsetsToApply(null, Optional.of("spec.offsets.from.configMap is not set"));
    }
    ConfigMap source = client.configMaps().inNamespace(resource.getMetadata().getNamespace())
        .withName(from.configMap()).get();
    if (source == null) {
      return new OffsetsToApply(null, Optional.of("ConfigMap " + from.configMap() + " (spec.offsets.from) not found"));
    }
    String key = from.keyOrDefault();
    String json = source.getData() == null ? null : source.getData().get(key);
    if (json == null) {
      return new OffsetsToApply(null, Optional.of("ConfigMap " + from.configMap() + " has no key " + key));
    }
    try {
      JsonNode node = JSON.readTree(json);
      if (node == null || !node.path("offsets").isArray()) {
        return new OffsetsToApply(null, Optional.of("ConfigMap " + from.configMap() + " key " + key + " must be a "
            + "JSON object with an \"offsets\" array, as GET /connectors/{name}/offsets returns"));
      }
      return new OffsetsToApply(json, Optional.empty());
    } catch (JsonProcessingException e) {
      return new OffsetsToApply(null, Optional.of("ConfigMap " + from.configMap() + " key " + key
          + " is not valid JSON: " + Redactor.firstLine(e.getOriginalMessage(), 200)));
    }
  }

  /** When the phase was entered; a time that does not parse (a hand-edited status) counts as now. */
  private Instant since(OffsetsOperation op) {
    try {
      return Instant.parse(op.time());
    } catch (RuntimeException e) {
      return settings.clock().instant();
    }
  }

  static String configMapName(KafkaConnector resource) {
    return resource.getMetadata().getName() + "-offsets";
  }

  private OffsetsOperation op(String token, String phase, String message) {
    return new OffsetsOperation(token, phase, message, settings.clock().instant().toString());
  }

  private static boolean running(OffsetsOperation op) {
    return op != null && op.active();
  }

  private static boolean isNew(String token, OffsetsOperation last) {
    return token != null && !token.isBlank() && (last == null || !token.equals(last.token()));
  }

  private static String name(KafkaConnector resource) {
    return resource.getMetadata().getName();
  }
}
