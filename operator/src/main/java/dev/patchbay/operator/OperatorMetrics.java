package dev.patchbay.operator;

import dev.patchbay.operator.process.LabeledCounter;
import dev.patchbay.operator.process.LabeledGauge;
import dev.patchbay.operator.process.LabeledHistogram;
import dev.patchbay.operator.process.MetricFamily;
import java.time.Duration;
import java.util.List;
import java.util.Map;

/**
 * The operator's metrics, served as Prometheus text on {@code /metrics}. One instance per operator; thread-safe.
 *
 * <p>Reconciliations (count, failures, duration) are recorded by the framework through
 * {@link dev.patchbay.operator.process.JosdkMetrics}, which {@link PatchbayOperator#create} wires in: reconcilers do
 * not call {@link #reconcile} themselves. They call {@link #restCall}, {@link #connectorsByState},
 * {@link #forgetCluster} and {@link #autoRestart}. A {@code cluster} label is {@code <namespace>/<name>} of the
 * KafkaConnect.
 */
public final class OperatorMetrics {

  public static final String OUTCOME_SUCCESS = "success";
  public static final String OUTCOME_FAILURE = "failure";

  private final LabeledCounter reconciliations = new LabeledCounter("patchbay_reconciliations_total",
      "Reconciliations that finished, by resource kind and outcome (success or failure).", "kind", "outcome");
  private final LabeledHistogram reconcileDuration = new LabeledHistogram("patchbay_reconcile_duration_seconds",
      "Time spent in one reconcile or cleanup, by controller and operation.", "controller", "operation");
  private final LabeledCounter restCalls = new LabeledCounter("patchbay_connect_rest_calls_total",
      "Calls to a Connect REST API, by cluster and outcome (e.g. ok, not_found, conflict, server_error, timeout).",
      "cluster", "outcome");
  private final LabeledHistogram restLatency = new LabeledHistogram("patchbay_connect_rest_call_duration_seconds",
      "Latency of calls to a Connect REST API, by cluster.", "cluster");
  private final LabeledGauge connectors = new LabeledGauge("patchbay_connectors",
      "Connectors by the state Connect reports (RUNNING, PAUSED, STOPPED, FAILED, UNASSIGNED, ...), by cluster.",
      "cluster", "state");
  private final LabeledCounter autoRestarts = new LabeledCounter("patchbay_connector_auto_restarts_total",
      "Automatic restarts of failed connectors or tasks, by cluster.", "cluster");
  private final LabeledGauge leader = new LabeledGauge("patchbay_leader",
      "1 while this operator replica holds the leader Lease (or runs without leader election), else 0.");

  private final List<MetricFamily<?>> families = List.of(
      reconciliations, reconcileDuration, restCalls, restLatency, connectors, autoRestarts, leader);

  /** A finished reconciliation of a resource of this kind. Called by the framework adapter. */
  public void reconcile(String kind, boolean failed) {
    reconciliations.increment(kind, failed ? OUTCOME_FAILURE : OUTCOME_SUCCESS);
  }

  /** How long one controller execution took ({@code operation}: reconcile or cleanup). */
  public void reconcileDuration(String controller, String operation, Duration duration) {
    reconcileDuration.observe(duration, controller, operation);
  }

  /** One call to a Connect REST API: its outcome and latency. */
  public void restCall(String cluster, String outcome, Duration latency) {
    restCalls.increment(cluster, outcome);
    restLatency.observe(latency, cluster);
  }

  /**
   * The number of connectors per Connect state on one cluster, as of the last poll; states absent from the map are
   * dropped for that cluster.
   */
  public void connectorsByState(String cluster, Map<String, Long> byState) {
    byState.forEach((state, count) -> connectors.set(count, cluster, state));
    connectors.retainOnly("cluster", cluster, "state", byState.keySet());
  }

  /** Drops the series of a cluster that no longer exists. */
  public void forgetCluster(String cluster) {
    for (MetricFamily<?> family : List.of(restCalls, restLatency, connectors, autoRestarts)) {
      family.remove("cluster", cluster);
    }
  }

  /** One automatic restart of a failed connector or task on this cluster. */
  public void autoRestart(String cluster) {
    autoRestarts.increment(cluster);
  }

  /** Whether this replica is the one reconciling. */
  public void leader(boolean isLeader) {
    leader.set(isLeader ? 1 : 0);
  }

  /** Reconciliations counted so far for this kind and outcome. */
  public double reconciliations(String kind, String outcome) {
    return reconciliations.value(kind, outcome);
  }

  /** Everything, in the Prometheus text exposition format 0.0.4. */
  public String scrape() {
    StringBuilder out = new StringBuilder();
    families.forEach(family -> family.write(out));
    return out.toString();
  }
}
