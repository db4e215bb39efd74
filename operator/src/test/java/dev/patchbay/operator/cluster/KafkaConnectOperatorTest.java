package dev.patchbay.operator.cluster;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.awaitility.Awaitility.await;

import dev.patchbay.operator.Conditions;
import dev.patchbay.operator.Naming;
import dev.patchbay.operator.OperatorSettings;
import dev.patchbay.operator.PatchbayOperator;
import dev.patchbay.operator.api.Condition;
import dev.patchbay.operator.api.ConnectPlugin;
import dev.patchbay.operator.api.KafkaConnect;
import dev.patchbay.operator.api.KafkaConnectSpec;
import dev.patchbay.operator.api.KafkaConnector;
import dev.patchbay.operator.api.KafkaConnectorSpec;
import dev.patchbay.operator.api.PluginArtifact;
import io.fabric8.kubernetes.api.model.HasMetadata;
import io.fabric8.kubernetes.api.model.ObjectMetaBuilder;
import io.fabric8.kubernetes.api.model.apps.Deployment;
import io.fabric8.kubernetes.api.model.apps.DeploymentStatusBuilder;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.KubernetesClientException;
import dev.patchbay.testkit.apiserver.StrictApiServer;
import io.javaoperatorsdk.operator.Operator;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.function.Consumer;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;

