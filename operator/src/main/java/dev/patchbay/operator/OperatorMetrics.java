package dev.patchbay.operator;

import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Timer;
import io.micrometer.prometheusmetrics.PrometheusConfig;
import io.micrometer.prometheusmetrics.PrometheusMeterRegistry;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicLong;

/**
 * The operator's metrics: Micrometer meters in a Prometheus registry, served as Prometheus text on {@code /metrics}.
 * One instance per operator; thread-safe.
 *
 * <p>Meter names are Micrometer's dotted names, which the registry exposes as the names the README lists: a counter
 * {@code patchbay.reconciliations} becomes {@code patchbay_reconciliations_total}, a timer
 * {@code patchbay.reconcile.duration} the histogram {@code patchbay_reconcile_duration_seconds}.
 *
 * <p>Reconciliations (count, failures, duration) are recorded by the framework through {@link FrameworkMetrics},
 * which {@link PatchbayOperator#create} wires in together with JOSDK's own meters: reconcilers do not call
 * {@link #reconcile} themselves. They call {@link #restCall}, {@link #connectorsByState}, {@link #forgetCluster} and
 * {@link #autoRestart}. A {@code cluster} label is {@code <namespace>/<name>} of the KafkaConnect.
 */
public final class OperatorMetrics {

  public static final String OUTCOME_SUCCESS = "success";
  public static final String OUTCOME_FAILURE = "failure";

  static final String RECONCILIATIONS = "patchbay.reconciliations";
  static final String RECONCILE_DURATION = "patchbay.reconcile.duration";
  static final String REST_CALLS = "patchbay.connect.rest.calls";
  static final String REST_CALL_DURATION = "patchbay.connect.rest.call.duration";
  static final String CONNECTORS = "patchbay.connectors";
  static final String AUTO_RESTARTS = "patchbay.connector.auto.restarts";
  static final String LEADER = "patchbay.leader";

  /** The meters that carry a {@code cluster} tag, dropped by {@link #forgetCluster}. */
  private static final List<String> PER_CLUSTER = List.of(REST_CALLS, REST_CALL_DURATION, CONNECTORS, AUTO_RESTARTS);

  /**
   * Bucket upper bounds of the duration histograms, from 5 ms (a REST call on a warm worker) to 30 s (a timeout):
   * a dozen fixed buckets rather than Micrometer's seventy-odd percentile-histogram ones, per series.
   */
  private static final Duration[] BUCKETS = {Duration.ofMillis(5), Duration.ofMillis(10), Duration.ofMillis(25),
      Duration.ofMillis(50), Duration.ofMillis(100), Duration.ofMillis(250), Duration.ofMillis(500),
      Duration.ofSeconds(1), Duration.ofMillis(2500), Duration.ofSeconds(5), Duration.ofSeconds(10),
      Duration.ofSeconds(30)};

  private final PrometheusMeterRegistry registry = new PrometheusMeterRegistry(PrometheusConfig.DEFAULT);
  private final AtomicLong leader = new AtomicLong();
  /** What each {@code patchbay_connectors} gauge reads, by cluster and state. Guarded by {@code this}. */
  private final Map<String, Map<String, AtomicLong>> connectors = new ConcurrentHashMap<>();

  public OperatorMetrics() {
    Gauge.builder(LEADER, leader, AtomicLong::get)
        .description("1 while this operator replica holds the leader Lease (or runs without leader election), else 0.")
        .strongReference(true)
        .register(registry);
  }

  /** The registry, for meters of the framework and the JVM. */
  public MeterRegistry registry() {
    return registry;
  }

  /**
   * A reconciler of this kind is registered: its reconciliation counters start at 0, so the series exist before the
   * first reconciliation (a rate or an alert on failures sees 0, not nothing).
   */
  public void reconcilerRegistered(String kind) {
    reconciliations(kind, false);
    reconciliations(kind, true);
  }

  /** A finished reconciliation of a resource of this kind. Called by the framework adapter. */
  public void reconcile(String kind, boolean failed) {
    reconciliations(kind, failed).increment();
  }

