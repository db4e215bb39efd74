package dev.patchbay.operator.process;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import dev.patchbay.operator.OperatorSettings;
import dev.patchbay.testkit.apiserver.StrictApiServer;
import io.fabric8.kubernetes.api.model.ConfigMapBuilder;
import io.fabric8.kubernetes.client.KubernetesClient;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.Map;
import java.util.concurrent.atomic.AtomicReference;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** The operator process against the mock API server: HTTP endpoints and metrics from real reconciliations. */
class OperatorProcessTest {

  private static final HttpClient HTTP = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();

  private StrictApiServer api;
  private KubernetesClient client;
  private OperatorProcess process;

  @BeforeEach
  void startApiServer() {
    api = StrictApiServer.start();
    client = api.newClient("test");
  }

  @AfterEach
  void stop() {
    if (process != null) {
      process.close();
    }
    client.close();
    api.close();
  }

  private static ProcessSettings settings() {
    return ProcessSettings.fromEnv(Map.of("PATCHBAY_HTTP_PORT", "0"));
  }

  static HttpResponse<String> get(int port, String path) {
    try {
      return HTTP.send(HttpRequest.newBuilder(URI.create("http://localhost:" + port + path))
          .timeout(Duration.ofSeconds(5)).build(), HttpResponse.BodyHandlers.ofString());
    } catch (IOException e) {
      throw new java.io.UncheckedIOException(e);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IllegalStateException(e);
    }
  }

  @Test
  void healthzAnswersAtOnceAndReadyzOnceTheOperatorHasStarted() {
    process = new OperatorProcess(settings(), client, LeaseTimings.DEFAULT, ProbeReconciler::registerOn, () -> { });
    int port = process.httpPort();
    assertThat(get(port, "/healthz").statusCode()).isEqualTo(200);
    assertThat(get(port, "/readyz").statusCode()).isEqualTo(503);

    process.start();

    assertThat(get(port, "/readyz").statusCode()).isEqualTo(200);
    assertThat(get(port, "/healthz").body()).isEqualTo("ok\n");
    assertThat(get(port, "/nothing").statusCode()).isEqualTo(404);
  }

  @Test
  void metricsCountReconciliationsByKindAndOutcome() {
    AtomicReference<ProbeReconciler> probe = new AtomicReference<>();
    process = new OperatorProcess(settings(), client, LeaseTimings.DEFAULT,
        operator -> probe.set(ProbeReconciler.registerOn(operator)), () -> { }).start();
    int port = process.httpPort();

    HttpResponse<String> empty = get(port, "/metrics");
    assertThat(empty.statusCode()).isEqualTo(200);
    assertThat(empty.headers().firstValue("Content-Type")).hasValue(HttpEndpoints.PROMETHEUS_TEXT);
    assertThat(empty.body()).contains("patchbay_leader 1.0\n")
        .contains("patchbay_reconciliations_total{kind=\"ConfigMap\",outcome=\"success\"} 0.0\n")
        .contains("patchbay_reconciliations_total{kind=\"ConfigMap\",outcome=\"failure\"} 0.0\n");

    client.configMaps().resource(new ConfigMapBuilder().withNewMetadata().withName("good")
        .addToLabels(ProbeReconciler.LABEL, "x").endMetadata().addToData("fail", "false").build()).create();
    client.configMaps().resource(new ConfigMapBuilder().withNewMetadata().withName("bad")
        .addToLabels(ProbeReconciler.LABEL, "x").endMetadata().addToData("fail", "true").build()).create();
    client.configMaps().resource(new ConfigMapBuilder().withNewMetadata().withName("unlabelled").endMetadata()
        .build()).create();

    await().atMost(Duration.ofSeconds(20)).untilAsserted(() -> assertThat(get(port, "/metrics").body())
        .contains("patchbay_reconciliations_total{kind=\"ConfigMap\",outcome=\"success\"} 1.0\n")
        .contains("patchbay_reconciliations_total{kind=\"ConfigMap\",outcome=\"failure\"}")
        .contains("patchbay_reconcile_duration_seconds_count{controller=\"probe\",operation=\"reconcile\"}"));
    assertThat(probe.get().seen).containsExactlyInAnyOrder("good", "bad");
    await().atMost(Duration.ofSeconds(20)).until(() -> !probe.get().errors.isEmpty());
    assertThat((Throwable) probe.get().errors.get(0)).as("the reconciler's own exception, not one the metrics wrapped")
        .isInstanceOf(IllegalStateException.class).hasMessage("probe failure requested");
  }

  @Test
  void metricsAlsoHaveTheFrameworksAndTheJvms() {
    process = new OperatorProcess(settings(), client, LeaseTimings.DEFAULT, ProbeReconciler::registerOn, () -> { })
        .start();
    client.configMaps().resource(new ConfigMapBuilder().withNewMetadata().withName("one")
        .addToLabels(ProbeReconciler.LABEL, "x").endMetadata().build()).create();

    await().atMost(Duration.ofSeconds(20)).untilAsserted(() -> assertThat(get(process.httpPort(), "/metrics").body())
        .contains("operator_sdk_reconciliations_success_total{kind=\"ConfigMap\",scope=\"namespace\",version=\"v1\"} 1.0\n")
        .contains("# TYPE operator_sdk_events_received_total counter\n")
        .contains("# TYPE jvm_memory_used_bytes gauge\n")
        .contains("# TYPE jvm_gc_pause_seconds summary\n")
        .contains("# TYPE jvm_threads_live_threads gauge\n")
        .contains("# TYPE system_cpu_count gauge\n")
        .contains("# TYPE jvm_classes_loaded_classes gauge\n"));
  }

  @Test
  void closedProcessIsNotReady() {
    process = new OperatorProcess(settings(), client, LeaseTimings.DEFAULT, o -> { }, () -> { }).start();
    assertThat(process.isReady()).isTrue();
    process.close();
    assertThat(process.isReady()).isFalse();
    process.close();
  }

  @Test
  void watchedNamespacesComeFromTheSettings() {
    ProcessSettings settings = ProcessSettings.fromEnv(Map.of("PATCHBAY_HTTP_PORT", "0", "WATCH_NAMESPACES", "test"));
    assertThat(settings.operator()).isNotNull();
    assertThat(settings.operator().watchNamespaces()).containsExactly("test");
    assertThat(OperatorSettings.fromEnv(Map.of()).watchNamespaces()).isEmpty();
  }
}
