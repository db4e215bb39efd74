package dev.patchbay.operator.connector;

import dev.patchbay.operator.api.ConnectorState;
import dev.patchbay.operator.connect.ConnectorView;
import java.util.List;
import java.util.Optional;
import java.util.Set;

/**
 * How a connector, as Connect shows it, compares with its desired state: the Ready condition's status, reason and
 * message, and the {@code tasksReady} figure. A pure function of the view and, for a managed cluster, of which of its
 * workers are up: a connector or task Connect still shows on a worker that is down is {@link #WORKER_LOST}, whatever
 * state Connect reports for it (it is not counted in {@code tasksReady}).
 *
 * @param ready connector and every task in the desired state
 * @param reason the Ready condition's reason
 * @param message short and human: the first line of a trace, or what is awaited
 * @param tasksReady tasks in the desired state / tasks
 * @param failed the connector or a task is FAILED
 */
public record Assessment(boolean ready, String reason, String message, String tasksReady, boolean failed) {

  public static final String RUNNING = "Running";
  public static final String PAUSED = "Paused";
  public static final String STOPPED = "Stopped";
  public static final String PENDING = "Pending";
  public static final String INVALID_CONFIG = "InvalidConfig";
  public static final String CONNECTOR_FAILED = "ConnectorFailed";
  public static final String TASKS_FAILED = "TasksFailed";
  public static final String CLUSTER_NOT_FOUND = "ClusterNotFound";
  public static final String CLUSTER_UNAVAILABLE = "ClusterUnavailable";
  public static final String REBALANCING = "Rebalancing";
  public static final String NAME_CONFLICT = "NameConflict";
  /** The connector or a task is on a worker whose pod is gone or not ready; Connect has not reassigned it yet. */
  public static final String WORKER_LOST = "WorkerLost";
  /** The reconcile itself failed (an exception); it is retried without end. */
  public static final String RECONCILE_ERROR = "ReconcileError";

  static final int MESSAGE_LENGTH = 300;

  /** For a cluster whose workers cannot be seen (external). */
  public static Assessment of(ConnectorView view, ConnectorState desired) {
    return of(view, desired, WorkerLiveness.UNCHECKED);
  }

  public static Assessment of(ConnectorView view, ConnectorState desired, WorkerLiveness workers) {
    String want = desired.connectName();
    List<ConnectorView.TaskState> tasks = view.tasks();
    Optional<WorkerLoss> loss = WorkerLoss.of(view, workers);
    Set<Integer> lost = loss.map(WorkerLoss::tasks).orElse(Set.of());
    long inState = tasks.stream().filter(t -> want.equals(t.state()) && !lost.contains(t.id())).count();
    String tasksReady = inState + "/" + tasks.size();
    if (loss.isPresent()) {
      return new Assessment(false, WORKER_LOST, loss.get().message(), tasksReady, false);
    }
    String connectorState = view.state() == null ? null : view.state().state();
    if ("FAILED".equals(connectorState)) {
      return new Assessment(false, CONNECTOR_FAILED,
          "connector failed: " + Redactor.firstLine(orElse(view.state().trace(), "no trace"), MESSAGE_LENGTH),
          tasksReady, true);
    }
    for (ConnectorView.TaskState task : tasks) {
      if ("FAILED".equals(task.state())) {
        long failed = tasks.stream().filter(t -> "FAILED".equals(t.state())).count();
        return new Assessment(false, TASKS_FAILED, failed + " of " + tasks.size() + " tasks failed; task " + task.id()
            + ": " + Redactor.firstLine(orElse(task.trace(), "no trace"), MESSAGE_LENGTH), tasksReady, true);
      }
    }
    boolean tasksDone = desired == ConnectorState.STOPPED ? tasks.isEmpty() : !tasks.isEmpty() && inState == tasks.size();
    if (want.equals(connectorState) && tasksDone) {
      return new Assessment(true, readyReason(desired), "connector and " + tasks.size() + " tasks "
          + want.toLowerCase(java.util.Locale.ROOT), tasksReady, false);
    }
    String message;
    if (connectorState == null) {
      message = "waiting for Connect to report the connector's state";
    } else if (!want.equals(connectorState)) {
      message = "connector is " + connectorState + ", waiting for " + want;
    } else if (desired == ConnectorState.STOPPED) {
      message = "waiting for " + tasks.size() + " tasks to shut down";
    } else if (tasks.isEmpty()) {
      message = "waiting for Connect to start tasks";
    } else {
      message = "tasks " + tasksReady + " " + want + ", waiting for the rest";
    }
    return new Assessment(false, PENDING, message, tasksReady, false);
  }

  static String readyReason(ConnectorState desired) {
    return switch (desired) {
      case RUNNING -> RUNNING;
      case PAUSED -> PAUSED;
      case STOPPED -> STOPPED;
    };
  }

  private static String orElse(String value, String fallback) {
    return value == null || value.isBlank() ? fallback : value;
  }
}