  private Counter reconciliations(String kind, boolean failed) {
    return Counter.builder(RECONCILIATIONS)
        .description("Reconciliations that finished, by resource kind and outcome (success or failure).")
        .tag("kind", kind)
        .tag("outcome", failed ? OUTCOME_FAILURE : OUTCOME_SUCCESS)
        .register(registry);
  }

  /** How long one controller execution took ({@code operation}: reconcile or cleanup). */
  public void reconcileDuration(String controller, String operation, Duration duration) {
    histogram(RECONCILE_DURATION, "Time spent in one reconcile or cleanup, by controller and operation.")
        .tag("controller", controller)
        .tag("operation", operation)
        .register(registry).record(duration);
  }

  /** One call to a Connect REST API: its outcome and latency. */
  public void restCall(String cluster, String outcome, Duration latency) {
    Counter.builder(REST_CALLS)
        .description("Calls to a Connect REST API, by cluster and outcome (e.g. ok, not_found, conflict, "
            + "server_error, unreachable).")
        .tag("cluster", cluster)
        .tag("outcome", outcome)
        .register(registry).increment();
    histogram(REST_CALL_DURATION, "Latency of calls to a Connect REST API, by cluster.")
        .tag("cluster", cluster)
        .register(registry).record(latency);
  }

  /**
   * The number of connectors per Connect state on one cluster, as of the last poll; states absent from the map are
   * dropped for that cluster.
   */
  public synchronized void connectorsByState(String cluster, Map<String, Long> byState) {
    Map<String, AtomicLong> states = connectors.computeIfAbsent(cluster, c -> new ConcurrentHashMap<>());
    byState.forEach((state, count) -> states.computeIfAbsent(state, s -> connectorGauge(cluster, s)).set(count));
    states.keySet().removeIf(state -> {
      if (byState.containsKey(state)) {
        return false;
      }
      registry.find(CONNECTORS).tags("cluster", cluster, "state", state).meters().forEach(registry::remove);
      return true;
    });
  }

  private AtomicLong connectorGauge(String cluster, String state) {
    AtomicLong value = new AtomicLong();
    Gauge.builder(CONNECTORS, value, AtomicLong::get)
        .description("Connectors by the state Connect reports (RUNNING, PAUSED, STOPPED, FAILED, UNASSIGNED, ...), "
            + "by cluster.")
        .tag("cluster", cluster)
        .tag("state", state)
        .strongReference(true)
        .register(registry);
    return value;
  }

  /** Drops the series of a cluster that no longer exists: its meters leave the registry. */
  public synchronized void forgetCluster(String cluster) {
    connectors.remove(cluster);
    for (String name : PER_CLUSTER) {
      registry.find(name).tag("cluster", cluster).meters().forEach(registry::remove);
    }
  }

  /** One automatic restart of a failed connector or task on this cluster. */
  public void autoRestart(String cluster) {
    Counter.builder(AUTO_RESTARTS)
        .description("Automatic restarts of failed connectors or tasks, by cluster.")
        .tag("cluster", cluster)
        .register(registry).increment();
  }

  /** Whether this replica is the one reconciling. */
  public void leader(boolean isLeader) {
    leader.set(isLeader ? 1 : 0);
  }

  /** Reconciliations counted so far for this kind and outcome. */
  public double reconciliations(String kind, String outcome) {
    Counter counter = registry.find(RECONCILIATIONS).tags("kind", kind, "outcome", outcome).counter();
    return counter == null ? 0 : counter.count();
  }

  /** Every meter, in the Prometheus text exposition format 0.0.4. */
  public String scrape() {
    return registry.scrape();
  }

  /** A timer exposed as a Prometheus histogram with {@link #BUCKETS} (_bucket, _sum, _count). */
  private static Timer.Builder histogram(String name, String description) {
    return Timer.builder(name).description(description).serviceLevelObjectives(BUCKETS);
  }
}
