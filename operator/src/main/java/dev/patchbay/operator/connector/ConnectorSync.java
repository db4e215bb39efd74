package dev.patchbay.operator.connector;

import dev.patchbay.operator.OperatorMetrics;
import dev.patchbay.operator.api.Condition;
import dev.patchbay.operator.api.ConnectorState;
import dev.patchbay.operator.api.KafkaConnector;
import dev.patchbay.operator.api.KafkaConnectorStatus;
import dev.patchbay.operator.connect.ConnectClient;
import dev.patchbay.operator.connect.ConnectRestException;
import dev.patchbay.operator.connect.ConnectorView;
import io.javaoperatorsdk.operator.processing.event.ResourceID;
import java.time.Duration;
import java.time.Instant;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import java.util.SortedSet;
import java.util.concurrent.ConcurrentHashMap;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Brings one connector in Connect to its resource's desired state and computes the resulting status, from one shared
 * listing: create (POST with initial_state) or update (PUT config, only on a real difference), state transitions,
 * requested restarts, auto-restarts, topics. Every write is one REST call; a reconcile that finds nothing to change
 * makes none. REST failures propagate to the caller, which turns them into a status and a backoff.
 */
final class ConnectorSync {

  private static final Logger LOG = LoggerFactory.getLogger(ConnectorSync.class);
  /** A just-pushed config may be read back stale from another worker for this long without pushing again. */
  private static final Duration PUSH_SETTLE = Duration.ofSeconds(5);
  private static final int TOPIC_RETRIES = 3;
  private static final Duration RECHECK_AFTER_WRITE = Duration.ofSeconds(1);
  private static final Duration RECOVERY_GRACE = Duration.ofSeconds(10);

  private final ConnectorSettings settings;
  private final ConnectorEvents events;
  private final Map<ResourceID, Pushed> pushed = new ConcurrentHashMap<>();
  private final Map<ResourceID, TopicRetry> topicRetries = new ConcurrentHashMap<>();

  private record Pushed(Map<String, String> config, Instant at) {
  }

  private record TopicRetry(int attempt, Instant due) {
  }

  private final OperatorMetrics metrics;

  ConnectorSync(ConnectorSettings settings, ConnectorEvents events, OperatorMetrics metrics) {
    this.settings = settings;
    this.events = events;
    this.metrics = metrics;
  }

  void forget(ResourceID id) {
    pushed.remove(id);
    topicRetries.remove(id);
  }

  /** Whether the connector in Connect is this resource's: created by it, or holding exactly its config. */
  static boolean isOurs(KafkaConnectorStatus previous, ConnectorView view, Map<String, String> desired) {
    return previous.getConnector() != null || previous.getType() != null
        || DesiredConfig.changedKeys(desired, view.config()).isEmpty();
  }

  Outcome sync(KafkaConnector resource, KafkaConnectorStatus previous, ClusterPoller poller, ConnectorView view,
               String clusterName, String clusterKey) {
    ResourceID id = ResourceID.fromResource(resource);
    Map<String, String> desired = DesiredConfig.of(resource);
    KafkaConnectorStatus status = Statuses.copy(previous);
    if (view == null) {
      if (poller.recentlyRecovered(RECOVERY_GRACE) && (previous.getConnector() != null || previous.getType() != null)) {
        // a worker that just came back may not list its connectors yet: do not recreate ours in a hurry
        status.setConditions(Conditions.withReady(status.getConditions(), false, Assessment.PENDING,
            "Connect is reachable again, waiting for it to list the connector", generation(resource),
            settings.clock().instant()));
        return new Outcome(status, RECHECK_AFTER_WRITE);
      }
      return create(resource, id, previous, status, desired, poller, clusterName);
    }
    Pushed recent = pushed.get(id);
    boolean justPushed = recent != null && recent.config().equals(desired)
        && settings.clock().instant().isBefore(recent.at().plus(PUSH_SETTLE));
    if (!justPushed && !isOurs(previous, view, desired)) {
      return nameConflict(resource, status, clusterName);
    }
    return converge(resource, id, previous, status, desired, view, poller, justPushed, clusterKey);
  }

