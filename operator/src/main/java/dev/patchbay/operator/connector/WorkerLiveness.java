package dev.patchbay.operator.connector;

import dev.patchbay.operator.cluster.WorkerPods;
import io.fabric8.kubernetes.api.model.Pod;
import java.time.Duration;
import java.time.Instant;
import java.util.Collection;
import java.util.HashMap;
import java.util.HashSet;
import java.util.Map;
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
  public static final WorkerLiveness UNCHECKED = new WorkerLiveness(null, Set.of(), Map.of(), Duration.ZERO);

  static final String GONE = "which is no longer running";
  static final String NOT_READY = "whose pod is not ready";
  static final String RESTARTED = "which restarted and has not been given work again yet";
  /**
   * Connect's {@code session.timeout.ms} default: how long the group takes to notice that the worker's old member
   * is gone; the lost work is reassigned {@code scheduled.rebalance.max.delay.ms} after that.
   */
  static final Duration SESSION_TIMEOUT = Duration.ofSeconds(10);

  /** Worker ids of ready pods; null when unchecked. */
  private final Set<String> ready;
  /** Worker ids of pods that exist but are not ready. */
  private final Set<String> unready;
  /**
   * Ready workers whose container restarted in place, until Connect has reassigned the work their previous run had:
   * a connector or task still shown on one of them is the old run's, stale until then.
   */
  private final Map<String, Instant> rejoining;
  private final Duration reassignDelay;

  private WorkerLiveness(Set<String> ready, Set<String> unready, Map<String, Instant> rejoining,
                         Duration reassignDelay) {
    this.ready = ready;
    this.unready = unready;
    this.rejoining = rejoining;
    this.reassignDelay = reassignDelay;
  }

  /**
   * From a managed cluster's worker pods and its {@code scheduled.rebalance.max.delay.ms}, at {@code now}: a worker
   * that restarted in its pod less than {@link #SESSION_TIMEOUT} + the delay ago counts as rejoining.
   */
  public static WorkerLiveness of(Collection<Pod> pods, Duration reassignDelay, Instant now) {
    Set<String> ready = new HashSet<>();
    Set<String> unready = new HashSet<>();
    Map<String, Instant> rejoining = new HashMap<>();
    for (Pod pod : pods) {
      WorkerPods.workerId(pod).ifPresent(id -> {
        boolean up = WorkerPods.ready(pod);
        (up ? ready : unready).add(id);
        if (up) {
          WorkerPods.lastRestart(pod).map(t -> t.plus(SESSION_TIMEOUT).plus(reassignDelay))
              .filter(now::isBefore).ifPresent(until -> rejoining.put(id, until));
        }
      });
    }
    unready.removeAll(ready);
    return new WorkerLiveness(Set.copyOf(ready), Set.copyOf(unready), Map.copyOf(rejoining), reassignDelay);
  }

  /** When a rejoining worker's stale entries stop counting as lost (a status to look at again then); or null. */
  Instant nextChange() {
    return rejoining.values().stream().min(Instant::compareTo).orElse(null);
  }

  /**
   * Why the worker is not up, completing "assigned to worker X, ...": {@code "which is no longer running"} or
   * {@code "whose pod is not ready"}; empty when it is up, when the id is unknown, or when the cluster is unchecked.
   */
  Optional<String> whyDown(String workerId) {
    if (workerId != null && rejoining.containsKey(workerId)) {
      return Optional.of(RESTARTED);
    }
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