/**
 * The operator, as {@link PatchbayOperator#create} builds it, against the strict test API server.
 * There are no controllers in the mock: the test plays the Deployment controller by writing the Deployment status.
 * REST calls go to a closed loopback port (the rewriter), so a cluster with ready workers shows WorkersUnavailable.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS) // one operator for all tests: each uses its own cluster name
class KafkaConnectOperatorTest {

  private static final String NS = "data";

  private StrictApiServer api;
  private KubernetesClient client;
  private Operator operator;

  @BeforeAll
  void startOperator() {
    api = StrictApiServer.start();
    client = api.newClient("test");
    OperatorSettings settings = OperatorSettings.defaults()
        .withRestUrlRewriter(url -> "http://127.0.0.1:1")
        .withPollInterval(Duration.ofSeconds(2));
    operator = PatchbayOperator.create(client, settings);
    operator.start();
  }

  @AfterAll
  void stopOperator() {
    operator.stop();
    client.close();
    api.close();
  }

  @Test
  void managedClusterGetsExactlyItsOwnedObjectsWithOwnerReferences() {
    KafkaConnect kc = client.resource(kafkaConnect("my-connect")).create();

    await().untilAsserted(() -> assertThat(owned("my-connect")).hasSize(5));
    for (HasMetadata object : owned("my-connect")) {
      assertThat(object.getMetadata().getOwnerReferences()).singleElement().satisfies(ref -> {
        assertThat(ref.getUid()).isEqualTo(kc.getMetadata().getUid());
        assertThat(ref.getController()).isTrue();
      });
      assertThat(object.getMetadata().getLabels()).containsAllEntriesOf(Naming.clusterLabels("my-connect"));
    }
    assertThat(client.configMaps().inNamespace(NS).list().getItems()).extracting(o -> o.getMetadata().getName())
        .contains("my-connect-connect-config");
    assertThat(client.apps().deployments().inNamespace(NS).list().getItems())
        .filteredOn(d -> d.getMetadata().getName().startsWith("my-connect")).hasSize(1);

    await().untilAsserted(() -> {
      var status = client.resource(kc).get().getStatus();
      assertThat(status.getMode()).isEqualTo("managed");
      assertThat(status.getObservedGeneration()).isEqualTo(kc.getMetadata().getGeneration());
      assertThat(status.getReplicas()).isZero();
      assertThat(status.getReadyReplicas()).isZero();
      assertThat(status.getSelector()).isEqualTo("patchbay.dev/cluster=my-connect");
      assertThat(status.getRestUrl()).isEqualTo("http://my-connect-connect-api.data.svc:8083");
      assertThat(ready(status.getConditions())).satisfies(c -> {
        assertThat(c.status()).isEqualTo("False");
        assertThat(c.reason()).isEqualTo("Progressing");
        assertThat(c.message()).isEqualTo("0/1 workers ready");
      });
    });
  }

  @Test
  void handEditedObjectsArePutBack() {
    client.resource(kafkaConnect("edited")).create();
    await().untilAsserted(() -> assertThat(owned("edited")).hasSize(5));

    client.services().inNamespace(NS).withName("edited-connect-api")
        .edit(s -> {
          s.getSpec().getPorts().get(0).setPort(9999);
          return s;
        });
    client.apps().deployments().inNamespace(NS).withName("edited-connect")
        .edit(d -> {
          d.getSpec().setReplicas(7);
          return d;
        });
    client.configMaps().inNamespace(NS).withName("edited-connect-config")
        .edit(c -> {
          c.getData().put("worker.properties", "group.id=hijacked\n");
          return c;
        });

    await().untilAsserted(() -> {
      assertThat(client.services().inNamespace(NS).withName("edited-connect-api").get().getSpec().getPorts().get(0)
          .getPort()).isEqualTo(8083);
      assertThat(client.apps().deployments().inNamespace(NS).withName("edited-connect").get().getSpec()
          .getReplicas()).isEqualTo(1);
      assertThat(client.configMaps().inNamespace(NS).withName("edited-connect-config").get().getData()
          .get("worker.properties")).contains("group.id=data.edited");
    });
  }

  @Test
  void operatorOwnedWorkerKeyIsRefusedByTheApiServerWithoutItsValue() {
    KafkaConnect kc = kafkaConnect("bad");
    kc.getSpec().setConfig(Map.of("group.id", "mine", "key.converter", "x"));
    assertThatThrownBy(() -> client.resource(kc).create())
        .isInstanceOfSatisfying(KubernetesClientException.class, e -> {
          assertThat(e.getCode()).isEqualTo(422);
          assertThat(e.getStatus().getMessage()).contains("spec.config may not set keys that Patchbay owns")
              .doesNotContain("mine");
        });
    assertThat(client.resource(kc).get()).isNull();
    assertThat(owned("bad")).isEmpty();
  }

  @Test
  void bothModesAtOnceIsRefusedByTheApiServer() {
    KafkaConnect kc = kafkaConnect("both");
    kc.getSpec().setRestUrl("http://legacy:8083");
    assertThatThrownBy(() -> client.resource(kc).create())
        .isInstanceOfSatisfying(KubernetesClientException.class, e -> assertThat(e.getStatus().getMessage())
            .contains("set exactly one of bootstrapServers"));
    assertThat(owned("both")).isEmpty();
  }

  @Test
  void invalidSpecTheApiServerCannotSeeIsReportedAndNothingIsApplied() {
    KafkaConnect kc = kafkaConnect("twice");
    PluginArtifact jar = new PluginArtifact("https://example.com/x.jar", "0".repeat(128));
    kc.getSpec().setPlugins(List.of(new ConnectPlugin("jdbc", List.of(jar)), new ConnectPlugin("jdbc", List.of(jar))));
    client.resource(kc).create();

    await().untilAsserted(() -> assertThat(ready(client.resource(kc).get().getStatus().getConditions()))
        .satisfies(c -> {
          assertThat(c.status()).isEqualTo("False");
          assertThat(c.reason()).isEqualTo("InvalidSpec");
          assertThat(c.message()).contains("plugin jdbc is listed twice");
        }));
    assertThat(owned("twice")).isEmpty();
  }

  @Test
  void readyReplicasComeFromTheDeploymentStatus() {
    KafkaConnect kc = kafkaConnect("workers");
    kc.getSpec().setReplicas(2);
    client.resource(kc).create();
    await().until(() -> deployment("workers") != null);

    client.apps().deployments().inNamespace(NS).withName("workers-connect").editStatus(d -> {
      d.setStatus(new DeploymentStatusBuilder().withReplicas(2).withReadyReplicas(2).build());
      return d;
    });

    await().untilAsserted(() -> {
      var status = client.resource(kc).get().getStatus();
      assertThat(status.getReplicas()).isEqualTo(2);
      assertThat(status.getReadyReplicas()).isEqualTo(2);
      // workers report ready but their REST API is unreachable from here
      assertThat(ready(status.getConditions()).reason()).isEqualTo("WorkersUnavailable");
    });
  }

  @Test
  void configChangeRollsTheWorkersAndAReplicaChangeDoesNot() {
    KafkaConnect kc = client.resource(kafkaConnect("rolling")).create();
    await().until(() -> deployment("rolling") != null);
    String firstHash = configHash(deployment("rolling"));

    updateSpec(client, kc, spec -> {
      spec.setReplicas(3);
    });
    await().untilAsserted(() -> assertThat(deployment("rolling").getSpec().getReplicas()).isEqualTo(3));
    assertThat(configHash(deployment("rolling"))).isEqualTo(firstHash);

    updateSpec(client, kc, spec -> {
      spec.getConfig().put("offset.flush.interval.ms", "1000");
    });
    await().untilAsserted(() -> assertThat(configHash(deployment("rolling"))).isNotEqualTo(firstHash));
    assertThat(client.configMaps().inNamespace(NS).withName("rolling-connect-config").get().getData()
        .get("worker.properties")).contains("offset.flush.interval.ms=1000");
  }

  @Test
  void deletingTheClusterLeavesItsConnectorsNotReadyWithClusterNotFound() {
    KafkaConnect kc = client.resource(kafkaConnect("doomed")).create();
    KafkaConnector connector = new KafkaConnector();
    connector.setMetadata(new ObjectMetaBuilder().withName("orphan").withNamespace(NS).build());
    connector.setSpec(new KafkaConnectorSpec());
    connector.getSpec().setConnectCluster("doomed");
    connector.getSpec().setConnectorClass("FileStreamSource");
    client.resource(connector).create();
    await().untilAsserted(() -> assertThat(owned("doomed")).hasSize(5));

    client.resource(kc).delete();

    await().untilAsserted(() -> {
      KafkaConnector live = client.resource(connector).get();
      assertThat(live).as("the connector resource stays").isNotNull();
      assertThat(Conditions.ready(live.getStatus().getConditions())).isNotNull().satisfies(c -> {
        assertThat(c.status()).isEqualTo("False");
        assertThat(c.reason()).isEqualTo("ClusterNotFound");
      });
    });
    // the owned objects carry the owner reference a real API server garbage-collects them by (the mock has no GC)
    assertThat(owned("doomed")).allSatisfy(o -> assertThat(o.getMetadata().getOwnerReferences())
        .extracting(r -> r.getUid()).containsExactly(kc.getMetadata().getUid()));
  }

  private List<HasMetadata> owned(String cluster) {
    return Stream.<HasMetadata>of(
            client.configMaps().inNamespace(NS).withName(Naming.configMapName(cluster)).get(),
            deployment(cluster),
            client.services().inNamespace(NS).withName(Naming.serviceName(cluster)).get(),
            client.network().v1().networkPolicies().inNamespace(NS).withName(Naming.networkPolicyName(cluster)).get(),
            client.policy().v1().podDisruptionBudget().inNamespace(NS)
                .withName(Naming.podDisruptionBudgetName(cluster)).get())
        .filter(Objects::nonNull)
        .toList();
  }

  private Deployment deployment(String cluster) {
    return client.apps().deployments().inNamespace(NS).withName(Naming.deploymentName(cluster)).get();
  }

  private static String configHash(Deployment deployment) {
    return deployment.getSpec().getTemplate().getMetadata().getAnnotations().get(Naming.ANNOTATION_CONFIG_HASH);
  }

  /** Changes the spec of the latest version, retrying when the status was patched in between (409). */
  static void updateSpec(KubernetesClient client, KafkaConnect kc, Consumer<KafkaConnectSpec> change) {
    await().ignoreException(KubernetesClientException.class).until(() -> {
      KafkaConnect latest = client.resource(kc).get();
      change.accept(latest.getSpec());
      client.resource(latest).update();
      return true;
    });
  }

  static Condition ready(List<Condition> conditions) {
    Condition ready = Conditions.ready(conditions);
    assertThat(ready).as("Ready condition").isNotNull();
    return ready;
  }

  static KafkaConnect kafkaConnect(String name) {
    KafkaConnect kc = new KafkaConnect();
    kc.setMetadata(new ObjectMetaBuilder().withName(name).withNamespace(NS).build());
    KafkaConnectSpec spec = new KafkaConnectSpec();
    spec.setBootstrapServers("my-kafka:9092");
    kc.setSpec(spec);
    return kc;
  }
}
