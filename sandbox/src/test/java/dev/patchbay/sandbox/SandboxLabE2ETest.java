package dev.patchbay.sandbox;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import com.fasterxml.jackson.databind.JsonNode;
import dev.patchbay.operator.Naming;
import dev.patchbay.sandbox.runtime.LocalDeploymentRuntime;
import io.fabric8.kubernetes.api.model.GenericKubernetesResource;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.stream.Collectors;
import org.awaitility.core.ConditionFactory;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestMethodOrder;
import org.junit.jupiter.api.io.TempDir;

/**
 * The classic Kafka Connect lab, end to end through the sandbox and only through resources: real broker, real
 * workers (the worker distribution as processes), the real operator, the embedded Kubernetes API. One sandbox for
 * the whole class; the tests build on each other in order.
 */
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class SandboxLabE2ETest {

  static final String CLUSTER = "my-connect";
  static Sandbox sandbox;
  static Lab lab;
  static Path source;
  static Path sink;
  @TempDir
  static Path dir;

  @BeforeAll
  static void startSandbox() throws Exception {
    Lab.assumeWorkerDistribution();
    Path quickstart = Path.of(System.getProperty("patchbay.repo.root", "."), "examples", "quickstart");
    sandbox = Sandbox.start(SandboxOptions.defaults().withWorkDir(dir).withNamespace("lab")
        .withPollInterval(Duration.ofSeconds(2)));
    sandbox.apply(Files.isDirectory(quickstart) ? List.of(quickstart) : List.of());
    lab = new Lab(sandbox);
    source = lab.dataFile("file-source");
    sink = lab.dataFile("file-sink");
  }

  @AfterAll
  static void stopSandbox() {
    if (sandbox != null) {
      sandbox.close();
    }
  }

  static ConditionFactory eventually() {
    return await().atMost(Duration.ofSeconds(120)).pollInterval(Duration.ofMillis(200));
  }

  @Test
  @Order(1)
  void workersComeUpAndAnswerThroughTheService() {
    eventually().untilAsserted(() -> {
      JsonNode kc = Lab.json(lab.connect(CLUSTER));
      assertThat(Lab.ready(lab.connect(CLUSTER))).as("Ready: %s", kc.path("status")).isTrue();
      assertThat(kc.path("status").path("readyReplicas").asInt()).isEqualTo(1);
    });
    Lab.Response root = lab.get(CLUSTER, "/");
    assertThat(root.status()).isEqualTo(200);
    assertThat(root.body().path("version").asText()).isNotBlank();
    eventually().untilAsserted(() -> assertThat(
        Lab.json(lab.connect(CLUSTER)).path("status").path("connectorPlugins").findValuesAsText("class"))
        .anySatisfy(c -> assertThat(c).contains("FileStreamSource"))
        .anySatisfy(c -> assertThat(c).contains("FileStreamSink")));
  }

  @Test
  @Order(2)
  void sourceConnectorRunsAndTheLinesReachTheTopic() {
    eventually().untilAsserted(() -> {
      JsonNode status = Lab.json(lab.connector("file-source")).path("status");
      assertThat(status.path("state").asText()).isEqualTo("RUNNING");
      assertThat(status.path("tasks").path(0).path("id").asInt()).isZero();
      assertThat(status.path("tasks").path(0).path("state").asText()).isEqualTo("RUNNING");
      assertThat(Lab.ready(lab.connector("file-source"))).isTrue();
    });
    List<String> values = sandbox.kafka().readValues("file-topic", 3, Duration.ofSeconds(60));
    assertThat(values).containsExactlyElementsOf(ResourceApplier.SOURCE_LINES);
  }

  @Test
  @Order(3)
  void sinkConnectorWritesTheLinesToTheSinkFile() {
    eventually().untilAsserted(() -> {
      assertThat(Lab.ready(lab.connector("file-sink"))).isTrue();
      assertThat(Lab.lines(sink)).containsExactlyElementsOf(ResourceApplier.SOURCE_LINES);
    });
  }

  @Test
  @Order(4)
  void appendedLinesReachTheSinkFile() {
    Lab.append(source, "line four", "line five");
    eventually().untilAsserted(() -> assertThat(Lab.lines(sink)).hasSize(5).endsWith("line four", "line five"));
  }

  @Test
  @Order(5)
  void listShowsBothConnectorsWithTheirStates() {
    Map<String, String> states = lab.connectors().stream().collect(Collectors.toMap(
        c -> c.getMetadata().getName(), c -> String.valueOf((Object) c.get("status", "state"))));
    assertThat(states).containsEntry("file-source", "RUNNING").containsEntry("file-sink", "RUNNING");
  }

  @Test
  @Order(6)
  void specAndConnectsLiveConfigAgree() {
    Map<String, String> spec = Lab.stringMap(Lab.json(lab.connector("file-source")).path("spec").path("config"));
    Lab.Response live = lab.get(CLUSTER, "/connectors/file-source/config");
    assertThat(live.status()).isEqualTo(200);
    Map<String, String> liveConfig = Lab.stringMap(live.body());
    assertThat(liveConfig).containsAllEntriesOf(spec).containsEntry("tasks.max", "1")
        .containsEntry("name", "file-source");
    assertThat(liveConfig.get("connector.class")).contains("FileStreamSource");
  }

  @Test
  @Order(7)
  void pausedConnectorStopsTheFlowAndResumingRestartsIt() {
    Lab.mergePatch(lab.connector("file-source"), "{\"spec\":{\"state\":\"paused\"}}");
    eventually().untilAsserted(() -> {
      assertThat(Lab.json(lab.connector("file-source")).path("status").path("state").asText()).isEqualTo("PAUSED");
      assertThat(Lab.ready(lab.connector("file-source"))).isTrue();
    });
    Lab.append(source, "while paused");
    // A paused source reads nothing: the sink file stays as it is for a while.
    await().during(Duration.ofSeconds(4)).atMost(Duration.ofSeconds(6))
        .until(() -> Lab.lines(sink).size() == 5);

    Lab.mergePatch(lab.connector("file-source"), "{\"spec\":{\"state\":\"running\"}}");
    eventually().untilAsserted(() -> {
      assertThat(Lab.json(lab.connector("file-source")).path("status").path("state").asText()).isEqualTo("RUNNING");
      assertThat(Lab.lines(sink)).hasSize(6).endsWith("while paused");
    });
  }

  @Test
  @Order(8)
  void deletedConnectorIsGoneFromConnectAndTheResourceIsGone() throws Exception {
    create("""
        apiVersion: patchbay.dev/v1alpha1
        kind: KafkaConnector
        metadata:
          name: extra-sink
        spec:
          connectCluster: my-connect
          class: FileStreamSink
          tasksMax: 1
          config:
            file: %s
            topics: file-topic
            value.converter: org.apache.kafka.connect.storage.StringConverter
        """.formatted(sandbox.dataDir().resolve("extra-sink.txt")));
    eventually().until(() -> Lab.ready(lab.connector("extra-sink")));
    assertThat(connectorNames()).contains("extra-sink");

    lab.connector("extra-sink").delete();
    eventually().untilAsserted(() -> {
      assertThat(lab.connector("extra-sink").get()).isNull();
      assertThat(connectorNames()).doesNotContain("extra-sink").contains("file-source", "file-sink");
    });
  }

  @Test
  @Order(9)
  void sinkOnAnUnwritablePathFailsWithATraceAndRecoversWhenFixed() throws Exception {
    // Created directly, not through the applier (which would move the file into the sandbox).
    create("""
        apiVersion: patchbay.dev/v1alpha1
        kind: KafkaConnector
        metadata:
          name: broken-sink
        spec:
          connectCluster: my-connect
          class: org.apache.kafka.connect.file.FileStreamSinkConnector
          tasksMax: 1
          config:
            file: /proc/patchbay/nowhere/sink.txt
            topics: file-topic
            value.converter: org.apache.kafka.connect.storage.StringConverter
        """);
    eventually().untilAsserted(() -> {
      JsonNode status = Lab.json(lab.connector("broken-sink")).path("status");
      assertThat(status.path("tasks").path(0).path("state").asText()).isEqualTo("FAILED");
      assertThat(status.path("tasks").path(0).path("trace").asText()).isNotBlank();
      assertThat(Lab.ready(lab.connector("broken-sink"))).isFalse();
      assertThat(StatusTable.readyStatus(lab.connector("broken-sink").get())).isEqualTo("False");
    });

    Path fixed = sandbox.dataDir().resolve("fixed-sink.txt");
    Lab.mergePatch(lab.connector("broken-sink"), "{\"spec\":{\"config\":{\"file\":\"" + fixed + "\"}}}");
    eventually().untilAsserted(() -> {
      assertThat(Lab.ready(lab.connector("broken-sink"))).isTrue();
      assertThat(Lab.lines(fixed)).hasSize(6);
    });
  }

  @Test
  @Order(10)
  void restartAnnotationRestartsATask() {
    Lab.mergePatch(lab.connector("broken-sink"),
        "{\"metadata\":{\"annotations\":{\"" + Naming.ANNOTATION_RESTART_TASK + "\":\"0@first\"}}}");
    eventually().untilAsserted(() -> {
      JsonNode status = Lab.json(lab.connector("broken-sink")).path("status");
      assertThat(status.path("restarts").path("restartTask").asText()).isEqualTo("0@first");
      assertThat(status.path("tasks").path(0).path("state").asText()).isEqualTo("RUNNING");
    });
    lab.connector("broken-sink").delete();
    eventually().until(() -> lab.connector("broken-sink").get() == null);
  }

  @Test
  @Order(11)
  void scaleOutRunsTwoWorkersAndDataStillFlows() {
    Lab.mergePatch(lab.connect(CLUSTER), "{\"spec\":{\"replicas\":2}}");
    eventually().untilAsserted(() -> {
      assertThat(lab.pods(CLUSTER)).hasSize(2).allMatch(LocalDeploymentRuntime.PodInfo::ready);
      assertThat(Lab.json(lab.connect(CLUSTER)).path("status").path("readyReplicas").asInt()).isEqualTo(2);
      assertThat(Lab.ready(lab.connect(CLUSTER))).isTrue();
    });
    assertThat(lab.pods(CLUSTER).stream().map(LocalDeploymentRuntime.PodInfo::pid).distinct()).hasSize(2);
    Lab.append(source, "with two workers");
    eventually().untilAsserted(() -> assertThat(Lab.lines(sink)).endsWith("with two workers"));

    Lab.mergePatch(lab.connect(CLUSTER), "{\"spec\":{\"replicas\":1}}");
    eventually().untilAsserted(() -> {
      assertThat(lab.pods(CLUSTER)).hasSize(1);
      assertThat(Lab.json(lab.connect(CLUSTER)).path("status").path("readyReplicas").asInt()).isEqualTo(1);
      assertThat(Lab.ready(lab.connect(CLUSTER))).isTrue();
    });
  }

  @Test
  @Order(12)
  void workerConfigChangeRollsTheWorkersAndConnectorsKeepRunning() {
    Set<String> before = lab.pods(CLUSTER).stream().map(LocalDeploymentRuntime.PodInfo::name)
        .collect(Collectors.toSet());
    Lab.mergePatch(lab.connect(CLUSTER), "{\"spec\":{\"config\":{\"offset.flush.interval.ms\":\"2000\"}}}");
    eventually().untilAsserted(() -> {
      List<LocalDeploymentRuntime.PodInfo> pods = lab.pods(CLUSTER);
      assertThat(pods).hasSize(1).allMatch(LocalDeploymentRuntime.PodInfo::ready);
      assertThat(pods.get(0).name()).isNotIn(before);
      assertThat(Files.readString(pods.get(0).dir().resolve("run/worker.properties")))
          .contains("offset.flush.interval.ms=2000");
      assertThat(Lab.ready(lab.connect(CLUSTER))).isTrue();
      assertThat(Lab.ready(lab.connector("file-source"))).isTrue();
      assertThat(Lab.ready(lab.connector("file-sink"))).isTrue();
    });
    Lab.append(source, "after the roll");
    eventually().untilAsserted(() -> assertThat(Lab.lines(sink)).endsWith("after the roll"));
  }

  @Test
  @Order(13)
  void kubectlShowsTheConnectorsWithPrinterColumns() throws Exception {
    java.nio.file.Path kubectl = dev.patchbay.sandbox.api.Kubectl.binary();
    if (kubectl == null) {
      System.out.println("SKIPPED: kubectl not found on PATH");
    }
    assumeTrue(kubectl != null, "kubectl not installed");
    Path kubeconfig = dir.resolve("kubeconfig");
    sandbox.writeKubeconfig(kubeconfig);
    dev.patchbay.sandbox.api.Kubectl.Result r = new dev.patchbay.sandbox.api.Kubectl(kubeconfig)
        .run("get", "kafkaconnectors");
    assertThat(r.exitCode()).as(r.all()).isZero();
    assertThat(r.out().lines().filter(l -> l.startsWith("file-source")).findFirst()).hasValueSatisfying(
        line -> assertThat(line).contains("my-connect", "FileStreamSource", "RUNNING", "1/1", "True"));
  }

  @Test
  @Order(14)
  void deletingTheKafkaConnectStopsItsWorkersAndConnectorsReportIt() {
    lab.connect(CLUSTER).delete();
    eventually().untilAsserted(() -> {
      assertThat(lab.pods(CLUSTER)).isEmpty();
      assertThat(sandbox.client().apps().deployments().inNamespace(sandbox.namespace())
          .withName(Naming.deploymentName(CLUSTER)).get()).isNull();
      assertThat(StatusTable.readyStatus(lab.connector("file-source").get())).isEqualTo("False");
    });
  }

  private List<String> connectorNames() {
    List<String> names = new ArrayList<>();
    lab.get(CLUSTER, "/connectors").body().forEach(n -> names.add(n.asText()));
    return names;
  }

  /** {@code kubectl create -f -}: straight to the API, no sandbox rewriting. */
  private static void create(String yaml) throws Exception {
    for (GenericKubernetesResource r : ResourceApplier.parse(yaml)) {
      sandbox.client().resource(r).inNamespace(sandbox.namespace()).create();
    }
  }
}