  private Outcome create(KafkaConnector resource, ResourceID id, KafkaConnectorStatus previous,
                         KafkaConnectorStatus status, Map<String, String> desired, ClusterPoller poller,
                         String clusterName) {
    String name = resource.getMetadata().getName();
    Statuses.clearView(status, false);
    if (invalidForThisGeneration(resource, previous)) {
      return Outcome.of(status);
    }
    ConnectorState state = desiredState(resource);
    try {
      poller.client().create(name, desired, state.connectName());
    } catch (ConnectRestException e) {
      if (InvalidConfigs.isRejection(e)) {
        return Outcome.of(invalid(resource, previous, status, desired, poller, e));
      }
      if (e.status() == 409 && e.getMessage() != null && e.getMessage().contains("already exists")) {
        // the listing was stale; whether it is ours is decided on a fresh listing
        poller.changed();
        status.setConditions(Conditions.withReady(status.getConditions(), false, Assessment.PENDING,
            "a connector named " + name + " already exists in Connect; checking whether it is this one",
            generation(resource), settings.clock().instant()));
        return new Outcome(status, RECHECK_AFTER_WRITE);
      }
      throw e;
    }
    pushed.put(id, new Pushed(desired, settings.clock().instant()));
    poller.changed();
    LOG.info("Created connector {} on {} in state {}", name, clusterName, state.connectName());
    events.normal(resource, ConnectorEvents.CREATED, "Created connector " + name + " on " + clusterName
        + " (initial state " + state.connectName() + ")");
    // annotations present at creation have nothing to restart yet: record them as acted on
    RestartRequests pending = RestartRequests.from(resource.getMetadata().getAnnotations())
        .pending(previous.getRestarts());
    if (!pending.isEmpty()) {
      status.setRestarts(pending.recordOn(previous.getRestarts()));
    }
    status.setConditions(Conditions.withReady(status.getConditions(), false, Assessment.PENDING,
        "created, waiting for Connect to start the connector", generation(resource), settings.clock().instant()));
    return Outcome.of(status);
  }

  private Outcome converge(KafkaConnector resource, ResourceID id, KafkaConnectorStatus previous,
                           KafkaConnectorStatus status, Map<String, String> desired, ConnectorView view,
                           ClusterPoller poller, boolean justPushed, String clusterKey) {
    String name = resource.getMetadata().getName();
    ConnectClient client = poller.client();
    Instant now = settings.clock().instant();
    ConnectorState state = desiredState(resource);
    boolean wrote = false;
    String invalidMessage = null;
    Outcome extra = null;

    SortedSet<String> changed = DesiredConfig.changedKeys(desired, view.config());
    if (!changed.isEmpty()) {
      if (invalidForThisGeneration(resource, previous)) {
        invalidMessage = Conditions.ready(previous.getConditions()).message();
      } else if (justPushed) {
        extra = new Outcome(null, Duration.ofSeconds(1));
      } else {
        try {
          client.putConfig(name, desired);
          wrote = true;
          pushed.put(id, new Pushed(desired, now));
          LOG.info("Updated config of connector {} (keys changed: {})", name, changed);
          events.normal(resource, ConnectorEvents.CONFIG_UPDATED, "Updated config (keys changed: "
              + String.join(", ", changed) + ")");
        } catch (ConnectRestException e) {
          if (!InvalidConfigs.isRejection(e)) {
            throw e;
          }
          KafkaConnectorStatus invalid = invalid(resource, previous, status, desired, poller, e);
          invalidMessage = Conditions.ready(invalid.getConditions()).message();
        }
      }
    }

    wrote |= transition(resource, client, view, state);
    boolean restarted = requestedRestarts(resource, previous, status, client, view);

    Assessment assessment = Assessment.of(view, state);
    String message = Redactor.redact(assessment.message(), DesiredConfig.secretsOf(resource));
    AutoRestartPolicy.Decision decision = autoRestart(resource, previous, status, client, assessment, message,
        !wrote && !restarted, clusterKey);
    restarted |= decision.restartNow();

    Statuses.fillFromView(status, view, assessment.tasksReady(), DesiredConfig.secretsOf(resource));
    Condition before = Conditions.ready(previous.getConditions());
    if (invalidMessage != null) {
      status.setConditions(Conditions.withReady(status.getConditions(), false, Assessment.INVALID_CONFIG,
          invalidMessage, generation(resource), now));
    } else if (wrote || !changed.isEmpty()) {
      status.setConditions(Conditions.withReady(status.getConditions(), false, Assessment.PENDING,
          "applying changes", generation(resource), now));
    } else {
      status.setConditions(Conditions.withReady(status.getConditions(), assessment.ready(), assessment.reason(),
          message, generation(resource), now));
      if (assessment.failed() && (before == null || !assessment.reason().equals(before.reason()))) {
        LOG.info("Connector {} failed: {}", name, assessment.reason());
        events.warning(resource, ConnectorEvents.FAILED, message);
      }
    }
    Outcome outcome = Outcome.of(status).recheckNoLaterThan(decision.recheckAfter());
    if (wrote || restarted) {
      // the listing may look the same afterwards (a task that fails again the same way): look again regardless
      poller.changed();
      outcome = outcome.recheckNoLaterThan(RECHECK_AFTER_WRITE);
    }
    outcome = outcome.recheckNoLaterThan(topics(id, previous, status, client, name, state, wrote || restarted,
        changed.isEmpty()));
    return extra == null ? outcome : outcome.recheckNoLaterThan(extra.recheckAfter());
  }

