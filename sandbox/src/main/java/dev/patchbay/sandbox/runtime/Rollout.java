package dev.patchbay.sandbox.runtime;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;

/**
 * The Deployment controller's decision for one step, as a pure function: how many new pods to start and which pods
 * to terminate, given the desired replicas, the current pod-template hash and the live pods. Follows the
 * RollingUpdate defaults (maxSurge 25% rounded up, maxUnavailable 25% rounded down), so with one or two replicas a
 * new worker is started and becomes ready before an old one is stopped.
 */
public final class Rollout {

  /** A live (not terminating) pod as the controller sees it; {@code seq} orders pods by creation. */
  public record PodView(String name, String templateHash, boolean ready, long seq) {
  }

  /** Start {@code start} pods of the current template; terminate the named ones. */
  public record Plan(int start, List<String> terminate) {
  }

  private Rollout() {
  }

  public static int maxSurge(int desired) {
    return Math.max(1, (desired + 3) / 4);
  }

  public static int maxUnavailable(int desired) {
    return desired / 4;
  }

  public static Plan plan(int desired, String templateHash, List<PodView> pods) {
    List<PodView> current = pods.stream().filter(p -> p.templateHash().equals(templateHash)).toList();
    List<PodView> old = pods.stream().filter(p -> !p.templateHash().equals(templateHash)).toList();
    List<String> terminate = new ArrayList<>();
    int start;
    if (old.isEmpty()) {
      start = Math.max(0, desired - current.size());
    } else {
      start = Math.max(0, Math.min(desired - current.size(), desired + maxSurge(desired) - pods.size()));
      int minAvailable = desired - maxUnavailable(desired);
      long ready = pods.stream().filter(PodView::ready).count();
      old.stream().filter(p -> !p.ready()).forEach(p -> terminate.add(p.name()));
      List<PodView> oldReady = old.stream().filter(PodView::ready)
          .sorted(Comparator.comparingLong(PodView::seq)).toList();
      for (PodView p : oldReady) {
        if (ready - 1 >= minAvailable) {
          terminate.add(p.name());
          ready--;
        }
      }
    }
    if (current.size() > desired) {
      // Scale down: pods that are not ready go first, then the newest.
      current.stream()
          .sorted(Comparator.comparing(PodView::ready).thenComparing(Comparator.comparingLong(PodView::seq).reversed()))
          .limit(current.size() - desired)
          .forEach(p -> terminate.add(p.name()));
    }
    return new Plan(start, terminate);
  }
}
