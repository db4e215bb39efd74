package dev.patchbay.operator.cluster;

import dev.patchbay.operator.Naming;
import dev.patchbay.operator.api.KafkaConnect;
import io.fabric8.kubernetes.api.model.ConfigMap;
import io.fabric8.kubernetes.api.model.HasMetadata;
import io.fabric8.kubernetes.api.model.ObjectMeta;
import io.fabric8.kubernetes.api.model.Service;
import io.fabric8.kubernetes.api.model.apps.Deployment;
import io.fabric8.kubernetes.api.model.networking.v1.NetworkPolicy;
import io.fabric8.kubernetes.api.model.policy.v1.PodDisruptionBudget;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.utils.Serialization;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.function.UnaryOperator;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Writes a managed cluster's owned objects: reads each live object, and creates or updates (PUT with the live
 * resourceVersion) only when it differs from the desired one. No server-side apply: the same create/update path runs
 * in production and against the mock API server.
 */
final class OwnedResources {

  private static final Logger LOG = LoggerFactory.getLogger(OwnedResources.class);

  /** The kinds Patchbay owns for a managed cluster, with the name each has. */
  static final Map<Class<? extends HasMetadata>, UnaryOperator<String>> KINDS = ownedKinds();

  private final KubernetesClient client;

  OwnedResources(KubernetesClient client) {
    this.client = client;
  }

  /** Brings every desired object in line; returns the live (or just written) Deployment. */
  Deployment apply(List<HasMetadata> desired) {
    Deployment deployment = null;
    for (HasMetadata object : desired) {
      HasMetadata live = applyOne(object);
      if (live instanceof Deployment d) {
        deployment = d;
      }
    }
    return deployment;
  }

  private HasMetadata applyOne(HasMetadata desired) {
    ObjectMeta meta = desired.getMetadata();
    HasMetadata live = client.resources(desired.getClass()).inNamespace(meta.getNamespace())
        .withName(meta.getName()).get();
    if (live == null) {
      LOG.info("Creating {} {}/{}", desired.getKind(), meta.getNamespace(), meta.getName());
      return client.resource(desired).create();
    }
    if (ResourceDrift.matches(desired, live)) {
      return live;
    }
    LOG.info("Updating {} {}/{}: it differs from the desired state", desired.getKind(), meta.getNamespace(),
        meta.getName());
    return client.resource(forUpdate(desired, live)).update();
  }

  /**
   * The desired object carrying what must survive a PUT: the live resourceVersion (optimistic locking), labels and
   * annotations others added (ours win), and a Service's allocated cluster IPs (immutable once set). Status needs
   * nothing: a write to the object leaves the status subresource as it is.
   */
  static HasMetadata forUpdate(HasMetadata desired, HasMetadata live) {
    HasMetadata update = Serialization.clone(desired);
    ObjectMeta meta = update.getMetadata();
    meta.setResourceVersion(live.getMetadata().getResourceVersion());
    meta.setLabels(merged(live.getMetadata().getLabels(), desired.getMetadata().getLabels()));
    meta.setAnnotations(merged(live.getMetadata().getAnnotations(), desired.getMetadata().getAnnotations()));
    if (update instanceof Service s && live instanceof Service l) {
      s.getSpec().setClusterIP(l.getSpec().getClusterIP());
      s.getSpec().setClusterIPs(l.getSpec().getClusterIPs());
    }
    return update;
  }

  /**
   * Deletes the owned objects of a cluster that switched to external mode. Only objects whose controller is this
   * KafkaConnect are touched.
   */
  void deleteAll(KafkaConnect kc) {
    String namespace = kc.getMetadata().getNamespace();
    KINDS.forEach((kind, name) -> {
      HasMetadata live = client.resources(kind).inNamespace(namespace).withName(name.apply(kc.getMetadata().getName()))
          .get();
      if (live != null && isControlledBy(live, kc)) {
        LOG.info("Deleting {} {}/{}: the cluster is in external mode", live.getKind(), namespace,
            live.getMetadata().getName());
        client.resource(live).delete();
      }
    });
  }

  static boolean isControlledBy(HasMetadata object, KafkaConnect kc) {
    return object.getMetadata().getOwnerReferences() != null && object.getMetadata().getOwnerReferences().stream()
        .anyMatch(ref -> Boolean.TRUE.equals(ref.getController())
            && Objects.equals(ref.getUid(), kc.getMetadata().getUid()));
  }

  private static Map<String, String> merged(Map<String, String> live, Map<String, String> ours) {
    Map<String, String> merged = new LinkedHashMap<>(live == null ? Map.of() : live);
    if (ours != null) {
      merged.putAll(ours);
    }
    return merged;
  }

  private static Map<Class<? extends HasMetadata>, UnaryOperator<String>> ownedKinds() {
    Map<Class<? extends HasMetadata>, UnaryOperator<String>> kinds = new LinkedHashMap<>();
    kinds.put(ConfigMap.class, Naming::configMapName);
    kinds.put(Deployment.class, Naming::deploymentName);
    kinds.put(Service.class, Naming::serviceName);
    kinds.put(NetworkPolicy.class, Naming::networkPolicyName);
    kinds.put(PodDisruptionBudget.class, Naming::podDisruptionBudgetName);
    return kinds;
  }
}
