package dev.patchbay.operator;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import dev.patchbay.operator.api.Condition;
import dev.patchbay.operator.api.KafkaConnect;
import dev.patchbay.operator.api.KafkaConnector;
import dev.patchbay.testkit.apiserver.StrictApiServer;
import dev.patchbay.testkit.apiserver.StrictCrudDispatcher.Write;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.javaoperatorsdk.operator.Operator;
import java.time.Duration;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;

/**
 * What the operator writes to the API server, read from the strict test API server's write log (what a real server's
 * audit log shows): every write accepted (no 4xx), the status of both kinds written through {@code /status} whether
 * or not a status exists yet, the finalizer added with one write, and nothing written again once settled.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class ApiWritesTest {

  private static final String NS = "writes";
  private static final String KC_PATH = "/apis/patchbay.dev/v1alpha1/namespaces/" + NS + "/kafkaconnects/";
  private static final String KCTR_PATH = "/apis/patchbay.dev/v1alpha1/namespaces/" + NS + "/kafkaconnectors/";

  private StrictApiServer api;
  private KubernetesClient client;
  private Operator operator;

  @BeforeAll
  void start() {
    api = StrictApiServer.start();
    client = api.newClient(NS);
    operator = PatchbayOperator.create(client, OperatorSettings.defaults().withPollInterval(Duration.ofSeconds(2)));
    operator.start();
  }

  @AfterAll
  void stop() {
    operator.stop();
    client.close();
    api.close();
  }

  @Test
  void externalClusterGetsItsStatusOnTheFirstWrite() {
    KafkaConnect kc = new KafkaConnect();
    kc.getMetadata().setName("unreachable");
    kc.getMetadata().setNamespace(NS);
    kc.getSpec().setRestUrl("http://127.0.0.1:1");
    client.resource(kc).create();

    await().atMost(Duration.ofSeconds(20)).until(() -> {
      KafkaConnect current = client.resources(KafkaConnect.class).withName("unreachable").get();
      return current.getStatus() != null && ready(current.getStatus().getConditions()).isPresent();
    });
    KafkaConnect seen = client.resources(KafkaConnect.class).withName("unreachable").get();
    assertThat(seen.getStatus().getObservedGeneration()).isEqualTo(1L);
    assertThat(seen.getStatus().getMode()).isEqualTo("external");

    List<Write> statusWrites = writesTo(KC_PATH + "unreachable/status");
    assertThat(statusWrites).isNotEmpty().allSatisfy(w -> assertThat(w.code()).as(w.toString()).isLessThan(300));
    assertThat(writesTo(KC_PATH + "unreachable")).as("a KafkaConnect's own metadata and spec are never written")
        .isEmpty();
  }

  @Test
  void connectorGetsOneFinalizerWriteAndItsStatusWithoutConflicts() {
    KafkaConnector connector = new KafkaConnector();
    connector.getMetadata().setName("orphan");
    connector.getMetadata().setNamespace(NS);
    connector.getSpec().setConnectCluster("no-such-cluster");
    connector.getSpec().setConnectorClass("FileStreamSource");
    client.resource(connector).create();

    await().atMost(Duration.ofSeconds(20)).until(() -> {
      KafkaConnector c = client.resources(KafkaConnector.class).withName("orphan").get();
      return c.getStatus() != null && ready(c.getStatus().getConditions())
          .filter(r -> "ClusterNotFound".equals(r.reason())).isPresent();
    });
    KafkaConnector seen = client.resources(KafkaConnector.class).withName("orphan").get();
    assertThat(seen.getMetadata().getFinalizers()).containsExactly(Naming.CONNECTOR_FINALIZER);

    List<Write> objectWrites = writesTo(KCTR_PATH + "orphan");
    assertThat(objectWrites).as("the finalizer is added with one write, accepted").hasSize(1)
        .allSatisfy(w -> assertThat(w.code()).as(w.toString()).isLessThan(300));
    assertThat(objectWrites.get(0).body()).contains(Naming.CONNECTOR_FINALIZER);
    assertThat(writesTo(KCTR_PATH + "orphan/status"))
        .allSatisfy(w -> assertThat(w.code()).as(w.toString()).isLessThan(300));

    // settled: nothing more is written to it over the next poll intervals (2 s each)
    int before = writesTo(KCTR_PATH + "orphan").size() + writesTo(KCTR_PATH + "orphan/status").size();
    await().during(Duration.ofSeconds(5)).atMost(Duration.ofSeconds(7)).until(() ->
        writesTo(KCTR_PATH + "orphan").size() + writesTo(KCTR_PATH + "orphan/status").size() == before);
  }

  private List<Write> writesTo(String path) {
    return api.dispatcher().writes().stream().filter(w -> w.path().equals(path) || w.path().startsWith(path + "?"))
        .toList();
  }

  private static Optional<Condition> ready(List<Condition> conditions) {
    return conditions == null ? Optional.empty()
        : conditions.stream().filter(c -> "Ready".equals(c.type())).findFirst();
  }
}
