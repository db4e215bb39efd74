package dev.patchbay.operator.connector;

import dev.patchbay.operator.DaemonThreads;
import dev.patchbay.operator.OperatorMetrics;
import dev.patchbay.operator.api.KafkaConnector;
import dev.patchbay.operator.connect.ConnectClients;
import dev.patchbay.operator.connect.ConnectorView;
import io.javaoperatorsdk.operator.processing.event.Event;
import io.javaoperatorsdk.operator.processing.event.ResourceID;
import io.javaoperatorsdk.operator.processing.event.source.AbstractEventSource;
import io.javaoperatorsdk.operator.processing.event.source.controller.ResourceAction;
import io.javaoperatorsdk.operator.processing.event.source.controller.ResourceEvent;
import java.time.Duration;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.function.Supplier;

/**
 * The JOSDK event source behind cheap status: one {@link ClusterPoller} per Connect REST URL, each on its own thread
 * and triggering the reconcile of only those connectors whose view in the listing changed. A poller lives while a
 * connector of its cluster is tracked; when the last one goes, its thread, its listing and its metric series go too.
 */
final class ConnectPollers extends AbstractEventSource<Void, KafkaConnector> {

  static final String NAME = "connect-pollers";

  private final ConnectClients clients;
  private final Duration fast;
  private final Duration slow;
  private final Map<String, ClusterPoller> pollers = new ConcurrentHashMap<>();
  private final ScheduledExecutorService scheduler = Executors.newSingleThreadScheduledExecutor(
      DaemonThreads.named("patchbay-connect-poll-timer"));
  private final PollClock clock = PollClock.system(scheduler);

  private final OperatorMetrics metrics;

  ConnectPollers(ConnectClients clients, Duration fast, Duration slow, OperatorMetrics metrics) {
    super(Void.class, NAME);
    this.metrics = metrics;
    this.clients = clients;
    this.fast = fast;
    this.slow = slow;
  }

  /** The poller of a cluster, now watching this connector (and no longer any other cluster's). */
  ClusterPoller track(TrackedConnector connector, String url, String clusterKey, String connectorName) {
    String previous = connector.url;
    if (previous != null && !previous.equals(url)) {
      untrackFrom(previous, connector);
    }
    connector.url = url;
    connector.connectorName = connectorName;
    return pollers.compute(url, (u, existing) -> {
      ClusterPoller p = existing != null ? existing : newPoller(u, clusterKey);
      p.track(connector);
      return p;
    });
  }

  private ClusterPoller newPoller(String url, String clusterKey) {
    ExecutorService thread = Executors.newSingleThreadExecutor(
        DaemonThreads.named("patchbay-connect-poll " + clusterKey));
    return new ClusterPoller(url, clients.forUrl(url, clusterKey), fast, slow, clock, thread, this::trigger,
        byState -> metrics.connectorsByState(clusterKey, byState), () -> metrics.forgetCluster(clusterKey));
  }

  /** How many clusters are polled (for tests of state release). */
  int size() {
    return pollers.size();
  }

  /** The connectors of the cluster at {@code url} as last listed, if that listing is at most {@code maxAge} old. */
  Optional<Map<String, ConnectorView>> recentListing(String url, Duration maxAge) {
    ClusterPoller poller = pollers.get(url);
    ClusterPoller.Snapshot snapshot = poller == null ? null : poller.recent(maxAge);
    return snapshot == null ? Optional.empty() : Optional.of(snapshot.connectors());
  }

  void untrack(TrackedConnector connector) {
    String url = connector.url;
    connector.url = null;
    if (url != null) {
      untrackFrom(url, connector);
    }
  }

  /** Stops tracking; a poller left with nothing to track is closed and dropped, with its metric series. */
  private void untrackFrom(String url, TrackedConnector connector) {
    pollers.computeIfPresent(url, (u, poller) -> {
      poller.untrack(connector);
      if (poller.isIdle()) {
        poller.close();
        return null;
      }
      return poller;
    });
  }

  /**
   * {@code after} from now, hands JOSDK the resource {@code current} then gives, if any, as an event of its own kind
   * (JOSDK ignores a plain event for a resource it holds no state for).
   */
  void resourceEventLater(ResourceID id, Duration after, Supplier<Optional<KafkaConnector>> current) {
    clock.schedule(() -> current.get().ifPresent(resource -> {
      if (isRunning()) {
        getEventHandler().handleEvent(new ResourceEvent(ResourceAction.UPDATED, id, resource));
      }
    }), after);
  }

  private void trigger(ResourceID resource) {
    if (isRunning()) {
      getEventHandler().handleEvent(new Event(resource));
    }
  }

  @Override
  public Set<Void> getSecondaryResources(KafkaConnector primary) {
    return Set.of();
  }

  @Override
  public void stop() {
    super.stop();
    pollers.values().forEach(ClusterPoller::close);
    scheduler.shutdownNow();
  }
}