  /** Decides on an automatic restart, makes it when due and allowed now, and records it in the status. */
  private AutoRestartPolicy.Decision autoRestart(KafkaConnector resource, KafkaConnectorStatus previous,
                                                 KafkaConnectorStatus status, ConnectClient client,
                                                 Assessment assessment, String message, boolean allowed,
                                                 String clusterKey) {
    ConnectorState state = desiredState(resource);
    AutoRestartPolicy.Decision decision = settings.autoRestart().decide(resource.getSpec().getAutoRestart(),
        previous.getAutoRestart(), assessment.failed() && state != ConnectorState.STOPPED, assessment.ready(),
        settings.clock().instant());
    if (decision.restartNow() && !allowed) {
      return new AutoRestartPolicy.Decision(false, previous.getAutoRestart(), RECHECK_AFTER_WRITE);
    }
    if (decision.restartNow()) {
      String name = resource.getMetadata().getName();
      client.restart(name, true, true);
      metrics.autoRestart(clusterKey);
      LOG.info("Auto-restarted failed parts of connector {} (restart {})", name, decision.status().count());
      events.normal(resource, ConnectorEvents.AUTO_RESTARTED, "Restarted failed connector/tasks automatically "
          + "(restart " + decision.status().count() + "; " + message + ")");
    }
    status.setAutoRestart(decision.status());
    return decision;
  }

  /** Pause, resume or stop when Connect's connector state is a settled state other than the desired one. */
  private boolean transition(KafkaConnector resource, ConnectClient client, ConnectorView view, ConnectorState state) {
    String current = view.state() == null ? null : view.state().state();
    if (current == null || !Set.of("RUNNING", "PAUSED", "STOPPED").contains(current)
        || current.equals(state.connectName())) {
      return false;
    }
    String name = resource.getMetadata().getName();
    switch (state) {
      case RUNNING -> {
        client.resume(name);
        events.normal(resource, ConnectorEvents.RESUMED, "Resumed connector (was " + current + ")");
      }
      case PAUSED -> {
        client.pause(name);
        events.normal(resource, ConnectorEvents.PAUSED, "Paused connector (was " + current + ")");
      }
      case STOPPED -> {
        client.stop(name);
        events.normal(resource, ConnectorEvents.STOPPED, "Stopped connector (was " + current + ")");
      }
      default -> throw new IllegalStateException(state.name());
    }
    LOG.info("Moved connector {} from {} to {}", name, current, state.connectName());
    return true;
  }

  /** Acts on restart annotations whose value was not acted on yet, and records them in status.restarts. */
  private boolean requestedRestarts(KafkaConnector resource, KafkaConnectorStatus previous,
                                    KafkaConnectorStatus status, ConnectClient client, ConnectorView view) {
    RestartRequests pending = RestartRequests.from(resource.getMetadata().getAnnotations())
        .pending(previous.getRestarts());
    if (pending.isEmpty()) {
      return false;
    }
    String name = resource.getMetadata().getName();
    boolean wrote = false;
    if (pending.restart() != null) {
      wrote |= restart(resource, "connector and all tasks", () -> client.restart(name, true, false));
    }
    if (pending.restartFailed() != null) {
      wrote |= restart(resource, "failed connector/tasks", () -> client.restart(name, true, true));
    }
    if (pending.restartTask() != null) {
      var task = RestartRequests.taskId(pending.restartTask());
      if (task.isEmpty()) {
        events.warning(resource, ConnectorEvents.RESTART_REJECTED, "patchbay.dev/restart-task must be "
            + "<task id>[@token], e.g. 0@1");
      } else {
        wrote |= restart(resource, "task " + task.getAsInt(), () -> client.restartTask(name, task.getAsInt()));
      }
    }
    status.setRestarts(pending.recordOn(previous.getRestarts()));
    return wrote;
  }

