package dev.patchbay.operator.connector;

import dev.patchbay.operator.cluster.WorkerConfig;
import dev.patchbay.operator.cluster.WorkerPods;
import dev.patchbay.operator.api.KafkaConnect;
import dev.patchbay.operator.api.KafkaConnector;
import io.fabric8.kubernetes.api.model.Pod;
import io.javaoperatorsdk.operator.api.config.informer.InformerEventSourceConfiguration;
import io.javaoperatorsdk.operator.api.reconciler.EventSourceContext;
import io.javaoperatorsdk.operator.processing.event.ResourceID;
import io.javaoperatorsdk.operator.processing.event.source.informer.InformerEventSource;
import java.time.Clock;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;
import java.util.function.BiFunction;

/**
 * The worker pods of managed clusters, for the connector reconciler: a pod that turns ready or not ready, gets an IP,
 * appears or goes triggers the reconcile of every connector of its cluster, so a connector left on a dead worker is
 * reported within a poll of the pod's change, and {@link #liveness} reads the workers of a cluster from the informer's
 * cache. External clusters (a {@code restUrl}) have no pods here: {@link WorkerLiveness#UNCHECKED}.
 */
final class WorkerPodSource {

  static final String NAME = "worker-pods-for-connectors";

  private final Clock clock;
  private InformerEventSource<Pod, KafkaConnector> pods;

  WorkerPodSource(Clock clock) {
    this.clock = clock;
  }

  /**
   * @param connectorsOf the connectors of a cluster, by namespace and KafkaConnect name
   */
  InformerEventSource<Pod, KafkaConnector> eventSource(EventSourceContext<KafkaConnector> context,
      BiFunction<String, String, Set<ResourceID>> connectorsOf) {
    var config = InformerEventSourceConfiguration.from(Pod.class, KafkaConnector.class)
        .withName(NAME)
        .withNamespacesInheritedFromController()
        .withLabelSelector(WorkerPods.SELECTOR)
        .withSecondaryToPrimaryMapper((Pod pod) -> WorkerPods.cluster(pod)
            .map(cluster -> connectorsOf.apply(pod.getMetadata().getNamespace(), cluster))
            .orElse(Set.of()))
        .withOnUpdateFilter((newer, older) -> !Objects.equals(member(newer), member(older)))
        .build();
    pods = new InformerEventSource<>(config, context);
    return pods;
  }

  /** Which workers of the cluster are up; unchecked for an external cluster. */
  WorkerLiveness liveness(KafkaConnect cluster) {
    if (!cluster.isManaged() || pods == null) {
      return WorkerLiveness.UNCHECKED;
    }
    String name = cluster.getMetadata().getName();
    return WorkerLiveness.of(pods.list(cluster.getMetadata().getNamespace(),
            pod -> WorkerPods.cluster(pod).filter(name::equals).isPresent()).toList(),
        WorkerConfig.scheduledRebalanceDelay(cluster), clock.instant());
  }

  /** What of a pod the liveness depends on: its worker id, whether it is ready, and when it last restarted. */
  private static Optional<String> member(Pod pod) {
    return WorkerPods.workerId(pod).map(id -> id + (WorkerPods.ready(pod) ? "/ready" : "/unready")
        + WorkerPods.lastRestart(pod).map(t -> "/" + t).orElse(""));
  }
}
