package dev.patchbay.operator.connector;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.patchbay.operator.api.KafkaConnector;
import dev.patchbay.operator.api.KafkaConnectorStatus;
import io.fabric8.kubernetes.api.model.ObjectMeta;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.dsl.base.PatchContext;
import io.fabric8.kubernetes.client.dsl.base.PatchType;
import io.fabric8.kubernetes.client.utils.Serialization;
import io.javaoperatorsdk.operator.api.reconciler.Context;
import io.javaoperatorsdk.operator.processing.event.ResourceID;
import java.util.Iterator;

/**
 * Writes a KafkaConnector's status through the status subresource with a JSON merge patch (no server-side apply, no
 * JSON patch whose paths depend on what the server holds). Fields that disappeared are sent as explicit nulls, so the
 * merge removes them. The answer goes into JOSDK's cache, so the next reconcile sees the status just written.
 */
final class StatusPatcher {

  private static final String[] FIELDS = {"observedGeneration", "conditions", "state", "tasksReady", "connector",
      "tasks", "type", "topics", "autoRestart", "restarts"};

  private final KubernetesClient client;

  StatusPatcher(KubernetesClient client) {
    this.client = client;
  }

  void patch(KafkaConnector resource, KafkaConnectorStatus previous, KafkaConnectorStatus status,
             Context<KafkaConnector> context) {
    ObjectNode patch = JsonNodeFactory.instance.objectNode();
    patch.set("status", mergePatch(tree(previous), tree(status)));
    ObjectMeta meta = resource.getMetadata();
    KafkaConnector updated = client.resources(KafkaConnector.class).inNamespace(meta.getNamespace())
        .withName(meta.getName()).subresource("status")
        .patch(PatchContext.of(PatchType.JSON_MERGE), patch.toString());
    if (updated != null) {
      context.eventSourceRetriever().getControllerEventSource()
          .handleRecentResourceUpdate(ResourceID.fromResource(resource), updated, resource);
    }
  }

  private static ObjectNode tree(KafkaConnectorStatus status) {
    JsonNode node = status == null ? null : Serialization.jsonMapper().valueToTree(status);
    return node instanceof ObjectNode object ? object : JsonNodeFactory.instance.objectNode();
  }

  /** RFC 7386 merge patch from {@code before} to {@code after}; every top-level field absent in after becomes null. */
  static ObjectNode mergePatch(ObjectNode before, ObjectNode after) {
    ObjectNode patch = diff(before, after);
    for (String field : FIELDS) {
      if (!after.has(field) && !patch.has(field)) {
        patch.putNull(field);
      }
    }
    return patch;
  }

  private static ObjectNode diff(ObjectNode before, ObjectNode after) {
    ObjectNode patch = JsonNodeFactory.instance.objectNode();
    for (Iterator<String> names = before.fieldNames(); names.hasNext(); ) {
      String name = names.next();
      if (!after.has(name) || after.get(name).isNull()) {
        patch.putNull(name);
      }
    }
    after.fields().forEachRemaining(e -> {
      JsonNode old = before.get(e.getKey());
      if (old instanceof ObjectNode oldObject && e.getValue() instanceof ObjectNode newObject) {
        ObjectNode nested = diff(oldObject, newObject);
        // replace nested objects whole: the server copy may differ from the cached one
        patch.set(e.getKey(), nested.isEmpty() ? newObject : withNulls(newObject, oldObject));
      } else if (!e.getValue().isNull()) {
        patch.set(e.getKey(), e.getValue());
      }
    });
    return patch;
  }

  private static ObjectNode withNulls(ObjectNode value, ObjectNode old) {
    ObjectNode result = value.deepCopy();
    old.fieldNames().forEachRemaining(name -> {
      if (!result.has(name)) {
        result.putNull(name);
      }
    });
    return result;
  }
}
