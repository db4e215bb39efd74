package dev.patchbay.operator.connector;

import dev.patchbay.operator.Conditions;
import dev.patchbay.operator.OperatorMetrics;
import dev.patchbay.operator.api.Condition;
import dev.patchbay.operator.api.ConnectorState;
import dev.patchbay.operator.api.KafkaConnectorStatus;
import dev.patchbay.operator.connect.ConnectRestException;
import dev.patchbay.operator.connect.ConnectorView;
import java.time.Duration;
import java.time.Instant;
import java.util.Map;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Brings one connector in Connect to its resource's desired state and computes the resulting status, from one shared
 * listing: create (POST with initial_state) or converge an existing one: its config ({@link ConfigPush}), its state
 * and restarts ({@link ConnectorActions}), its topics ({@link TopicsRefresh}). Every write is one REST call; a
 * reconcile that finds nothing to change makes none. REST failures propagate to the caller, which turns them into a
 * status and a backoff.
 */
final class ConnectorSync {

  private static final Logger LOG = LoggerFactory.getLogger(ConnectorSync.class);
  private static final Duration RECHECK_AFTER_WRITE = Duration.ofSeconds(1);
  private static final Duration RECOVERY_GRACE = Duration.ofSeconds(10);

  private final ConnectorSettings settings;
  private final ConnectorEvents events;
  private final ConfigPush config;
  private final ConnectorActions actions;
  private final TopicsRefresh topics;

  ConnectorSync(ConnectorSettings settings, ConnectorEvents events, OperatorMetrics metrics) {
    this.settings = settings;
    this.events = events;
    this.config = new ConfigPush(settings, events);
    this.actions = new ConnectorActions(settings, events, metrics);
    this.topics = new TopicsRefresh(settings);
  }

  /** Whether the connector in Connect is this resource's: created by it, or holding exactly its config. */
  static boolean isOurs(KafkaConnectorStatus previous, ConnectorView view, Map<String, String> desired) {
    return previous.getConnector() != null || previous.getType() != null
        || DesiredConfig.changedKeys(desired, view.config()).isEmpty();
  }

  /** Syncs the connector against {@code view}, its entry in a fresh listing (null: Connect does not have it). */
  Outcome sync(SyncTarget target, ConnectorView view) {
    KafkaConnectorStatus previous = target.previous();
    KafkaConnectorStatus status = Statuses.copy(previous);
    if (view == null) {
      if (target.listing().recentlyRecovered(RECOVERY_GRACE)
          && (previous.getConnector() != null || previous.getType() != null)) {
        // a worker that just came back may not list its connectors yet: do not recreate ours in a hurry
        return new Outcome(pending(target, status, "Connect is reachable again, waiting for it to list the connector"),
            RECHECK_AFTER_WRITE);
      }
      Duration unlisted = target.tracked().unlistedGraceLeft(settings.clock().instant());
      if (unlisted != null) {
        // created by us and not listed yet: a second POST would only get 409; the poller triggers this resource when
        // the connector shows, and the status already says it was created
        return new Outcome(Statuses.copy(previous), unlisted);
      }
      return create(target, status);
    }
    target.tracked().created = null;
    Map<String, String> desired = target.desiredConfig();
    if (!config.justPushed(target, desired) && !isOurs(previous, view, desired)) {
      return nameConflict(target, status);
    }
    return converge(target, status, desired, view);
  }

  private Outcome create(SyncTarget target, KafkaConnectorStatus status) {
    String name = target.name();
    Statuses.clearView(status, false);
    if (ConfigPush.invalidForThisGeneration(target)) {
      return Outcome.of(status);
    }
    Map<String, String> desired = target.desiredConfig();
    ConnectorState state = target.desiredState();
    Map<String, String> stored;
    try {
      stored = target.client().create(name, desired, state.connectName());
    } catch (ConnectRestException e) {
      var rejection = InvalidConfigs.rejection(e, target.client(), target.resource().getSpec().getConnectorClass(),
          desired);
      if (rejection.isPresent()) {
        return Outcome.of(config.rejected(target, status, desired, rejection.get()));
      }
      if (e.status() == 409 && e.getMessage() != null && e.getMessage().contains("already exists")) {
        // the listing was stale; whether it is ours is decided on a fresh listing
        target.listing().changed();
        return new Outcome(pending(target, status, "a connector named " + name
            + " already exists in Connect; checking whether it is this one"), RECHECK_AFTER_WRITE);
      }
      throw e;
    }
    config.recordPushed(target, desired);
    target.tracked().created = new TrackedConnector.Created(settings.clock().instant(), stored);
    target.listing().changed(target.tracked());
    LOG.info("Created connector {} on {} in state {}", name, target.clusterName(), state.connectName());
    events.normal(target.resource(), ConnectorEvents.CREATED, "Created connector " + name + " on "
        + target.clusterName() + " (initial state " + state.connectName() + ")");
    // annotations present at creation have nothing to restart yet: record them as acted on
    RestartRequests pending = RestartRequests.from(target.resource().getMetadata().getAnnotations())
        .pending(target.previous().getRestarts());
    if (!pending.isEmpty()) {
      status.setRestarts(pending.recordOn(target.previous().getRestarts()));
    }
    return Outcome.of(pending(target, status, "created, waiting for Connect to start the connector"));
  }

