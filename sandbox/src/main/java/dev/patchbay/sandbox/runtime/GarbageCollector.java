package dev.patchbay.sandbox.runtime;

import dev.patchbay.operator.Naming;
import io.fabric8.kubernetes.api.model.GenericKubernetesResource;
import io.fabric8.kubernetes.api.model.HasMetadata;
import io.fabric8.kubernetes.api.model.OwnerReference;
import io.fabric8.kubernetes.client.KubernetesClient;
import java.util.List;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The part of Kubernetes' garbage collector the sandbox needs: objects Patchbay labels as its own
 * ({@code app.kubernetes.io/managed-by=patchbay}) are deleted once none of their owners exists any more, so deleting
 * a KafkaConnect stops its workers as it would in a cluster. Runs every two seconds.
 */
public final class GarbageCollector implements AutoCloseable {

  private static final Logger LOG = LoggerFactory.getLogger(GarbageCollector.class);
  private static final List<String[]> OWNED_KINDS = List.of(
      new String[] {"apps/v1", "Deployment"},
      new String[] {"v1", "ConfigMap"},
      new String[] {"v1", "Service"},
      new String[] {"v1", "Secret"},
      new String[] {"v1", "Pod"},
      new String[] {"networking.k8s.io/v1", "NetworkPolicy"},
      new String[] {"policy/v1", "PodDisruptionBudget"});

  private final KubernetesClient client;
  private final ScheduledExecutorService timer = Executors.newSingleThreadScheduledExecutor(r -> {
    Thread t = new Thread(r, "garbage-collector");
    t.setDaemon(true);
    return t;
  });

  public GarbageCollector(KubernetesClient client) {
    this.client = client;
  }

  public GarbageCollector start() {
    timer.scheduleWithFixedDelay(this::collectSafely, 2, 2, TimeUnit.SECONDS);
    return this;
  }

  private void collectSafely() {
    try {
      collect();
    } catch (RuntimeException e) {
      LOG.debug("garbage collection", e);
    }
  }

  /** One pass: deletes every Patchbay-managed object whose owners are all gone. */
  public void collect() {
    for (String[] kind : OWNED_KINDS) {
      for (GenericKubernetesResource r : client.genericKubernetesResources(kind[0], kind[1]).inAnyNamespace()
          .withLabel(Naming.LABEL_MANAGED_BY, Naming.MANAGED_BY).list().getItems()) {
        List<OwnerReference> owners = r.getMetadata().getOwnerReferences();
        if (owners != null && !owners.isEmpty() && owners.stream().noneMatch(o -> exists(r, o))) {
          LOG.info("garbage collection: deleting {} {}/{} (owner gone)", r.getKind(), r.getMetadata().getNamespace(),
              r.getMetadata().getName());
          client.genericKubernetesResources(kind[0], kind[1]).inNamespace(r.getMetadata().getNamespace())
              .withName(r.getMetadata().getName()).delete();
        }
      }
    }
  }

  private boolean exists(HasMetadata dependent, OwnerReference owner) {
    try {
      GenericKubernetesResource o = client.genericKubernetesResources(owner.getApiVersion(), owner.getKind())
          .inNamespace(dependent.getMetadata().getNamespace()).withName(owner.getName()).get();
      return o != null && (owner.getUid() == null || owner.getUid().equals(o.getMetadata().getUid()));
    } catch (RuntimeException e) {
      return true; // when in doubt, keep
    }
  }

  @Override
  public void close() {
    timer.shutdownNow();
  }
}