  private boolean restart(KafkaConnector resource, String what, Runnable call) {
    try {
      call.run();
    } catch (ConnectRestException e) {
      if (e.isRetriable()) {
        throw e;
      }
      events.warning(resource, ConnectorEvents.RESTART_REJECTED, "Connect refused to restart " + what + ": "
          + Redactor.firstLine(e.getMessage(), 200));
      return false;
    }
    LOG.info("Restarted {} of connector {} on request", what, resource.getMetadata().getName());
    events.normal(resource, ConnectorEvents.RESTARTED, "Restarted " + what + " on request");
    return true;
  }

  /**
   * Fetches topics only when they may have changed: the connector runs and its state changed, or none were known yet
   * (retried a few times while empty, since a connector reports a topic only once it used it).
   */
  private Duration topics(ResourceID id, KafkaConnectorStatus previous, KafkaConnectorStatus status,
                          ConnectClient client, String name, ConnectorState state, boolean wrote, boolean configSame) {
    if (state != ConnectorState.RUNNING || !"RUNNING".equals(status.getState()) || wrote || !configSame) {
      return null;
    }
    Instant now = settings.clock().instant();
    TopicRetry retry = topicRetries.get(id);
    boolean due = retry != null && !now.isBefore(retry.due());
    if (previous.getTopics() != null && !Statuses.stateChanged(previous, status) && !due) {
      return retry == null ? null : Duration.between(now, retry.due());
    }
    status.setTopics(client.topics(name));
    if (!status.getTopics().isEmpty()) {
      topicRetries.remove(id);
      return null;
    }
    int attempt = retry == null || Statuses.stateChanged(previous, status) ? 1 : retry.attempt() + 1;
    if (attempt > TOPIC_RETRIES) {
      topicRetries.remove(id);
      return null;
    }
    Duration delay = settings.pollInterval().multipliedBy(attempt);
    topicRetries.put(id, new TopicRetry(attempt, now.plus(delay)));
    return delay;
  }

  private KafkaConnectorStatus invalid(KafkaConnector resource, KafkaConnectorStatus previous,
                                       KafkaConnectorStatus status, Map<String, String> desired, ClusterPoller poller,
                                       ConnectRestException rejection) {
    String message = InvalidConfigs.describe(poller.client(), resource.getSpec().getConnectorClass(), desired,
        DesiredConfig.secretsOf(resource), rejection);
    status.setConditions(Conditions.withReady(status.getConditions(), false, Assessment.INVALID_CONFIG, message,
        generation(resource), settings.clock().instant()));
    Condition before = Conditions.ready(previous.getConditions());
    if (before == null || !Assessment.INVALID_CONFIG.equals(before.reason()) || !message.equals(before.message())) {
      LOG.info("Connect rejected the config of connector {}: {}", resource.getMetadata().getName(), message);
      events.warning(resource, ConnectorEvents.INVALID_CONFIG, message);
    }
    return status;
  }

  private Outcome nameConflict(KafkaConnector resource, KafkaConnectorStatus status, String clusterName) {
    Statuses.clearView(status, false);
    String name = resource.getMetadata().getName();
    String message = "a connector named " + name + " already exists on " + clusterName
        + " and was not created by this resource; it is left alone";
    Condition before = Conditions.ready(status.getConditions());
    if (before == null || !Assessment.NAME_CONFLICT.equals(before.reason())) {
      LOG.info("Connector {} exists on {} but is not managed by this resource", name, clusterName);
      events.warning(resource, ConnectorEvents.NAME_CONFLICT, message);
    }
    status.setConditions(Conditions.withReady(status.getConditions(), false, Assessment.NAME_CONFLICT, message,
        generation(resource), settings.clock().instant()));
    return Outcome.of(status);
  }

  /** An InvalidConfig for the current generation is final until the spec changes: pushing it again would fail again. */
  private static boolean invalidForThisGeneration(KafkaConnector resource, KafkaConnectorStatus previous) {
    Condition ready = Conditions.ready(previous.getConditions());
    return ready != null && Assessment.INVALID_CONFIG.equals(ready.reason())
        && Objects.equals(ready.observedGeneration(), generation(resource));
  }

  static ConnectorState desiredState(KafkaConnector resource) {
    ConnectorState state = resource.getSpec().getState();
    return state == null ? ConnectorState.RUNNING : state;
  }

  static Long generation(KafkaConnector resource) {
    return resource.getMetadata().getGeneration();
  }
}
