package dev.patchbay.operator.cluster;

import dev.patchbay.operator.DaemonThreads;
import dev.patchbay.operator.api.KafkaConnect;
import io.javaoperatorsdk.operator.processing.event.Event;
import io.javaoperatorsdk.operator.processing.event.ResourceID;
import io.javaoperatorsdk.operator.processing.event.source.AbstractEventSource;
import java.time.Duration;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;

/**
 * Reconciles a KafkaConnect a moment after KafkaConnectors of it were added, deleted or moved to another cluster, once
 * for the whole burst: {@code kubectl apply -f dir/} with 200 connectors costs one status write for the count in
 * {@code status.connectors}, not one per connector, and no KafkaConnect reconcile runs beside a connector's own
 * create. The count is for people; a few seconds late is fine.
 */
final class ConnectorCountTrigger extends AbstractEventSource<Void, KafkaConnect> {

  static final Duration DELAY = Duration.ofSeconds(3);

  private final Duration delay;
  private final Set<ResourceID> due = ConcurrentHashMap.newKeySet();
  private final ScheduledExecutorService timer = Executors.newSingleThreadScheduledExecutor(
      DaemonThreads.named("patchbay-connector-count"));

  ConnectorCountTrigger(Duration delay) {
    super(Void.class, "connector-count");
    this.delay = delay;
  }

  /** The KafkaConnectors of {@code cluster} changed: reconcile it after the delay, unless that is already due. */
  void countChanged(ResourceID cluster) {
    if (due.add(cluster)) {
      timer.schedule(() -> {
        due.remove(cluster);
        if (isRunning()) {
          getEventHandler().handleEvent(new Event(cluster));
        }
      }, delay.toMillis(), TimeUnit.MILLISECONDS);
    }
  }

  @Override
  public Set<Void> getSecondaryResources(KafkaConnect primary) {
    return Set.of();
  }

  @Override
  public void stop() {
    super.stop();
    timer.shutdownNow();
  }
}
