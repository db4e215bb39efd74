package dev.patchbay.operator;

import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import io.fabric8.kubernetes.client.CustomResource;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.dsl.base.PatchContext;
import io.fabric8.kubernetes.client.dsl.base.PatchType;
import io.fabric8.kubernetes.client.utils.Serialization;
import io.javaoperatorsdk.operator.api.reconciler.Context;
import io.javaoperatorsdk.operator.processing.event.ResourceID;

/**
 * The one way Patchbay writes the status of its resources (KafkaConnect and KafkaConnector): through the status
 * subresource, replacing the status whole with one JSON Patch operation, {@code add /status}. RFC 6902 lets
 * {@code add} target a member of the root whether or not it exists, so a real API server accepts it on a resource
 * that has no status yet as well as on one that has. No server-side apply, no per-field patch below a {@code /status}
 * that may be missing, no merge patch that would leave fields the new status dropped. Callers write only when the
 * status changed. One request per write: no GET before the patch. The answer goes into JOSDK's cache, so the next
 * reconcile sees the status just written.
 */
public final class StatusWriter {

  private final KubernetesClient client;

  public StatusWriter(KubernetesClient client) {
    this.client = client;
  }

  /** Replaces {@code resource}'s status with {@code status}; returns the resource as the server stored it. */
  @SuppressWarnings("unchecked")
  public <R extends CustomResource<?, S>, S> R write(R resource, S status, Context<R> context) {
    ArrayNode patch = JsonNodeFactory.instance.arrayNode();
    patch.addObject().put("op", "add").put("path", "/status")
        .set("value", Serialization.jsonMapper().valueToTree(status));
    // through resource(..), not withName(..): given no object, fabric8 GETs it before every patch
    R updated = client.resources((Class<R>) resource.getClass()).inNamespace(resource.getMetadata().getNamespace())
        .resource(resource).subresource("status")
        .patch(PatchContext.of(PatchType.JSON), patch.toString());
    if (updated != null && context != null) {
      context.eventSourceRetriever().getControllerEventSource()
          .handleRecentResourceUpdate(ResourceID.fromResource(resource), updated, resource);
    }
    return updated;
  }
}
