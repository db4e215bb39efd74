package dev.patchbay.operator.connector;

import dev.patchbay.operator.OperatorMetrics;
import dev.patchbay.operator.api.ConnectorState;
import dev.patchbay.operator.api.KafkaConnectorStatus;
import dev.patchbay.operator.connect.ConnectClient;
import dev.patchbay.operator.connect.ConnectRestException;
import dev.patchbay.operator.connect.ConnectorView;
import java.time.Duration;
import java.util.Set;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * What is done to an existing connector besides its config: moving it to the desired state (pause, resume, stop),
 * restarts requested with annotations, and automatic restarts of failed parts. Each is one REST call, with an event.
 */
final class ConnectorActions {

  private static final Logger LOG = LoggerFactory.getLogger(ConnectorActions.class);
  private static final Set<String> SETTLED_STATES = Set.of("RUNNING", "PAUSED", "STOPPED");

  private final ConnectorSettings settings;
  private final ConnectorEvents events;
  private final OperatorMetrics metrics;

  ConnectorActions(ConnectorSettings settings, ConnectorEvents events, OperatorMetrics metrics) {
    this.settings = settings;
    this.events = events;
    this.metrics = metrics;
  }

  /** Pause, resume or stop when Connect's connector state is a settled state other than the desired one. */
  boolean transition(SyncTarget target, ConnectorView view) {
    String current = view.state() == null ? null : view.state().state();
    ConnectorState state = target.desiredState();
    if (current == null || !SETTLED_STATES.contains(current) || current.equals(state.connectName())) {
      return false;
    }
    ConnectClient client = target.client();
    String name = target.name();
    switch (state) {
      case RUNNING -> {
        client.resume(name);
        events.normal(target.resource(), ConnectorEvents.RESUMED, "Resumed connector (was " + current + ")");
      }
      case PAUSED -> {
        client.pause(name);
        events.normal(target.resource(), ConnectorEvents.PAUSED, "Paused connector (was " + current + ")");
      }
      case STOPPED -> {
        client.stop(name);
        events.normal(target.resource(), ConnectorEvents.STOPPED, "Stopped connector (was " + current + ")");
      }
      default -> throw new IllegalStateException(state.name());
    }
    LOG.info("Moved connector {} from {} to {}", name, current, state.connectName());
    return true;
  }

  /** Acts on restart annotations whose value was not acted on yet, and records them in status.restarts. */
  boolean requestedRestarts(SyncTarget target, KafkaConnectorStatus status) {
    RestartRequests pending = RestartRequests.from(target.resource().getMetadata().getAnnotations())
        .pending(target.previous().getRestarts());
    if (pending.isEmpty()) {
      return false;
    }
    ConnectClient client = target.client();
    String name = target.name();
    boolean wrote = false;
    if (pending.restart() != null) {
      wrote |= restart(target, "connector and all tasks", () -> client.restart(name, true, false));
    }
    if (pending.restartFailed() != null) {
      wrote |= restart(target, "failed connector/tasks", () -> client.restart(name, true, true));
    }
    if (pending.restartTask() != null) {
      var task = RestartRequests.taskId(pending.restartTask());
      if (task.isEmpty()) {
        events.warning(target.resource(), ConnectorEvents.RESTART_REJECTED, "patchbay.dev/restart-task must be "
            + "<task id>[@token], e.g. 0@1");
      } else {
        wrote |= restart(target, "task " + task.getAsInt(), () -> client.restartTask(name, task.getAsInt()));
      }
    }
    status.setRestarts(pending.recordOn(target.previous().getRestarts()));
    return wrote;
  }

  private boolean restart(SyncTarget target, String what, Runnable call) {
    try {
      call.run();
    } catch (ConnectRestException e) {
      if (e.isRetriable()) {
        throw e;
      }
      events.warning(target.resource(), ConnectorEvents.RESTART_REJECTED, "Connect refused to restart " + what + ": "
          + Redactor.firstLine(e.getMessage(), 200));
      return false;
    }
    LOG.info("Restarted {} of connector {} on request", what, target.name());
    events.normal(target.resource(), ConnectorEvents.RESTARTED, "Restarted " + what + " on request");
    return true;
  }

  /**
   * Decides on an automatic restart, makes it when due and {@code allowed} now (nothing else was written this
   * reconcile), and records it in the status.
   */
  AutoRestartPolicy.Decision autoRestart(SyncTarget target, KafkaConnectorStatus status, Assessment assessment,
                                         String message, boolean allowed, Duration notNowRecheck) {
    KafkaConnectorStatus previous = target.previous();
    AutoRestartPolicy.Decision decision = settings.autoRestart().decide(target.resource().getSpec().getAutoRestart(),
        previous.getAutoRestart(), assessment.failed() && target.desiredState() != ConnectorState.STOPPED,
        assessment.ready(), settings.clock().instant());
    if (decision.restartNow() && !allowed) {
      return new AutoRestartPolicy.Decision(false, previous.getAutoRestart(), notNowRecheck);
    }
    if (decision.restartNow()) {
      target.client().restart(target.name(), true, true);
      metrics.autoRestart(target.clusterKey());
      LOG.info("Auto-restarted failed parts of connector {} (restart {})", target.name(), decision.status().count());
      events.normal(target.resource(), ConnectorEvents.AUTO_RESTARTED, "Restarted failed connector/tasks "
          + "automatically (restart " + decision.status().count() + "; " + message + ")");
    }
    status.setAutoRestart(decision.status());
    return decision;
  }
}
