package dev.patchbay.operator.cluster;

import static dev.patchbay.operator.cluster.KafkaConnectOperatorTest.ready;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import dev.patchbay.operator.Naming;
import dev.patchbay.operator.OperatorSettings;
import dev.patchbay.operator.PatchbayOperator;
import dev.patchbay.operator.api.ConnectorPluginStatus;
import dev.patchbay.operator.api.KafkaConnect;
import dev.patchbay.operator.api.KafkaConnectSpec;
import dev.patchbay.operator.api.KafkaConnectStatus;
import dev.patchbay.operator.api.LogLevel;
import dev.patchbay.operator.api.Logging;
import dev.patchbay.operator.connect.ConnectClient;
import dev.patchbay.operator.connect.ConnectClients;
import dev.patchbay.operator.connect.RestCallListener;
import dev.patchbay.testkit.EmbeddedKafka;
import dev.patchbay.testkit.WorkerProcess;
import dev.patchbay.testkit.apiserver.StrictApiServer;
import io.fabric8.kubernetes.api.model.ConfigMap;
import io.fabric8.kubernetes.api.model.EnvVar;
import io.fabric8.kubernetes.api.model.ObjectMetaBuilder;
import io.fabric8.kubernetes.api.model.apps.Deployment;
import io.fabric8.kubernetes.api.model.apps.DeploymentStatusBuilder;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.javaoperatorsdk.operator.Operator;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.io.TempDir;

