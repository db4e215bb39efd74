package dev.patchbay.operator.connector;

import dev.patchbay.operator.cluster.WorkerPods;
import io.fabric8.kubernetes.api.model.Pod;
import java.time.Duration;
import java.util.Collection;
import java.util.HashSet;
import java.util.Optional;
import java.util.Set;

/**
 * Which Connect workers of a managed cluster are up, as its pods show them: a connector or task that Connect still
 * reports on a worker whose pod is gone or not ready has stopped, although Connect shows it RUNNING there until it
 * reassigns it, after {@code scheduled.rebalance.max.delay.ms}. External clusters have no pods to look at:
 * {@link #UNCHECKED} takes every worker for up.
 */
public final class WorkerLiveness {

  /** For a cluster whose workers cannot be seen: no worker counts as lost. */
  public static final WorkerLiveness UNCHECKED = new WorkerLiveness(null, Set.of(), Duration.ZERO);

  static final String GONE = "which is no longer running";
  static final String NOT_READY = "whose pod is not ready";

  /** Worker ids of ready pods; null when unchecked. */
  private final Set<String> ready;
  /** Worker ids of pods that exist but are not ready. */
  private final Set<String> unready;
  private final Duration reassignDelay;

  private WorkerLiveness(Set<String> ready, Set<String> unready, Duration reassignDelay) {
    this.ready = ready;
    this.unready = unready;
    this.reassignDelay = reassignDelay;
  }

  /** From a managed cluster's worker pods and its {@code scheduled.rebalance.max.delay.ms}. */
  public static WorkerLiveness of(Collection<Pod> pods, Duration reassignDelay) {
    Set<String> ready = new HashSet<>();
    Set<String> unready = new HashSet<>();
    for (Pod pod : pods) {
      WorkerPods.workerId(pod).ifPresent(id -> (WorkerPods.ready(pod) ? ready : unready).add(id));
    }
    unready.removeAll(ready);
    return new WorkerLiveness(Set.copyOf(ready), Set.copyOf(unready), reassignDelay);
  }

  /**
   * Why the worker is not up, completing "assigned to worker X, ...": {@code "which is no longer running"} or
   * {@code "whose pod is not ready"}; empty when it is up, when the id is unknown, or when the cluster is unchecked.
   */
  Optional<String> whyDown(String workerId) {
    if (ready == null || workerId == null || ready.contains(workerId)) {
      return Optional.empty();
    }
    return Optional.of(unready.contains(workerId) ? NOT_READY : GONE);
  }

  /** The cluster's {@code scheduled.rebalance.max.delay.ms}. */
  Duration reassignDelay() {
    return reassignDelay;
  }
}
