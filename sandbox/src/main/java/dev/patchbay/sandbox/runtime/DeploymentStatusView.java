package dev.patchbay.sandbox.runtime;

import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.fabric8.kubernetes.api.model.apps.DeploymentStatus;
import java.time.Instant;
import java.time.temporal.ChronoUnit;

/** The Deployment status fields the local runtime owns, compared before every write so unchanged status is not sent. */
record DeploymentStatusView(long observedGeneration, int replicas, int updatedReplicas, int readyReplicas,
    int availableReplicas, int unavailableReplicas, boolean available) {

  static DeploymentStatusView of(DeploymentStatus s) {
    if (s == null) {
      return null;
    }
    boolean available = s.getConditions() != null && s.getConditions().stream()
        .anyMatch(c -> "Available".equals(c.getType()) && "True".equals(c.getStatus()));
    return new DeploymentStatusView(n(s.getObservedGeneration()), n(s.getReplicas()), n(s.getUpdatedReplicas()),
        n(s.getReadyReplicas()), n(s.getAvailableReplicas()), n(s.getUnavailableReplicas()), available);
  }

  private static int n(Integer i) {
    return i == null ? 0 : i;
  }

  private static long n(Long l) {
    return l == null ? 0 : l;
  }

  /** A JSON merge patch of {@code status}. */
  String toPatch(boolean rolledOut) {
    JsonNodeFactory json = JsonNodeFactory.instance;
    String now = Instant.now().truncatedTo(ChronoUnit.SECONDS).toString();
    ObjectNode status = json.objectNode()
        .put("observedGeneration", observedGeneration)
        .put("replicas", replicas)
        .put("updatedReplicas", updatedReplicas)
        .put("readyReplicas", readyReplicas)
        .put("availableReplicas", availableReplicas)
        .put("unavailableReplicas", unavailableReplicas);
    ArrayNode conditions = status.putArray("conditions");
    conditions.addObject().put("type", "Available").put("status", available ? "True" : "False")
        .put("reason", available ? "MinimumReplicasAvailable" : "MinimumReplicasUnavailable")
        .put("message", available ? "Deployment has minimum availability."
            : "Deployment does not have minimum availability.")
        .put("lastUpdateTime", now).put("lastTransitionTime", now);
    conditions.addObject().put("type", "Progressing").put("status", "True")
        .put("reason", rolledOut ? "NewReplicaSetAvailable" : "ReplicaSetUpdated")
        .put("message", "local pods of the sandbox runtime")
        .put("lastUpdateTime", now).put("lastTransitionTime", now);
    ObjectNode patch = json.objectNode();
    patch.set("status", status);
    return patch.toString();
  }

}
