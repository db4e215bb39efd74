package dev.patchbay.operator;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import dev.patchbay.operator.api.KafkaConnect;
import dev.patchbay.operator.api.KafkaConnector;
import dev.patchbay.operator.connect.RestCallListener;
import dev.patchbay.testkit.apiserver.StrictApiServer;
import io.fabric8.kubernetes.client.KubernetesClient;
import java.net.ServerSocket;
import java.time.Duration;
import java.util.Map;
import org.junit.jupiter.api.Test;

/**
 * What the operator keeps per Connect cluster (pollers and their threads, REST clients, probes, metric series) is
 * released when a KafkaConnect and its KafkaConnectors go: after 200 clusters come and go, everything is back to
 * where it started.
 */
class StateReleaseTest {

  private static final String NS = "release";
  private static final int CLUSTERS = Integer.getInteger("patchbay.test.clusters", 200);

  @Test
  void twoHundredClustersComeAndGoAndNothingIsLeftBehind() throws Exception {
    int closedPort;
    try (ServerSocket socket = new ServerSocket(0)) {
      closedPort = socket.getLocalPort(); // nothing listens there once closed: connection refused at once
    }
    try (StrictApiServer api = StrictApiServer.start(); KubernetesClient client = api.newClient(NS)) {
      PatchbayOperator.Parts parts = PatchbayOperator.build(client,
          OperatorSettings.defaults().withPollInterval(Duration.ofSeconds(2)), new OperatorMetrics(), o -> { },
          RestCallListener.NONE);
      parts.operator().start();
      try {
        Map<String, Integer> before = sizes(parts);
        long threadsBefore = pollThreads();
        for (int i = 0; i < CLUSTERS; i++) {
          KafkaConnect kc = new KafkaConnect();
          kc.getMetadata().setName("c" + i);
          kc.getMetadata().setNamespace(NS);
          kc.getSpec().setRestUrl("http://127.0.0.1:" + closedPort + "/c" + i);
          client.resource(kc).create();
          KafkaConnector connector = new KafkaConnector();
          connector.getMetadata().setName("k" + i);
          connector.getMetadata().setNamespace(NS);
          connector.getSpec().setConnectCluster("c" + i);
          connector.getSpec().setConnectorClass("FileStreamSource");
          client.resource(connector).create();
        }
        await().atMost(Duration.ofMinutes(2)).until(() -> client.resources(KafkaConnector.class).list().getItems()
            .stream().filter(c -> c.getStatus() != null && c.getStatus().getConditions() != null
                && c.getStatus().getConditions().stream().anyMatch(r -> "ClusterUnavailable".equals(r.reason())))
            .count() == CLUSTERS);
        Map<String, Integer> busy = sizes(parts);
        assertThat(busy.get("pollers")).isEqualTo(CLUSTERS);
        assertThat(busy.get("connectors")).isEqualTo(CLUSTERS);
        assertThat(busy.get("metricSeries")).isGreaterThan(before.get("metricSeries"));

        client.resources(KafkaConnector.class).delete();
        client.resources(KafkaConnect.class).delete();
        await().atMost(Duration.ofMinutes(2)).untilAsserted(() -> {
          assertThat(client.resources(KafkaConnector.class).list().getItems()).isEmpty();
          assertThat(sizes(parts)).as(() -> "series left: " + parts.metrics().scrape().lines()
              .filter(l -> !l.startsWith("#") && l.contains("cluster=\"")).limit(5).toList()).isEqualTo(before);
          assertThat(pollThreads()).isEqualTo(threadsBefore);
        });
      } finally {
        parts.operator().stop();
      }
    }
  }

  private static Map<String, Integer> sizes(PatchbayOperator.Parts parts) {
    long series = parts.metrics().scrape().lines().filter(l -> !l.startsWith("#") && l.contains("cluster=\""))
        .count();
    return Map.of("pollers", parts.connectors().polledClusters(), "connectors", parts.connectors().trackedConnectors(),
        "probes", parts.clusters().knownCount(),
        "restClients", parts.connectClients().size(), "metricSeries", (int) series);
  }

  private static long pollThreads() {
    return Thread.getAllStackTraces().keySet().stream().filter(Thread::isAlive)
        .filter(t -> t.getName().startsWith("patchbay-connect-poll ")).count();
  }
}
