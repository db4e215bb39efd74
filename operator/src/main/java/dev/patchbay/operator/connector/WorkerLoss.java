package dev.patchbay.operator.connector;

import dev.patchbay.operator.connect.ConnectorView;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/**
 * The parts of a connector that Connect reports on a worker that is down (see {@link WorkerLiveness}): they are not
 * running, whatever state Connect shows, until Connect reassigns them. A pure function of the listing and the pods.
 *
 * @param tasks ids of the tasks on such workers
 * @param message e.g. "task 0 is assigned to worker 10.0.0.7:8083, which is no longer running; Connect reassigns it
 *     after scheduled.rebalance.max.delay.ms (15 s)"
 */
record WorkerLoss(Set<Integer> tasks, String message) {

  /** States in which a connector or task sits on a worker; UNASSIGNED and STOPPED ones run nowhere anyway. */
  private static final Set<String> ON_A_WORKER = Set.of("RUNNING", "PAUSED", "FAILED", "RESTARTING");
  private static final int PARTS_NAMED = 3;

  static Optional<WorkerLoss> of(ConnectorView view, WorkerLiveness workers) {
    Map<String, List<String>> partsByWorker = new LinkedHashMap<>();
    Map<String, String> why = new LinkedHashMap<>();
    boolean connector = view.state() != null && down(view.state().state(), view.state().workerId(), "connector",
        workers, partsByWorker, why);
    Set<Integer> tasks = new LinkedHashSet<>();
    for (ConnectorView.TaskState task : view.tasks()) {
      if (down(task.state(), task.workerId(), "task " + task.id(), workers, partsByWorker, why)) {
        tasks.add(task.id());
      }
    }
    if (!connector && tasks.isEmpty()) {
      return Optional.empty();
    }
    int parts = (connector ? 1 : 0) + tasks.size();
    List<String> sentences = new ArrayList<>();
    partsByWorker.forEach((worker, named) -> sentences.add(join(named) + (named.size() == 1 ? " is" : " are")
        + " assigned to worker " + worker + ", " + why.get(worker)));
    String reassign = (why.containsValue(WorkerLiveness.GONE) || why.containsValue(WorkerLiveness.RESTARTED)
        ? "Connect reassigns " : "if that worker is gone, Connect reassigns ") + (parts == 1 ? "it" : "them") + " after scheduled.rebalance.max.delay.ms ("
        + seconds(workers.reassignDelay()) + ")";
    return Optional.of(new WorkerLoss(Set.copyOf(tasks), String.join("; ", sentences) + "; " + reassign));
  }

  private static boolean down(String state, String workerId, String part, WorkerLiveness workers,
                              Map<String, List<String>> partsByWorker, Map<String, String> why) {
    if (!ON_A_WORKER.contains(state)) {
      return false;
    }
    Optional<String> reason = workers.whyDown(workerId);
    reason.ifPresent(r -> {
      partsByWorker.computeIfAbsent(workerId, w -> new ArrayList<>()).add(part);
      why.put(workerId, r);
    });
    return reason.isPresent();
  }

  /** "task 0", "connector and task 0", "task 0, task 1 and task 2", "task 0, task 1, task 2 and 5 more". */
  private static String join(List<String> parts) {
    if (parts.size() == 1) {
      return parts.get(0);
    }
    if (parts.size() > PARTS_NAMED + 1) {
      return String.join(", ", parts.subList(0, PARTS_NAMED)) + " and " + (parts.size() - PARTS_NAMED) + " more";
    }
    return String.join(", ", parts.subList(0, parts.size() - 1)) + " and " + parts.get(parts.size() - 1);
  }

  private static String seconds(Duration delay) {
    long ms = delay.toMillis();
    return ms % 1000 == 0 ? ms / 1000 + " s" : ms + " ms";
  }
}
