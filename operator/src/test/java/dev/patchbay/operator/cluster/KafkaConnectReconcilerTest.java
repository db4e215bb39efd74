package dev.patchbay.operator.cluster;

import static dev.patchbay.operator.cluster.KafkaConnectOperatorTest.kafkaConnect;
import static dev.patchbay.operator.cluster.KafkaConnectOperatorTest.ready;
import static dev.patchbay.operator.cluster.KafkaConnectOperatorTest.updateSpec;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import dev.patchbay.operator.Conditions;
import dev.patchbay.operator.Naming;
import dev.patchbay.operator.OperatorSettings;
import dev.patchbay.operator.TestClock;
import dev.patchbay.operator.api.Condition;
import dev.patchbay.operator.api.ConnectorPluginStatus;
import dev.patchbay.operator.api.KafkaConnect;
import dev.patchbay.operator.api.KafkaConnectStatus;
import dev.patchbay.operator.api.KafkaConnector;
import dev.patchbay.operator.api.KafkaConnectorSpec;
import dev.patchbay.operator.api.LogLevel;
import dev.patchbay.operator.api.Logging;
import dev.patchbay.operator.connect.FakeConnectClient;
import dev.patchbay.testkit.apiserver.StrictApiServer;
import io.fabric8.kubernetes.api.model.Event;
import io.fabric8.kubernetes.api.model.ObjectMetaBuilder;
import io.fabric8.kubernetes.api.model.Pod;
import io.fabric8.kubernetes.api.model.PodStatus;
import io.fabric8.kubernetes.api.model.apps.DeploymentStatusBuilder;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.Watch;
import io.fabric8.kubernetes.client.Watcher;
import io.fabric8.kubernetes.client.WatcherException;
import io.javaoperatorsdk.operator.Operator;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;

