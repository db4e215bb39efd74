package dev.patchbay.sandbox.api;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.fabric8.kubernetes.api.model.GenericKubernetesResource;
import io.fabric8.kubernetes.client.dsl.base.CustomResourceDefinitionContext;
import io.fabric8.kubernetes.client.server.mock.KubernetesCrudDispatcher;
import io.fabric8.kubernetes.client.utils.Serialization;
import io.fabric8.mockwebserver.crud.AttributeSet;
import java.io.IOException;
import java.util.List;

/**
 * The mock's CRUD dispatcher with one fix: a PATCH of an object that has a status subresource but no status yet
 * stores {@code "status": null} (the mock copies a missing node), after which every JSON patch of
 * {@code /status/...} fails with "Cannot reference past scalar value". Such a null status is dropped before it is
 * stored or sent to watchers, as a real API server would never hold one.
 */
final class SandboxCrudDispatcher extends KubernetesCrudDispatcher {

  SandboxCrudDispatcher(List<CustomResourceDefinitionContext> contexts) {
    super(contexts);
  }

  @Override
  public void processEvent(String path, AttributeSet pathAttributes, AttributeSet oldAttributes,
      GenericKubernetesResource resource, String newState) {
    super.processEvent(path, pathAttributes, oldAttributes, resource, withoutNullStatus(newState));
  }

  static String withoutNullStatus(String json) {
    if (json == null || !json.contains("\"status\":null")) {
      return json;
    }
    try {
      JsonNode node = Serialization.jsonMapper().readTree(json);
      if (node instanceof ObjectNode o && o.has("status") && o.get("status").isNull()) {
        o.remove("status");
        return Serialization.jsonMapper().writeValueAsString(o);
      }
      return json;
    } catch (IOException e) {
      return json;
    }
  }
}
