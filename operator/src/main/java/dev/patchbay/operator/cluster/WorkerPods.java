package dev.patchbay.operator.cluster;

import dev.patchbay.operator.Naming;
import dev.patchbay.operator.api.KafkaConnect;
import io.fabric8.kubernetes.api.model.Pod;
import io.javaoperatorsdk.operator.api.config.informer.InformerEventSourceConfiguration;
import io.javaoperatorsdk.operator.api.reconciler.EventSourceContext;
import io.javaoperatorsdk.operator.processing.event.ResourceID;
import io.javaoperatorsdk.operator.processing.event.source.informer.InformerEventSource;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/**
 * The worker pods of managed clusters, from one informer on the pods that carry Patchbay's worker labels. A pod is
 * owned by a ReplicaSet, not by the KafkaConnect, so it is mapped to its cluster through the
 * {@code patchbay.dev/cluster} label; any change of a pod (a container that terminated, a pod IP) reconciles that
 * cluster. Whatever needs a cluster's pods reads them here, so the operator watches pods once.
 */
public final class WorkerPods {

  static final String NAME = "worker-pods";
  private static final String SELECTOR = Naming.LABEL_MANAGED_BY + "=" + Naming.MANAGED_BY + ","
      + Naming.LABEL_NAME + "=" + Naming.APP_NAME;

  private final InformerEventSource<Pod, KafkaConnect> informer;

  WorkerPods(EventSourceContext<KafkaConnect> context) {
    this.informer = new InformerEventSource<>(InformerEventSourceConfiguration.from(Pod.class, KafkaConnect.class)
        .withName(NAME)
        .withNamespacesInheritedFromController()
        .withLabelSelector(SELECTOR)
        .withSecondaryToPrimaryMapper(pod -> clusterOf(pod)
            .map(cluster -> Set.of(new ResourceID(cluster, pod.getMetadata().getNamespace())))
            .orElse(Set.of()))
        .build(), context);
  }

  /** The event source to register with the reconciler. */
  InformerEventSource<Pod, KafkaConnect> eventSource() {
    return informer;
  }

  /** The cluster's worker pods as last seen, newest first. */
  public List<Pod> of(KafkaConnect kc) {
    String name = kc.getMetadata().getName();
    return informer.list(kc.getMetadata().getNamespace(), pod -> clusterOf(pod).filter(name::equals).isPresent())
        .sorted(Comparator.comparing((Pod pod) -> Optional.ofNullable(pod.getMetadata().getCreationTimestamp())
                .orElse(""))
            .thenComparing(pod -> pod.getMetadata().getName()).reversed())
        .toList();
  }

  private static Optional<String> clusterOf(Pod pod) {
    Map<String, String> labels = pod.getMetadata().getLabels();
    return Optional.ofNullable(labels == null ? null : labels.get(Naming.LABEL_CLUSTER));
  }
}