  private Outcome converge(SyncTarget target, KafkaConnectorStatus status, Map<String, String> desired,
                           ConnectorView view) {
    ConfigPush.Result pushed = config.push(target, status, desired, view);
    boolean wrote = pushed.wrote() | actions.transition(target, view);
    boolean restarted = actions.requestedRestarts(target, status);

    Assessment assessment = Assessment.of(view, target.desiredState(), target.workers());
    String message = Redactor.redact(assessment.message(), target.secrets());
    AutoRestartPolicy.Decision decision = actions.autoRestart(target, status, assessment, message,
        !wrote && !restarted, RECHECK_AFTER_WRITE);
    restarted |= decision.restartNow();

    if (!wrote && !restarted && stillSettling(target, status, view, pushed, assessment)) {
      // Connect is still acting on our write (the connector listed, its tasks not yet running): the status keeps
      // saying Pending and is written once, when the connector settles; the poller triggers that reconcile
      return new Outcome(Statuses.copy(target.previous()), ClusterPoller.HOT_WINDOW);
    }
    Statuses.fillFromView(status, view, assessment.tasksReady(), target.secrets());
    setReady(target, status, pushed, wrote, assessment, message);
    Outcome outcome = Outcome.of(status).recheckNoLaterThan(decision.recheckAfter())
        .recheckNoLaterThan(pushed.recheckAfter());
    if (wrote || restarted) {
      // the listing may look the same afterwards (a task that fails again the same way): look again regardless
      target.listing().changed(target.tracked());
      outcome = outcome.recheckNoLaterThan(RECHECK_AFTER_WRITE);
    }
    Instant rejoined = target.workers().nextChange();
    if (rejoined != null) {
      // a restarted worker's stale entries count as lost until Connect can have reassigned them: look again then
      outcome = outcome.recheckNoLaterThan(Duration.between(settings.clock().instant(), rejoined));
    }
    return outcome.recheckNoLaterThan(topics.refresh(target, status,
        !wrote && !restarted && pushed.changed().isEmpty()));
  }

  /** Our write to Connect is recent and not settled yet, nothing failed, and the status already says Pending. */
  private static boolean stillSettling(SyncTarget target, KafkaConnectorStatus status, ConnectorView view,
                                       ConfigPush.Result pushed, Assessment assessment) {
    Condition ready = Conditions.ready(target.previous().getConditions());
    return target.tracked().writtenAt != 0
        && java.util.Objects.equals(status.getRestarts(), target.previous().getRestarts())
        && !view.settled() && !assessment.failed()
        && pushed.changed().isEmpty() && pushed.invalidMessage() == null
        && ready != null && Assessment.PENDING.equals(ready.reason())
        && java.util.Objects.equals(ready.observedGeneration(), target.generation());
  }

  private void setReady(SyncTarget target, KafkaConnectorStatus status, ConfigPush.Result pushed, boolean wrote,
                        Assessment assessment, String message) {
    Instant now = settings.clock().instant();
    if (pushed.invalidMessage() != null) {
      status.setConditions(Conditions.withReady(status.getConditions(), false, Assessment.INVALID_CONFIG,
          pushed.invalidMessage(), target.generation(), now));
    } else if (wrote || !pushed.changed().isEmpty()) {
      pending(target, status, "applying changes");
    } else {
      Condition before = Conditions.ready(target.previous().getConditions());
      status.setConditions(Conditions.withReady(status.getConditions(), assessment.ready(), assessment.reason(),
          message, target.generation(), now));
      boolean newReason = before == null || !assessment.reason().equals(before.reason());
      if (assessment.failed() && newReason) {
        LOG.info("Connector {} failed: {}", target.name(), assessment.reason());
        events.warning(target.resource(), ConnectorEvents.FAILED, message);
      } else if (Assessment.WORKER_LOST.equals(assessment.reason()) && newReason) {
        LOG.info("Connector {} has work on a lost worker: {}", target.name(), message);
        events.warning(target.resource(), ConnectorEvents.WORKER_LOST, message);
      }
    }
  }

  private Outcome nameConflict(SyncTarget target, KafkaConnectorStatus status) {
    Statuses.clearView(status, false);
    String name = target.name();
    String message = "a connector named " + name + " already exists on " + target.clusterName()
        + " and was not created by this resource; it is left alone";
    Condition before = Conditions.ready(status.getConditions());
    if (before == null || !Assessment.NAME_CONFLICT.equals(before.reason())) {
      LOG.info("Connector {} exists on {} but is not managed by this resource", name, target.clusterName());
      events.warning(target.resource(), ConnectorEvents.NAME_CONFLICT, message);
    }
    status.setConditions(Conditions.withReady(status.getConditions(), false, Assessment.NAME_CONFLICT, message,
        target.generation(), settings.clock().instant()));
    return Outcome.of(status);
  }

  private KafkaConnectorStatus pending(SyncTarget target, KafkaConnectorStatus status, String message) {
    status.setConditions(Conditions.withReady(status.getConditions(), false, Assessment.PENDING, message,
        target.generation(), settings.clock().instant()));
    return status;
  }
}
