package dev.patchbay.operator.cluster;

import dev.patchbay.operator.api.KafkaConnect;
import io.fabric8.kubernetes.api.model.Pod;
import io.javaoperatorsdk.operator.api.config.informer.InformerEventSourceConfiguration;
import io.javaoperatorsdk.operator.api.reconciler.EventSourceContext;
import io.javaoperatorsdk.operator.processing.event.ResourceID;
import io.javaoperatorsdk.operator.processing.event.source.informer.InformerEventSource;
import java.util.Comparator;
import java.util.List;
import java.util.Optional;
import java.util.Set;

/**
 * The worker pods of managed clusters, for the KafkaConnect reconciler: one informer on the pods that match
 * {@link WorkerPods#SELECTOR}. A pod is owned by a ReplicaSet, not by the KafkaConnect, so it is mapped to its cluster
 * through its {@code patchbay.dev/cluster} label ({@link WorkerPods#cluster}); any change of a pod (a container that
 * terminated, a pod IP) reconciles that cluster, so a failed plugin fetch or worker shows at once. The connector
 * reconciler watches the same pods with the same selector for worker liveness (its own informer: a JOSDK event source
 * belongs to one controller).
 */
final class WorkerPodInformer {

  static final String NAME = "worker-pods";

  private final InformerEventSource<Pod, KafkaConnect> informer;

  WorkerPodInformer(EventSourceContext<KafkaConnect> context) {
    this.informer = new InformerEventSource<>(InformerEventSourceConfiguration.from(Pod.class, KafkaConnect.class)
        .withName(NAME)
        .withNamespacesInheritedFromController()
        .withLabelSelector(WorkerPods.SELECTOR)
        .withSecondaryToPrimaryMapper(pod -> WorkerPods.cluster(pod)
            .map(cluster -> Set.of(new ResourceID(cluster, pod.getMetadata().getNamespace())))
            .orElse(Set.of()))
        .build(), context);
  }

  /** The event source to register with the reconciler. */
  InformerEventSource<Pod, KafkaConnect> eventSource() {
    return informer;
  }

  /** The cluster's worker pods as last seen, newest first. */
  List<Pod> of(KafkaConnect kc) {
    String name = kc.getMetadata().getName();
    return informer.list(kc.getMetadata().getNamespace(),
            pod -> WorkerPods.cluster(pod).filter(name::equals).isPresent())
        .sorted(Comparator.comparing((Pod pod) -> Optional.ofNullable(pod.getMetadata().getCreationTimestamp())
                .orElse(""))
            .thenComparing(pod -> pod.getMetadata().getName()).reversed())
        .toList();
  }
}
