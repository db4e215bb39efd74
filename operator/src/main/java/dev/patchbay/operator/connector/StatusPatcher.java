package dev.patchbay.operator.connector;

import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import dev.patchbay.operator.api.KafkaConnector;
import dev.patchbay.operator.api.KafkaConnectorStatus;
import io.fabric8.kubernetes.api.model.ObjectMeta;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.dsl.base.PatchContext;
import io.fabric8.kubernetes.client.dsl.base.PatchType;
import io.fabric8.kubernetes.client.utils.Serialization;
import io.javaoperatorsdk.operator.api.reconciler.Context;
import io.javaoperatorsdk.operator.processing.event.ResourceID;

/**
 * Writes a KafkaConnector's status through the status subresource, replacing it whole with one JSON Patch operation
 * ({@code add /status}, which replaces an existing member). No server-side apply; no merge patch, whose handling of
 * lists differs between the API server and the test API server (the mock appends to lists); no diff whose paths
 * depend on what the server holds. The answer goes into JOSDK's cache, so the next reconcile sees the status just
 * written.
 */
final class StatusPatcher {

  private final KubernetesClient client;

  StatusPatcher(KubernetesClient client) {
    this.client = client;
  }

  void patch(KafkaConnector resource, KafkaConnectorStatus status, Context<KafkaConnector> context) {
    ArrayNode patch = JsonNodeFactory.instance.arrayNode();
    patch.addObject().put("op", "add").put("path", "/status")
        .set("value", Serialization.jsonMapper().valueToTree(status));
    ObjectMeta meta = resource.getMetadata();
    KafkaConnector updated = client.resources(KafkaConnector.class).inNamespace(meta.getNamespace())
        .withName(meta.getName()).subresource("status")
        .patch(PatchContext.of(PatchType.JSON), patch.toString());
    if (updated != null) {
      context.eventSourceRetriever().getControllerEventSource()
          .handleRecentResourceUpdate(ResourceID.fromResource(resource), updated, resource);
    }
  }
}
