package dev.patchbay.operator.connector;

import dev.patchbay.operator.Conditions;
import dev.patchbay.operator.api.Condition;
import dev.patchbay.operator.api.KafkaConnectorStatus;
import dev.patchbay.operator.connect.ConnectRestException;
import dev.patchbay.operator.connect.ConnectorView;
import java.time.Duration;
import java.time.Instant;
import java.util.Map;
import java.util.Objects;
import java.util.SortedSet;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Puts the desired config into Connect when it really differs from the live one (PUT config), and turns Connect's
 * rejection of a config into an InvalidConfig status that names the fields; an invalid config is not pushed again
 * until the spec changes.
 */
final class ConfigPush {

  private static final Logger LOG = LoggerFactory.getLogger(ConfigPush.class);
  /** A just-pushed config may be read back stale from another worker for this long without pushing again. */
  static final Duration PUSH_SETTLE = Duration.ofSeconds(5);

  /**
   * What the push did.
   *
   * @param changed the keys whose live value differs from the desired one
   * @param wrote whether a PUT was made
   * @param invalidMessage the InvalidConfig message when Connect refuses the config (now or for this generation)
   * @param recheckAfter when to look again without an event (a stale read-back after our own push)
   */
  record Result(SortedSet<String> changed, boolean wrote, String invalidMessage, Duration recheckAfter) {
  }

  private final ConnectorSettings settings;
  private final ConnectorEvents events;

  ConfigPush(ConnectorSettings settings, ConnectorEvents events) {
    this.settings = settings;
    this.events = events;
  }

  /** Whether this operator pushed exactly {@code desired} moments ago (a differing read-back is then just stale). */
  boolean justPushed(SyncTarget target, Map<String, String> desired) {
    TrackedConnector.Pushed recent = target.tracked().pushed;
    return recent != null && recent.config().equals(desired)
        && settings.clock().instant().isBefore(recent.at().plus(PUSH_SETTLE));
  }

  void recordPushed(SyncTarget target, Map<String, String> desired) {
    target.tracked().pushed = new TrackedConnector.Pushed(desired, settings.clock().instant());
  }

  Result push(SyncTarget target, KafkaConnectorStatus status, Map<String, String> desired, ConnectorView view) {
    SortedSet<String> changed = DesiredConfig.changedKeys(desired, view.config());
    if (changed.isEmpty()) {
      return new Result(changed, false, null, null);
    }
    if (invalidForThisGeneration(target)) {
      return new Result(changed, false, Conditions.ready(target.previous().getConditions()).message(), null);
    }
    if (justPushed(target, desired)) {
      return new Result(changed, false, null, Duration.ofSeconds(1));
    }
    try {
      target.client().putConfig(target.name(), desired);
    } catch (ConnectRestException e) {
      InvalidConfigs.Rejection rejection = InvalidConfigs.rejection(e, target.client(),
          target.resource().getSpec().getConnectorClass(), desired).orElseThrow(() -> e);
      KafkaConnectorStatus invalid = rejected(target, status, desired, rejection);
      return new Result(changed, false, Conditions.ready(invalid.getConditions()).message(), null);
    }
    recordPushed(target, desired);
    LOG.info("Updated config of connector {} (keys changed: {})", target.name(), changed);
    events.normal(target.resource(), ConnectorEvents.CONFIG_UPDATED, "Updated config (keys changed: "
        + String.join(", ", changed) + ")");
    return new Result(changed, true, null, null);
  }

  /** Connect refused {@code desired}: the status says which fields and why (secrets redacted), with one event. */
  KafkaConnectorStatus rejected(SyncTarget target, KafkaConnectorStatus status, Map<String, String> desired,
                                InvalidConfigs.Rejection rejection) {
    String message = InvalidConfigs.describe(target.client(), target.resource().getSpec().getConnectorClass(),
        desired, target.secrets(), rejection);
    Instant now = settings.clock().instant();
    status.setConditions(Conditions.withReady(status.getConditions(), false, Assessment.INVALID_CONFIG, message,
        target.generation(), now));
    Condition before = Conditions.ready(target.previous().getConditions());
    if (before == null || !Assessment.INVALID_CONFIG.equals(before.reason()) || !message.equals(before.message())) {
      LOG.info("Connect rejected the config of connector {}: {}", target.name(), message);
      events.warning(target.resource(), ConnectorEvents.INVALID_CONFIG, message);
    }
    return status;
  }

  /** An InvalidConfig for the current generation is final until the spec changes: pushing it again would fail again. */
  static boolean invalidForThisGeneration(SyncTarget target) {
    Condition ready = Conditions.ready(target.previous().getConditions());
    return ready != null && Assessment.INVALID_CONFIG.equals(ready.reason())
        && Objects.equals(ready.observedGeneration(), target.generation());
  }
}