/**
 * The KafkaConnect reconciler against a real KRaft broker and real Connect workers (the worker-image distribution
 * run as processes), with the operator on the mock API server. No mock of the Connect REST API.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class KafkaConnectIT {

  private static final String NS = "data";
  private static final Duration WORKER_START = Duration.ofSeconds(120);
  private static final Duration STATUS = Duration.ofSeconds(60);

  /** In-cluster Service URL → the loopback URL of the worker process standing in for it. */
  private final Map<String, String> serviceUrls = new ConcurrentHashMap<>();
  private EmbeddedKafka kafka;
  private StrictApiServer api;
  private KubernetesClient client;
  private Operator operator;
  private ConnectClients rest;

  @BeforeAll
  void start() {
    kafka = EmbeddedKafka.start();
    api = StrictApiServer.start();
    client = api.newClient("test");
    OperatorSettings settings = OperatorSettings.defaults()
        .withRestUrlRewriter(url -> serviceUrls.getOrDefault(url, url))
        .withPollInterval(Duration.ofSeconds(1));
    operator = PatchbayOperator.create(client, settings);
    operator.start();
    rest = new ConnectClients(RestCallListener.NONE);
  }

  @AfterAll
  void stop() {
    rest.close();
    operator.stop();
    client.close();
    api.close();
    kafka.close();
  }

  @Test
  void externalClusterShowsVersionPluginsAndUnmanagedConnectors(@TempDir Path dir) throws IOException {
    try (WorkerProcess worker = WorkerProcess.builder().bootstrapServers(kafka.bootstrapServers()).start()
        .awaitReady(WORKER_START)) {
      Path input = Files.writeString(dir.resolve("input.txt"), "hello\n");
      rest.forUrl(worker.restUrl(), "test").create("legacy-source", Map.of(
          "connector.class", "FileStreamSource", "tasks.max", "1", "file", input.toString(), "topic", "legacy"),
          "RUNNING");

      KafkaConnect kc = new KafkaConnect();
      kc.setMetadata(new ObjectMetaBuilder().withName("legacy").withNamespace(NS).build());
      kc.setSpec(new KafkaConnectSpec());
      kc.getSpec().setRestUrl(worker.restUrl());
      client.resource(kc).create();

      await().atMost(STATUS).untilAsserted(() -> {
        KafkaConnectStatus status = client.resource(kc).get().getStatus();
        assertThat(status.getMode()).isEqualTo("external");
        assertThat(ready(status.getConditions()).reason()).isEqualTo("Ready");
        assertThat(status.getVersion()).isEqualTo("4.3.1");
        assertThat(status.getKafkaClusterId()).isNotBlank();
        assertThat(status.getConnectorPlugins()).extracting(ConnectorPluginStatus::className).contains(
            "org.apache.kafka.connect.file.FileStreamSourceConnector",
            "org.apache.kafka.connect.file.FileStreamSinkConnector");
        assertThat(status.getConnectors().unmanaged()).containsExactly("legacy-source");
        assertThat(status.getConnectors().managed()).isZero();
        assertThat(status.getReplicas()).isNull();
      });
      assertThat(client.apps().deployments().inNamespace(NS).list().getItems())
          .noneMatch(d -> d.getMetadata().getName().startsWith("legacy"));
    }
  }

  /**
   * A worker started from the ConfigMap and env the operator rendered (standing in for the pod), reached through
   * the rewritten Service URL: the rendered config is one a real worker runs on, the cluster turns Ready, and
   * spec.logging.loggers reach the worker live through /admin/loggers.
   */
  @Test
  void managedClusterRunsOnItsRenderedConfigAndGetsLoggerLevelsLive() throws IOException {
    KafkaConnect kc = new KafkaConnect();
    kc.setMetadata(new ObjectMetaBuilder().withName("live").withNamespace(NS).build());
    kc.setSpec(new KafkaConnectSpec());
    kc.getSpec().setBootstrapServers(kafka.bootstrapServers());
    kc.getSpec().setLogging(new Logging());
    kc.getSpec().getLogging().setLoggers(Map.of("org.apache.kafka.connect.runtime.rest", LogLevel.DEBUG));
    client.resource(kc).create();
    await().atMost(STATUS).until(() -> deployment("live") != null
        && client.configMaps().inNamespace(NS).withName(Naming.configMapName("live")).get() != null);

    Path configDir = Files.createTempDirectory("patchbay-live-config-");
    ConfigMap configMap = client.configMaps().inNamespace(NS).withName(Naming.configMapName("live")).get();
    for (Map.Entry<String, String> file : configMap.getData().entrySet()) {
      Files.writeString(configDir.resolve(file.getKey()), file.getValue());
    }
    var builder = WorkerProcess.builder().configDir(configDir);
    for (EnvVar env : deployment("live").getSpec().getTemplate().getSpec().getContainers().get(0).getEnv()) {
      if (env.getValue() != null && env.getName().matches("PATCHBAY_(LOG_LEVEL|METRICS_ENABLED|METRICS_PORT)")) {
        builder.env(env.getName(), env.getValue());
      }
    }
    builder.env("PATCHBAY_METRICS_PORT", Integer.toString(dev.patchbay.testkit.Ports.freePort()));
    try (WorkerProcess worker = builder.start().awaitReady(WORKER_START)) {
      serviceUrls.put(Naming.serviceRestUrl("live", NS), worker.restUrl());
      client.apps().deployments().inNamespace(NS).withName(Naming.deploymentName("live")).editStatus(d -> {
        d.setStatus(new DeploymentStatusBuilder().withReplicas(1).withReadyReplicas(1).build());
        return d;
      });

      await().atMost(STATUS).untilAsserted(() -> {
        KafkaConnectStatus status = client.resource(kc).get().getStatus();
        assertThat(ready(status.getConditions())).satisfies(c -> {
          assertThat(c.status()).isEqualTo("True");
          assertThat(c.message()).isEqualTo("1/1 workers ready, Kafka Connect 4.3.1");
        });
        assertThat(status.getReadyReplicas()).isEqualTo(1);
        assertThat(status.getConnectors().unmanaged()).isNull(); // none: left out, as the API server would
      });
      ConnectClient connect = rest.forUrl(worker.restUrl(), "test");
      await().atMost(STATUS).untilAsserted(() -> assertThat(connect.loggerLevels())
          .containsEntry("org.apache.kafka.connect.runtime.rest", "DEBUG"));

      // settled: further polls (1 s apart) find the status unchanged and write nothing
      String version = client.resource(kc).get().getMetadata().getResourceVersion();
      await().during(Duration.ofSeconds(3)).atMost(Duration.ofSeconds(10))
          .until(() -> client.resource(kc).get().getMetadata().getResourceVersion().equals(version));
    }
  }

  private Deployment deployment(String cluster) {
    return client.apps().deployments().inNamespace(NS).withName(Naming.deploymentName(cluster)).get();
  }
}
