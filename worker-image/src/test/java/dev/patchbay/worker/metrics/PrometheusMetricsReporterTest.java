package dev.patchbay.worker.metrics;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import org.apache.kafka.common.MetricName;
import org.apache.kafka.common.metrics.Gauge;
import org.apache.kafka.common.metrics.MetricConfig;
import org.apache.kafka.common.metrics.Metrics;
import org.apache.kafka.common.metrics.Sensor;
import org.apache.kafka.common.metrics.stats.CumulativeSum;
import org.apache.kafka.common.metrics.stats.Rate;
import org.junit.jupiter.api.Test;

class PrometheusMetricsReporterTest {

  @Test
  void namesDropTheConnectPrefixAndMetricsSuffixOfTheGroup() {
    assertThat(PrometheusText.name("connect-worker-metrics", "connector-count")).isEqualTo("kafka_connect_worker_connector_count");
    assertThat(PrometheusText.name("source-task-metrics", "source-record-poll-total"))
        .isEqualTo("kafka_connect_source_task_source_record_poll_total");
    assertThat(PrometheusText.name("connect-worker-rebalance-metrics", "rebalancing"))
        .isEqualTo("kafka_connect_worker_rebalance_rebalancing");
    assertThat(PrometheusText.name("connect-metrics", "x.y")).isEqualTo("kafka_connect_x_y");
  }

  @Test
  void numbersStringsAndCountersAreFormattedAsPrometheusText() {
    try (Metrics metrics = new Metrics()) {
      Sensor polled = metrics.sensor("polled");
      polled.add(metrics.metricName("source-record-poll-total", "source-task-metrics", "records polled",
          Map.of("connector", "file-source", "task", "0")), new CumulativeSum());
      polled.add(metrics.metricName("source-record-poll-rate", "source-task-metrics", "",
          Map.of("connector", "file-source", "task", "0")), new Rate());
      polled.record(3);
      metrics.addMetric(metrics.metricName("status", "connector-metrics", "the \"state\"", Map.of("connector", "a\"b")),
          (Gauge<String>) (config, now) -> "running");
      metrics.addMetric(metrics.metricName("connector-count", "connect-worker-metrics", "", Map.of()),
          (Gauge<Integer>) (config, now) -> 2);

      String text = PrometheusText.format(metrics.metrics().values());

      assertThat(text)
          .contains("# HELP kafka_connect_source_task_source_record_poll_total records polled\n"
              + "# TYPE kafka_connect_source_task_source_record_poll_total counter\n"
              + "kafka_connect_source_task_source_record_poll_total{connector=\"file-source\",task=\"0\"} 3\n")
          .contains("# TYPE kafka_connect_source_task_source_record_poll_rate gauge\n")
          .contains("kafka_connect_connector_status{connector=\"a\\\"b\",value=\"running\"} 1\n")
          .contains("# TYPE kafka_connect_worker_connector_count gauge\nkafka_connect_worker_connector_count 2\n");
    }
  }

  @Test
  void reportersShareOneEndpointThatServesOnlyConnectGroupsAndStopsWithTheLast() throws Exception {
    try (Metrics metrics = new Metrics(new MetricConfig(), List.of(), org.apache.kafka.common.utils.Time.SYSTEM)) {
      MetricName connectors = metrics.metricName("connector-count", "connect-worker-metrics", "", Map.of());
      MetricName producer = metrics.metricName("record-send-total", "producer-metrics", "", Map.of());
      metrics.addMetric(connectors, (Gauge<Integer>) (c, n) -> 1);
      metrics.addMetric(producer, (Gauge<Integer>) (c, n) -> 5);

      PrometheusMetricsReporter first = new PrometheusMetricsReporter();
      first.configure(Map.of(PrometheusMetricsReporter.PORT_CONFIG, "0", PrometheusMetricsReporter.HOST_CONFIG, "127.0.0.1"));
      first.init(List.copyOf(metrics.metrics().values()));
      int port = first.boundPort();
      PrometheusMetricsReporter second = new PrometheusMetricsReporter();
      second.configure(Map.of(PrometheusMetricsReporter.PORT_CONFIG, "0", PrometheusMetricsReporter.HOST_CONFIG, "127.0.0.1"));
      second.init(List.of());
      assertThat(second.boundPort()).isEqualTo(port);

      HttpClient http = HttpClient.newHttpClient();
      HttpResponse<String> response = http.send(HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port + "/metrics"))
          .timeout(Duration.ofSeconds(5)).build(), HttpResponse.BodyHandlers.ofString());
      assertThat(response.statusCode()).isEqualTo(200);
      assertThat(response.headers().firstValue("Content-Type")).contains(PrometheusText.CONTENT_TYPE);
      assertThat(response.body()).contains("kafka_connect_worker_connector_count 1").doesNotContain("record_send");

      first.metricRemoval(metrics.metric(connectors));
      assertThat(http.send(HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port + "/metrics")).build(),
          HttpResponse.BodyHandlers.ofString()).body()).doesNotContain("connector_count");

      first.close();
      assertThat(http.send(HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port + "/")).build(),
          HttpResponse.BodyHandlers.ofString()).statusCode()).isEqualTo(200);
      second.close();
      assertThat(second.boundPort()).isEqualTo(-1);
    }
  }
}