/**
 * The KafkaConnect reconciler's status logic, run by JOSDK against the mock API server, with an in-memory
 * {@link FakeConnectClient} per cluster in place of the REST client and a clock the test moves.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class KafkaConnectReconcilerTest {

  private static final String NS = "data";

  private final TestClock clock = new TestClock(Instant.parse("2026-01-01T10:00:00Z"));
  private final Map<String, FakeConnectClient> fakes = new ConcurrentHashMap<>();
  private final Set<String> urls = ConcurrentHashMap.newKeySet();
  private StrictApiServer api;
  private KubernetesClient client;
  private Operator operator;

  @BeforeAll
  void startOperator() {
    api = StrictApiServer.start();
    client = api.newClient("test");
    OperatorSettings settings = OperatorSettings.defaults()
        .withRestUrlRewriter(url -> url.replace(".svc:8083", ".rewritten:8083"))
        .withPollInterval(Duration.ofMillis(500));
    operator = new Operator(o -> o.withKubernetesClient(client)
        .withUseSSAToPatchPrimaryResource(false)
        .withSSABasedCreateUpdateMatchForDependentResources(false)
        .withCloseClientOnStop(false));
    operator.register(new KafkaConnectReconciler(client, settings, (url, key) -> {
      urls.add(url);
      return fake(key.substring(key.indexOf('/') + 1));
    }, clock, Duration.ofMillis(500)));
    operator.start();
  }

  @AfterAll
  void stopOperator() {
    operator.stop();
    client.close();
    api.close();
  }

  @Test
  void managedClusterWithAllWorkersReadyIsReadyAndListsPluginsAndConnectors() {
    fake("ready").addConnector("mine");
    fake("ready").addConnector("legacy-x");
    client.resource(connector("mine", "ready")).create();
    client.resource(connector("elsewhere", "other-cluster")).create();
    KafkaConnect kc = client.resource(kafkaConnect("ready")).create();
    setReadyWorkers("ready", 1);

    await().untilAsserted(() -> {
      KafkaConnectStatus status = client.resource(kc).get().getStatus();
      assertThat(ready(status.getConditions())).satisfies(c -> {
        assertThat(c.status()).isEqualTo("True");
        assertThat(c.reason()).isEqualTo("Ready");
        assertThat(c.message()).isEqualTo("1/1 workers ready, Kafka Connect 4.3.1");
        assertThat(c.observedGeneration()).isEqualTo(1L);
      });
      assertThat(status.getVersion()).isEqualTo("4.3.1");
      assertThat(status.getKafkaClusterId()).isEqualTo("cluster-1");
      assertThat(status.getConnectorPlugins()).extracting(ConnectorPluginStatus::className).containsExactly(
          "org.apache.kafka.connect.file.FileStreamSinkConnector",
          "org.apache.kafka.connect.file.FileStreamSourceConnector");
      assertThat(status.getConnectors().managed()).isEqualTo(1);
      assertThat(status.getConnectors().unmanaged()).containsExactly("legacy-x");
    });
    assertThat(urls).contains("http://ready-connect-api.data.rewritten:8083");
  }

  @Test
  void aBurstOfNewConnectorsUpdatesTheManagedCountWithOneStatusWrite() throws Exception {
    KafkaConnect kc = client.resource(kafkaConnect("burst")).create();
    setReadyWorkers("burst", 1);
    await().until(() -> isReady(client.resource(kc).get()));
    List<String> writes = new CopyOnWriteArrayList<>();
    try (Watch watch = client.resources(KafkaConnect.class).inNamespace(NS).withName("burst")
        .watch(new Watcher<KafkaConnect>() {
          @Override
          public void eventReceived(Action action, KafkaConnect resource) {
            if (action == Action.MODIFIED) {
              writes.add(resource.getMetadata().getResourceVersion());
            }
          }

          @Override
          public void onClose(WatcherException cause) {
          }
        })) {
      for (int i = 0; i < 5; i++) {
        client.resource(connector("burst-" + i, "burst")).create();
      }
      await().untilAsserted(() -> assertThat(client.resource(kc).get().getStatus().getConnectors().managed())
          .isEqualTo(5));
      assertThat(writes).as("one status write for the whole burst").hasSize(1);
    }
  }

  @Test
  void loggerLevelsAreAppliedLiveOnlyWhereTheyDiffer() {
    fake("logs").loggers.put("org.apache.kafka.connect.runtime", "INFO");
    fake("logs").loggers.put("org.reflections", "ERROR");
    KafkaConnect kc = kafkaConnect("logs");
    kc.getSpec().setLogging(new Logging());
    kc.getSpec().getLogging().setLoggers(Map.of("org.apache.kafka.connect.runtime", LogLevel.DEBUG,
        "org.reflections", LogLevel.ERROR));
    client.resource(kc).create();
    setReadyWorkers("logs", 1);

    await().until(() -> fake("logs").loggerPuts.contains("org.apache.kafka.connect.runtime=DEBUG"));
    // several more polls (500 ms apart) find nothing to change
    await().during(Duration.ofSeconds(2)).atMost(Duration.ofSeconds(5))
        .until(() -> fake("logs").loggerPuts.size() == 1);
  }

  @Test
  void lastTransitionTimeIsKeptUntilTheConditionFlips() {
    KafkaConnect kc = client.resource(kafkaConnect("flip")).create();
    setReadyWorkers("flip", 1);
    await().until(() -> isReady(client.resource(kc).get()));
    String readySince = ready(client.resource(kc).get().getStatus().getConditions()).lastTransitionTime();
    assertThat(readySince).isEqualTo("2026-01-01T10:00:00Z");

    clock.advance(Duration.ofMinutes(5));
    updateSpec(client, kc, spec -> {
      spec.getConfig().put("offset.flush.interval.ms", "1000");
    });
    await().untilAsserted(() -> {
      Condition condition = ready(client.resource(kc).get().getStatus().getConditions());
      assertThat(condition.observedGeneration()).isEqualTo(2L);
      assertThat(condition.lastTransitionTime()).isEqualTo(readySince);
    });
    assertThat(client.resource(kc).get().getStatus().getObservedGeneration()).isEqualTo(2L);

    clock.advance(Duration.ofMinutes(5));
    fake("flip").down = true;
    await().untilAsserted(() -> {
      KafkaConnectStatus status = client.resource(kc).get().getStatus();
      assertThat(ready(status.getConditions())).satisfies(c -> {
        assertThat(c.status()).isEqualTo("False");
        assertThat(c.reason()).isEqualTo("WorkersUnavailable");
        assertThat(c.message()).contains("Connection refused");
        assertThat(c.lastTransitionTime()).isEqualTo("2026-01-01T10:10:00Z");
      });
      assertThat(status.getVersion()).as("last known version kept").isEqualTo("4.3.1");
    });
  }

  @Test
  void aConditionSetBySomeoneElseKeepsItsPlaceBeforeReady() {
    KafkaConnect kc = client.resource(kafkaConnect("foreign")).create();
    setReadyWorkers("foreign", 1);
    await().until(() -> isReady(client.resource(kc).get()));
    Condition custom = new Condition("Custom", "True", "Set", "by another controller", "2025-01-01T00:00:00Z", 1L);
    client.resources(KafkaConnect.class).inNamespace(NS).withName("foreign").editStatus(live -> {
      List<Condition> conditions = new ArrayList<>(live.getStatus().getConditions());
      conditions.add(0, custom);
      live.getStatus().setConditions(conditions);
      return live;
    });

    fake("foreign").down = true;
    await().untilAsserted(() -> {
      List<Condition> conditions = client.resource(kc).get().getStatus().getConditions();
      assertThat(conditions).extracting(Condition::type).containsExactly("Custom", "Ready");
      assertThat(conditions.get(0)).isEqualTo(custom);
      assertThat(conditions.get(1).reason()).isEqualTo("WorkersUnavailable");
    });
  }

  @Test
  void aConfigChangeIsProgressingUntilTheWorkersAreRolledOut() {
    KafkaConnect kc = client.resource(kafkaConnect("roll")).create();
    setReadyWorkers("roll", 1);
    await().until(() -> isReady(client.resource(kc).get()));

    String oldHash = configHash("roll");
    updateSpec(client, kc, spec -> spec.getConfig().put("offset.flush.interval.ms", "1000"));
    await().until(() -> !configHash("roll").equals(oldHash)); // the operator has written the new pod template
    long generation = client.apps().deployments().inNamespace(NS).withName("roll-connect").get().getMetadata()
        .getGeneration();
    // the Deployment controller has seen the new template; the old worker is still the ready one
    setWorkers("roll", new DeploymentStatusBuilder().withObservedGeneration(generation).withReplicas(2)
        .withReadyReplicas(1).withUpdatedReplicas(0).build());
    await().untilAsserted(() -> assertThat(ready(client.resource(kc).get().getStatus().getConditions()))
        .satisfies(c -> {
          assertThat(c.reason()).isEqualTo("Progressing");
          assertThat(c.message()).isEqualTo("rolling out: 0/1 workers updated, Kafka Connect 4.3.1");
        }));

    setWorkers("roll", new DeploymentStatusBuilder().withObservedGeneration(generation).withReplicas(1)
        .withReadyReplicas(1).withUpdatedReplicas(1).build());
    await().until(() -> isReady(client.resource(kc).get()));
  }

  @Test
  void aFailingPluginFetchOrWorkerIsTheReadyMessageWarnedOnceEachUntilFixed() {
    KafkaConnect kc = client.resource(kafkaConnect("pods")).create();
    await().until(() -> client.apps().deployments().inNamespace(NS).withName("pods-connect").get() != null);
    Pod pod = client.resource(workerPod("pods", "init-crashloop")).create();
    setPodStatus(pod, WorkerFailureTest.pod("init-crashloop").getStatus());

    await().untilAsserted(() -> assertThat(ready(client.resource(kc).get().getStatus().getConditions()))
        .satisfies(c -> {
          assertThat(c.status()).isEqualTo("False");
          assertThat(c.reason()).isEqualTo("PluginFetchFailed");
          assertThat(c.message()).isEqualTo(WorkerFailureTest.MISMATCH);
        }));
    // the kubelet retries: the same failure once more is no new event
    PodStatus retrying = WorkerFailureTest.pod("init-retrying").getStatus();
    setPodStatus(pod, retrying);
    retrying.getInitContainerStatuses().get(0).setRestartCount(5);
    setPodStatus(pod, retrying);
    await().during(Duration.ofSeconds(2)).atMost(Duration.ofSeconds(5))
        .until(() -> warnings("pods").size() == 1);
    assertThat(warnings("pods")).singleElement().satisfies(e -> {
      assertThat(e.getReason()).isEqualTo("PluginFetchFailed");
      assertThat(e.getMessage()).isEqualTo(WorkerFailureTest.MISMATCH);
    });

    setPodStatus(pod, WorkerFailureTest.pod("worker-crashloop").getStatus());
    await().untilAsserted(() -> assertThat(ready(client.resource(kc).get().getStatus().getConditions()))
        .satisfies(c -> {
          assertThat(c.reason()).isEqualTo("WorkerFailed");
          assertThat(c.message()).startsWith("org.apache.kafka.common.config.ConfigException: Invalid value for "
              + "configuration key.converter");
        }));
    await().until(() -> warnings("pods").size() == 2);

    setPodStatus(pod, WorkerFailureTest.pod("worker-recovered").getStatus());
    setReadyWorkers("pods", 1);
    await().until(() -> isReady(client.resource(kc).get()));
  }

  /** A worker pod of the cluster's current template, as the Deployment controller would create it. */
  private Pod workerPod(String cluster, String fixture) {
    Pod pod = WorkerFailureTest.pod(fixture);
    pod.setStatus(null);
    pod.getMetadata().setUid(null);
    pod.getMetadata().setCreationTimestamp(null);
    pod.getMetadata().setOwnerReferences(null);
    pod.getMetadata().setName(Naming.deploymentName(cluster) + "-7d9c6f5b8-x2k4q");
    pod.getMetadata().getLabels().putAll(Naming.clusterLabels(cluster));
    pod.getMetadata().getAnnotations().put(Naming.ANNOTATION_CONFIG_HASH, configHash(cluster));
    return pod;
  }

  /** Plays the kubelet. */
  private void setPodStatus(Pod pod, PodStatus status) {
    client.pods().inNamespace(NS).withName(pod.getMetadata().getName()).editStatus(p -> {
      p.setStatus(status);
      return p;
    });
  }

  private List<Event> warnings(String cluster) {
    return client.v1().events().inNamespace(NS).list().getItems().stream()
        .filter(e -> cluster.equals(e.getInvolvedObject().getName()) && "Warning".equals(e.getType()))
        .toList();
  }

  @Test
  void unchangedStatusIsNotWrittenAgain() {
    KafkaConnect kc = client.resource(kafkaConnect("quiet")).create();
    setReadyWorkers("quiet", 1);
    await().until(() -> isReady(client.resource(kc).get()));
    String version = client.resource(kc).get().getMetadata().getResourceVersion();

    await().during(Duration.ofSeconds(2)).atMost(Duration.ofSeconds(5))
        .until(() -> client.resource(kc).get().getMetadata().getResourceVersion().equals(version));
  }

  @Test
  void externalClusterIsProbedAndGetsNoWorkers() {
    fake("legacy").addConnector("old-one");
    KafkaConnect kc = kafkaConnect("legacy");
    kc.getSpec().setBootstrapServers(null);
    kc.getSpec().setRestUrl("http://legacy-connect.example:8083");
    client.resource(kc).create();

    await().untilAsserted(() -> {
      KafkaConnectStatus status = client.resource(kc).get().getStatus();
      assertThat(status.getMode()).isEqualTo("external");
      assertThat(status.getRestUrl()).isEqualTo("http://legacy-connect.example:8083");
      assertThat(status.getReplicas()).isNull();
      assertThat(ready(status.getConditions()).reason()).isEqualTo("Ready");
      assertThat(status.getConnectors().unmanaged()).containsExactly("old-one");
    });
    assertThat(urls).contains("http://legacy-connect.example:8083");
    assertThat(client.apps().deployments().inNamespace(NS).withName("legacy-connect").get()).isNull();
  }

  @Test
  void switchingToExternalModeRemovesTheWorkers() {
    KafkaConnect kc = client.resource(kafkaConnect("switch")).create();
    await().until(() -> client.apps().deployments().inNamespace(NS).withName("switch-connect").get() != null);

    updateSpec(client, kc, spec -> {
      spec.setBootstrapServers(null);
      spec.setRestUrl("http://switch-legacy:8083");
    });

    await().untilAsserted(() -> {
      assertThat(client.apps().deployments().inNamespace(NS).withName("switch-connect").get()).isNull();
      assertThat(client.configMaps().inNamespace(NS).withName(Naming.configMapName("switch")).get()).isNull();
      assertThat(client.services().inNamespace(NS).withName(Naming.serviceName("switch")).get()).isNull();
      assertThat(client.resource(kc).get().getStatus().getMode()).isEqualTo("external");
    });
  }

  private String configHash(String cluster) {
    return client.apps().deployments().inNamespace(NS).withName(Naming.deploymentName(cluster)).get().getSpec()
        .getTemplate().getMetadata().getAnnotations().get(Naming.ANNOTATION_CONFIG_HASH);
  }

  private FakeConnectClient fake(String cluster) {
    return fakes.computeIfAbsent(cluster, c -> new FakeConnectClient());
  }

  private void setReadyWorkers(String cluster, int ready) {
    setWorkers(cluster, new DeploymentStatusBuilder().withReplicas(ready).withReadyReplicas(ready).build());
  }

  /** Plays the Deployment controller (the mock has none). */
  private void setWorkers(String cluster, io.fabric8.kubernetes.api.model.apps.DeploymentStatus status) {
    await().until(() -> client.apps().deployments().inNamespace(NS).withName(Naming.deploymentName(cluster))
        .get() != null);
    client.apps().deployments().inNamespace(NS).withName(Naming.deploymentName(cluster)).editStatus(d -> {
      d.setStatus(status);
      return d;
    });
  }

  private static boolean isReady(KafkaConnect kc) {
    Condition condition = Conditions.ready(kc.getStatus().getConditions());
    return condition != null && condition.isTrue();
  }

  private static KafkaConnector connector(String name, String cluster) {
    KafkaConnector connector = new KafkaConnector();
    connector.setMetadata(new ObjectMetaBuilder().withName(name).withNamespace(NS).build());
    KafkaConnectorSpec spec = new KafkaConnectorSpec();
    spec.setConnectCluster(cluster);
    spec.setConnectorClass("FileStreamSource");
    connector.setSpec(spec);
    return connector;
  }
}
