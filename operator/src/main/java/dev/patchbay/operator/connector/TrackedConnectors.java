package dev.patchbay.operator.connector;

import io.javaoperatorsdk.operator.processing.event.ResourceID;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.Consumer;

/** The {@link TrackedConnector} of every KafkaConnector seen, created on first use and released in one place. */
final class TrackedConnectors {

  private final Map<ResourceID, TrackedConnector> byId = new ConcurrentHashMap<>();
  private final Consumer<TrackedConnector> onRelease;

  /** {@code onRelease} gets each released connector once (the pollers stop watching it). */
  TrackedConnectors(Consumer<TrackedConnector> onRelease) {
    this.onRelease = onRelease;
  }

  TrackedConnector of(ResourceID id) {
    return byId.computeIfAbsent(id, TrackedConnector::new);
  }

  /** Forgets the connector and everything remembered for it. */
  void release(ResourceID id) {
    TrackedConnector gone = byId.remove(id);
    if (gone != null) {
      onRelease.accept(gone);
    }
  }

  int size() {
    return byId.size();
  }

  /** How many connectors wait for a follow-up (a topics fetch) the operator has scheduled. */
  long followUpsDue() {
    return byId.values().stream().filter(c -> c.topicsDue != null).count();
  }
}
