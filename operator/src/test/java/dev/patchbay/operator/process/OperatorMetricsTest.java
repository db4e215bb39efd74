package dev.patchbay.operator.process;

import static org.assertj.core.api.Assertions.assertThat;

import dev.patchbay.operator.OperatorMetrics;
import java.time.Duration;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** The names, labels and types on {@code /metrics} are the ones the README's table lists. */
class OperatorMetricsTest {

  private final OperatorMetrics metrics = new OperatorMetrics();

  @Test
  void reconciliationsAreCountedByKindAndOutcome() {
    metrics.reconcile("KafkaConnector", false);
    metrics.reconcile("KafkaConnector", false);
    metrics.reconcile("KafkaConnector", true);
    assertThat(metrics.scrape())
        .contains("# TYPE patchbay_reconciliations_total counter\n")
        .contains("patchbay_reconciliations_total{kind=\"KafkaConnector\",outcome=\"failure\"} 1.0\n")
        .contains("patchbay_reconciliations_total{kind=\"KafkaConnector\",outcome=\"success\"} 2.0\n");
    assertThat(metrics.reconciliations("KafkaConnector", OperatorMetrics.OUTCOME_SUCCESS)).isEqualTo(2);
    assertThat(metrics.reconciliations("KafkaConnect", OperatorMetrics.OUTCOME_SUCCESS)).isZero();
  }

  @Test
  void aRegisteredReconcilersCountersStartAtZero() {
    metrics.reconcilerRegistered("KafkaConnect");
    assertThat(metrics.scrape())
        .contains("patchbay_reconciliations_total{kind=\"KafkaConnect\",outcome=\"failure\"} 0.0\n")
        .contains("patchbay_reconciliations_total{kind=\"KafkaConnect\",outcome=\"success\"} 0.0\n");
  }

  @Test
  void reconcileDurationIsAHistogramByControllerAndOperation() {
    metrics.reconcileDuration("kafkaconnectorreconciler", "reconcile", Duration.ofMillis(40));
    assertThat(metrics.scrape())
        .contains("# TYPE patchbay_reconcile_duration_seconds histogram\n")
        .contains("patchbay_reconcile_duration_seconds_bucket{controller=\"kafkaconnectorreconciler\","
            + "operation=\"reconcile\",le=\"0.025\"} 0\n")
        .contains("patchbay_reconcile_duration_seconds_bucket{controller=\"kafkaconnectorreconciler\","
            + "operation=\"reconcile\",le=\"0.05\"} 1\n")
        .contains("patchbay_reconcile_duration_seconds_sum{controller=\"kafkaconnectorreconciler\","
            + "operation=\"reconcile\"} 0.04\n")
        .contains("patchbay_reconcile_duration_seconds_count{controller=\"kafkaconnectorreconciler\","
            + "operation=\"reconcile\"} 1\n");
  }

  @Test
  void restCallsHaveACounterAndALatencyHistogram() {
    metrics.restCall("data/my-connect", "ok", Duration.ofMillis(7));
    metrics.restCall("data/my-connect", "conflict", Duration.ofMillis(300));
    String text = metrics.scrape();
    assertThat(text)
        .contains("# TYPE patchbay_connect_rest_calls_total counter\n")
        .contains("patchbay_connect_rest_calls_total{cluster=\"data/my-connect\",outcome=\"ok\"} 1.0\n")
        .contains("patchbay_connect_rest_calls_total{cluster=\"data/my-connect\",outcome=\"conflict\"} 1.0\n")
        .contains("# TYPE patchbay_connect_rest_call_duration_seconds histogram\n")
        .contains("patchbay_connect_rest_call_duration_seconds_bucket{cluster=\"data/my-connect\",le=\"0.005\"} 0\n")
        .contains("patchbay_connect_rest_call_duration_seconds_bucket{cluster=\"data/my-connect\",le=\"0.01\"} 1\n")
        .contains("patchbay_connect_rest_call_duration_seconds_bucket{cluster=\"data/my-connect\",le=\"0.5\"} 2\n")
        .contains("patchbay_connect_rest_call_duration_seconds_bucket{cluster=\"data/my-connect\",le=\"30.0\"} 2\n")
        .contains("patchbay_connect_rest_call_duration_seconds_bucket{cluster=\"data/my-connect\",le=\"+Inf\"} 2\n")
        .contains("patchbay_connect_rest_call_duration_seconds_sum{cluster=\"data/my-connect\"} 0.307\n")
        .contains("patchbay_connect_rest_call_duration_seconds_count{cluster=\"data/my-connect\"} 2\n");
  }

  @Test
  void connectorsByStateReplacesTheClustersPreviousFigures() {
    metrics.connectorsByState("data/a", Map.of("RUNNING", 2L, "FAILED", 1L));
    metrics.connectorsByState("data/b", Map.of("PAUSED", 1L));
    metrics.connectorsByState("data/a", Map.of("RUNNING", 3L));
    String text = metrics.scrape();
    assertThat(text)
        .contains("# TYPE patchbay_connectors gauge\n")
        .contains("patchbay_connectors{cluster=\"data/a\",state=\"RUNNING\"} 3.0\n")
        .contains("patchbay_connectors{cluster=\"data/b\",state=\"PAUSED\"} 1.0\n")
        .doesNotContain("state=\"FAILED\"");
  }

  @Test
  void forgottenClusterDisappears() {
    metrics.autoRestart("data/a");
    metrics.restCall("data/a", "ok", Duration.ofMillis(1));
    metrics.connectorsByState("data/a", Map.of("RUNNING", 1L));
    metrics.autoRestart("data/b");
    metrics.restCall("data/b", "ok", Duration.ofMillis(1));
    assertThat(metrics.scrape()).contains("data/a");

    metrics.forgetCluster("data/a");

    assertThat(metrics.scrape()).doesNotContain("data/a")
        .contains("# TYPE patchbay_connector_auto_restarts_total counter\n")
        .contains("patchbay_connector_auto_restarts_total{cluster=\"data/b\"} 1.0\n")
        .contains("patchbay_connect_rest_call_duration_seconds_count{cluster=\"data/b\"} 1\n");
  }

  @Test
  void forgottenClusterThatComesBackStartsFromZero() {
    metrics.connectorsByState("data/a", Map.of("RUNNING", 4L));
    metrics.autoRestart("data/a");
    metrics.forgetCluster("data/a");
    metrics.connectorsByState("data/a", Map.of("RUNNING", 1L));
    metrics.autoRestart("data/a");
    assertThat(metrics.scrape())
        .contains("patchbay_connectors{cluster=\"data/a\",state=\"RUNNING\"} 1.0\n")
        .contains("patchbay_connector_auto_restarts_total{cluster=\"data/a\"} 1.0\n");
  }

  @Test
  void labelValuesAreEscaped() {
    metrics.restCall("we\"ird\\name\n", "ok", Duration.ZERO);
    assertThat(metrics.scrape()).contains("cluster=\"we\\\"ird\\\\name\\n\"");
  }

  @Test
  void leaderGaugeHasNoLabels() {
    assertThat(metrics.scrape()).contains("# TYPE patchbay_leader gauge\npatchbay_leader 0.0\n");
    metrics.leader(true);
    assertThat(metrics.scrape()).contains("# TYPE patchbay_leader gauge\npatchbay_leader 1.0\n");
  }
}
