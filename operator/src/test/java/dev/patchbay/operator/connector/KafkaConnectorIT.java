package dev.patchbay.operator.connector;

import static dev.patchbay.operator.connector.ConnectorTestEnv.NS;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.fasterxml.jackson.databind.ObjectMapper;
import dev.patchbay.operator.Conditions;
import dev.patchbay.operator.api.ConnectorState;
import dev.patchbay.operator.api.KafkaConnect;
import dev.patchbay.operator.api.KafkaConnector;
import dev.patchbay.operator.api.OffsetsOperation;
import dev.patchbay.operator.api.OffsetsSource;
import dev.patchbay.operator.api.OffsetsSpec;
import dev.patchbay.operator.api.OffsetsStatus;
import dev.patchbay.operator.connect.ConnectClient;
import dev.patchbay.operator.connect.ConnectorView;
import dev.patchbay.testkit.EmbeddedKafka;
import dev.patchbay.testkit.HangingServer;
import dev.patchbay.testkit.WorkerProcess;
import io.fabric8.kubernetes.api.model.Event;
import java.io.IOException;
import java.net.ServerSocket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The connector reconciler against a real KRaft broker and a real Connect worker (the worker-image distribution as a
 * process), with the operator in-process on the strict test API server. The KafkaConnect is in external mode
 * ({@code spec.restUrl}), so no KafkaConnect reconciler is needed.
 */
class KafkaConnectorIT {

  private static final Duration POLL = Duration.ofSeconds(2);
  private static final String CLUSTER = "connect";
  private static final String CLUSTER_KEY = NS + "/" + CLUSTER;
  private static final Duration TIMEOUT = Duration.ofSeconds(60);

  @TempDir
  static Path files;
  static EmbeddedKafka kafka;
  static WorkerProcess worker;
  static ConnectorTestEnv env;
  static ConnectClient connect;

  @BeforeAll
  static void start() {
    kafka = EmbeddedKafka.start();
    worker = WorkerProcess.builder().bootstrapServers(kafka.bootstrapServers()).groupId("connector-it").start()
        .awaitReady(Duration.ofSeconds(120));
    env = new ConnectorTestEnv(POLL);
    env.externalCluster(CLUSTER, worker.restUrl());
    env.startOperator();
    connect = env.connect(worker.restUrl());
  }

  @AfterAll
  static void stop() {
    if (env != null) {
      env.close();
    }
    if (worker != null) {
      worker.close();
    }
    if (kafka != null) {
      kafka.close();
    }
  }

  /** Every test starts on a worker without the previous tests' connectors (a failing one keeps restarting). */
  @AfterEach
  void deleteConnectors() {
    env.client.resources(KafkaConnector.class).inNamespace(NS).delete();
    await().atMost(TIMEOUT).until(() -> env.client.resources(KafkaConnector.class).inNamespace(NS).list()
        .getItems().isEmpty());
  }

  @Test
  void fileSourceToFileSinkPipelineRunsAndKeepsMovingLines() throws IOException {
    Path source = files.resolve("pipeline-in.txt");
    Path sink = files.resolve("pipeline-out.txt");
    append(source, "one", "two");
    env.create("pipe-source", CLUSTER, "FileStreamSource", Map.of("file", source.toString(), "topic", "pipe"));
    env.create("pipe-sink", CLUSTER, "FileStreamSink", Map.of("file", sink.toString(), "topics", "pipe"));

    for (String name : List.of("pipe-source", "pipe-sink")) {
      KafkaConnector ready = env.awaitReady(name);
      assertThat(ready.getStatus().getState()).isEqualTo("RUNNING");
      assertThat(ready.getStatus().getTasksReady()).isEqualTo("1/1");
      assertThat(ready.getStatus().getConnector().workerId()).isEqualTo(worker.workerId());
      assertThat(env.objectWrites(name)).as("the finalizer: one write, accepted (no 409 on a second)").hasSize(1)
          .allSatisfy(w -> assertThat(w.code()).as(w.toString()).isLessThan(300));
      assertThat(env.statusWrites(name)).allSatisfy(w -> assertThat(w.code()).as(w.toString()).isLessThan(300));
      assertThat(ready.getStatus().getTasks()).singleElement()
          .satisfies(t -> assertThat(t.state()).isEqualTo("RUNNING"));
      ConnectorView view = connect.connectors().get(name);
      assertThat(view.state().state()).isEqualTo("RUNNING");
    }
    assertThat(env.get("pipe-source").getStatus().getType()).isEqualTo("source");
    assertThat(env.get("pipe-sink").getStatus().getType()).isEqualTo("sink");
    awaitLines(sink, "one", "two");

    append(source, "three");
    awaitLines(sink, "one", "two", "three");
    env.awaitStatus("pipe-source", r -> List.of("pipe").equals(r.getStatus().getTopics()), TIMEOUT);
  }

  /**
   * The finalizer is written while the connector is created: when the resource is deleted before the finalizer lands,
   * nothing would ever delete the connector, so the operator deletes it from Connect at once.
   */
  @Test
  void aConnectorWhoseResourceIsDeletedBeforeItsFinalizerIsDeletedFromConnectAgain() {
    anchorReady();
    Instant before = Instant.now();
    env.deleteBeforeFirstPatch("vanishing");
    env.create("vanishing", CLUSTER, "FileStreamSource", Map.of("file", files.resolve("vanishing.txt").toString(),
        "topic", "vanishing"));
    await().atMost(TIMEOUT).untilAsserted(() -> {
      assertThat(env.client.resources(KafkaConnector.class).inNamespace(NS).withName("vanishing").get()).isNull();
      assertThat(env.count(before, "POST", "/connectors")).isEqualTo(1);
      assertThat(env.count(before, "DELETE", "/connectors/{name}")).isEqualTo(1);
      assertThat(connect.connectors()).containsKey("anchor").doesNotContainKey("vanishing");
    });
  }

  /**
   * Deleted right after the operator's POST, while Connect may not list the new connector yet: the finalizer waits
   * until Connect lists it and it is deleted, instead of taking the listing without it as "already gone".
   */
  @Test
  void aConnectorDeletedJustAfterItsCreateIsDeletedFromConnectToo() {
    anchorReady();
    Instant before = Instant.now();
    env.create("brief", CLUSTER, "FileStreamSource", Map.of("file", files.resolve("brief.txt").toString(),
        "topic", "brief"));
    await().atMost(TIMEOUT).pollInterval(Duration.ofMillis(1))
        .until(() -> env.count(before, "POST", "/connectors") == 1);
    env.client.resources(KafkaConnector.class).inNamespace(NS).withName("brief").delete();
    await().atMost(TIMEOUT).untilAsserted(() -> {
      assertThat(env.client.resources(KafkaConnector.class).inNamespace(NS).withName("brief").get()).isNull();
      assertThat(connect.connectors()).containsKey("anchor").doesNotContainKey("brief");
    });
  }

  /**
   * Deleted and created again under the same name in the same instant (kubectl delete and apply in a script, Argo CD's
   * Replace): the informer sees DELETED and ADDED back to back, while the delete is still being handled. The new
   * resource is reconciled all the same, and its connector created again.
   */
  @Test
  void aConnectorDeletedAndCreatedAgainAtOnceIsReconciledAgain() {
    env.create("phoenix", CLUSTER, "FileStreamSource", Map.of("file", files.resolve("phoenix.txt").toString(),
        "topic", "phoenix"));
    String firstUid = env.awaitReady("phoenix").getMetadata().getUid();
    KafkaConnector successor = new KafkaConnector();
    successor.getMetadata().setName("phoenix");
    successor.getMetadata().setNamespace(NS);
    successor.getSpec().setConnectCluster(CLUSTER);
    successor.getSpec().setConnectorClass("FileStreamSource");
    successor.getSpec().setConfig(new java.util.LinkedHashMap<>(Map.of("file",
        files.resolve("phoenix-2.txt").toString(), "topic", "phoenix")));
    env.recreateOnRelease(successor);
    env.client.resources(KafkaConnector.class).inNamespace(NS).withName("phoenix").delete();

    await().atMost(TIMEOUT).until(() -> {
      KafkaConnector current = env.get("phoenix");
      return current != null && !firstUid.equals(current.getMetadata().getUid());
    });
    KafkaConnector again = env.awaitReady("phoenix");
    assertThat(again.getMetadata().getUid()).isNotEqualTo(firstUid);
    assertThat(connect.connectors().get("phoenix").config())
        .containsEntry("file", files.resolve("phoenix-2.txt").toString());
  }

  /** A connector Ready on the cluster: it has a listing, so a new connector is POSTed in its first reconcile. */
  private void anchorReady() {
    env.create("anchor", CLUSTER, "FileStreamSource", Map.of("file", files.resolve("anchor.txt").toString(),
        "topic", "anchor"));
    env.awaitReady("anchor");
  }

  /**
   * A Connect cluster that accepts connections and never answers, and one whose port is closed, next to the healthy
   * one: a hundred connectors on the hanging cluster do not delay a new connector on the healthy one, and report
   * ClusterUnavailable saying the cluster does not answer.
   */
  @Test
  void hangingAndClosedClustersDelayNobodyElse() throws Exception {
    try (HangingServer hanging = HangingServer.start()) {
      int closedPort;
      try (ServerSocket socket = new ServerSocket(0)) {
        closedPort = socket.getLocalPort();
      }
      env.externalCluster("hanging", hanging.url());
      env.externalCluster("closed", "http://127.0.0.1:" + closedPort);
      try {
        Path source = files.resolve("isolation-in.txt");
        append(source, "x");
        for (int i = 0; i < 100; i++) {
          env.create("hang-" + i, "hanging", "FileStreamSource", Map.of("file", source.toString(), "topic", "h"));
        }
        for (int i = 0; i < 5; i++) {
          env.create("closed-" + i, "closed", "FileStreamSource", Map.of("file", source.toString(), "topic", "c"));
        }
        Instant start = Instant.now();
        env.create("isolated", CLUSTER, "FileStreamSource", Map.of("file", source.toString(), "topic", "isolated"));
        env.awaitReady("isolated");
        System.out.println("isolation: a connector on the healthy cluster was Ready "
            + Duration.between(start, Instant.now()).toMillis() + " ms after its creation, next to 100 connectors on "
            + "a hanging cluster");

        for (int i = 0; i < 100; i++) {
          assertThat(ConnectorTestEnv.ready(env.awaitReady("hang-" + i, false, "ClusterUnavailable", TIMEOUT))
              .message()).contains("has not answered for more than 5 s");
        }
        for (int i = 0; i < 5; i++) {
          env.awaitReady("closed-" + i, false, "ClusterUnavailable", TIMEOUT);
        }
      } finally {
        // the clusters go first, so that their connectors' finalizers are released without Connect
        env.client.resources(KafkaConnect.class).inNamespace(NS).withName("hanging").delete();
        env.client.resources(KafkaConnect.class).inNamespace(NS).withName("closed").delete();
      }
    }
  }

  /**
   * A restUrl the CRD's pattern lets through but no client can use (a bad escape): the KafkaConnect says
   * InvalidSpec naming the field, its connectors say why they cannot run, and nothing is retried into exhaustion.
   */
  @Test
  void unusableRestUrlIsAStatusNotARetryLoop() {
    env.externalCluster("malformed", "http://connect:8083/%zz");
    try {
      env.create("on-malformed", "malformed", "FileStreamSource", Map.of("topic", "m"));
      KafkaConnector connector = env.awaitReady("on-malformed", false, "ClusterUnavailable", TIMEOUT);
      assertThat(ConnectorTestEnv.ready(connector).message()).contains("unusable spec.restUrl");
      assertThat(connector.getStatus().getObservedGeneration()).isEqualTo(1L);
      await().atMost(TIMEOUT).untilAsserted(() -> {
        KafkaConnect kc = env.client.resources(KafkaConnect.class).inNamespace(NS).withName("malformed").get();
        assertThat(kc.getStatus()).isNotNull();
        assertThat(kc.getStatus().getObservedGeneration()).isEqualTo(1L);
        assertThat(Conditions.ready(kc.getStatus().getConditions()).reason()).isEqualTo("InvalidSpec");
        assertThat(Conditions.ready(kc.getStatus().getConditions()).message()).contains("spec.restUrl");
      });
    } finally {
      env.client.resources(KafkaConnect.class).inNamespace(NS).withName("malformed").delete();
    }
  }

  /**
   * Offsets, declaratively: list into a ConfigMap, reset (the source re-reads its file from the start) and alter (the
   * source resumes from the given position), each by a token annotation acted on once, the connector back in its
   * desired state afterwards.
   */
  @Test
  void offsetsAreListedResetAndAlteredByTokenAnnotations() throws Exception {
    Path source = files.resolve("offsets-in.txt");
    Path sink = files.resolve("offsets-out.txt");
    append(source, "a", "b", "c");
    env.create("offsets-src", CLUSTER, "FileStreamSource", Map.of("file", source.toString(), "topic", "offsets"));
    env.create("offsets-sink", CLUSTER, "FileStreamSink", Map.of("file", sink.toString(), "topics", "offsets"));
    env.awaitReady("offsets-src");
    await().atMost(TIMEOUT).until(() -> lines(sink).size() == 3);
    await().atMost(TIMEOUT).until(() -> connect.offsets("offsets-src").contains("\"position\":6"));

    annotate("offsets-src", OffsetsWorkflow.LIST, "l1");
    OffsetsOperation listed = awaitOffsets("offsets-src", s -> s.list(), "l1", OffsetsOperation.DONE);
    assertThat(listed.message()).contains("1 partition(s)").contains("offsets-src-offsets");
    String json = env.client.configMaps().inNamespace(NS).withName("offsets-src-offsets").get().getData()
        .get("offsets.json");
    assertThat(json).contains(source.toString()).contains("\"position\":6");

    annotate("offsets-src", OffsetsWorkflow.RESET, "r1");
    OffsetsOperation reset = awaitOffsets("offsets-src", s -> s.reset(), "r1", OffsetsOperation.DONE);
    assertThat(reset.message()).isNotBlank();
    env.awaitReady("offsets-src");
    await().atMost(TIMEOUT).until(() -> lines(sink).size() == 6);
    assertThat(lines(sink)).containsExactly("a", "b", "c", "a", "b", "c");

    env.client.resource(new io.fabric8.kubernetes.api.model.ConfigMapBuilder().withNewMetadata()
        .withName("offsets-to-set").withNamespace(NS).endMetadata()
        .addToData("offsets.json", "{\"offsets\":[{\"partition\":{\"filename\":\"" + source
            + "\"},\"offset\":{\"position\":4}}]}").build()).create();
    env.edit("offsets-src", r -> {
      r.getSpec().setOffsets(new OffsetsSpec(new OffsetsSource("offsets-to-set", null)));
      return r;
    });
    annotate("offsets-src", OffsetsWorkflow.ALTER, "a1");
    awaitOffsets("offsets-src", s -> s.alter(), "a1", OffsetsOperation.DONE);
    env.awaitReady("offsets-src");
    await().atMost(TIMEOUT).until(() -> lines(sink).size() == 7);
    assertThat(lines(sink).get(6)).isEqualTo("c");
    assertThat(env.get("offsets-src").getStatus().getOffsets().reset().token()).as("acted on once").isEqualTo("r1");
    assertThat(lines(sink)).hasSize(7);
  }

  /** spec.version pins connector.plugin.version; an unknown version is InvalidConfig naming the versions there are. */
  @Test
  void pluginVersionIsPinnedAndAnUnknownOneIsInvalidConfigNamingTheAvailableVersions() throws Exception {
    Path source = files.resolve("version-in.txt");
    append(source, "v");
    KafkaConnector resource = new KafkaConnector();
    resource.getMetadata().setName("versioned");
    resource.getMetadata().setNamespace(NS);
    resource.getSpec().setConnectCluster(CLUSTER);
    resource.getSpec().setConnectorClass("FileStreamSource");
    resource.getSpec().setVersion("9.9.9");
    resource.getSpec().setConfig(new java.util.LinkedHashMap<>(Map.of("file", source.toString(), "topic", "v")));
    env.client.resource(resource).create();
    KafkaConnector invalid = env.awaitReady("versioned", false, "InvalidConfig", TIMEOUT);
    String installed = connectVersion(); // connect-file is versioned with Kafka
    assertThat(ConnectorTestEnv.ready(invalid).message()).contains("9.9.9").contains(installed);
    assertThat(connect.connectors()).doesNotContainKey("versioned");

    env.edit("versioned", r -> {
      r.getSpec().setVersion(installed);
      return r;
    });
    env.awaitReady("versioned");
    assertThat(connect.connectors().get("versioned").config()).containsEntry("connector.plugin.version", installed);
  }

  private String connectVersion() {
    return connect.serverInfo().version();
  }

  /** A malformed offsets ConfigMap fails the request with the parse error and leaves the connector running. */
  @Test
  void malformedOffsetsConfigMapFailsTheRequestAndLeavesTheConnectorRunning() throws Exception {
    Path source = files.resolve("bad-offsets-in.txt");
    append(source, "x");
    env.client.resource(new io.fabric8.kubernetes.api.model.ConfigMapBuilder().withNewMetadata()
        .withName("bad-offsets").withNamespace(NS).endMetadata().addToData("offsets.json", "{not json").build())
        .create();
    env.create("bad-offsets-src", CLUSTER, "FileStreamSource", Map.of("file", source.toString(), "topic", "bad"));
    env.awaitReady("bad-offsets-src");
    env.edit("bad-offsets-src", r -> {
      r.getSpec().setOffsets(new OffsetsSpec(new OffsetsSource("bad-offsets", null)));
      return r;
    });
    annotate("bad-offsets-src", OffsetsWorkflow.ALTER, "bad1");
    OffsetsOperation failed = awaitOffsets("bad-offsets-src", s -> s.alter(), "bad1", OffsetsOperation.FAILED);
    assertThat(failed.message()).startsWith("InvalidSpec: ConfigMap bad-offsets key offsets.json is not valid JSON");
    assertThat(env.awaitReady("bad-offsets-src").getStatus().getState()).isEqualTo("RUNNING");
    assertThat(connect.connectors().get("bad-offsets-src").state().state()).isEqualTo("RUNNING");
  }

  /** An operator restart in the middle of a reset resumes it from the recorded phase and resets once. */
  @Test
  void operatorRestartInTheMiddleOfAResetResumesItOnce() throws Exception {
    Path source = files.resolve("restart-offsets-in.txt");
    append(source, "x");
    env.create("resume-src", CLUSTER, "FileStreamSource", Map.of("file", source.toString(), "topic", "resume"));
    env.awaitReady("resume-src");
    env.stopOperator();
    try {
      // what a reset left behind when the operator stopped just after recording the request
      annotate("resume-src", OffsetsWorkflow.RESET, "r9");
      KafkaConnector current = env.get("resume-src");
      current.getStatus().setOffsets(new OffsetsStatus(null, new OffsetsOperation("r9", OffsetsOperation.STOPPING,
          "stopping the connector", Instant.now().toString()), null));
      env.client.resource(current).updateStatus();
    } finally {
      env.startOperator();
    }
    Instant restarted = Instant.now();
    awaitOffsets("resume-src", s -> s.reset(), "r9", OffsetsOperation.DONE);
    env.awaitReady("resume-src");
    assertThat(env.count(restarted, "DELETE", "/connectors/{name}/offsets")).as("reset once").isEqualTo(1);
  }

  private OffsetsOperation awaitOffsets(String name, java.util.function.Function<OffsetsStatus, OffsetsOperation> which,
      String token, String phase) {
    OffsetsOperation[] seen = new OffsetsOperation[1];
    await().atMost(TIMEOUT).until(() -> {
      KafkaConnector r = env.get(name);
      OffsetsOperation op = r.getStatus() == null || r.getStatus().getOffsets() == null ? null
          : which.apply(r.getStatus().getOffsets());
      seen[0] = op;
      return op != null && token.equals(op.token()) && phase.equals(op.phase());
    });
    return seen[0];
  }

  @Test
  void configChangeIsOnePutAndUnchangedSpecIsNone() throws IOException {
    Path source = files.resolve("update-in.txt");
    append(source, "x");
    env.create("update", CLUSTER, "FileStreamSource", Map.of("file", source.toString(), "topic", "update"));
    env.awaitReady("update");

    Instant before = Instant.now();
    env.edit("update", r -> {
      r.getSpec().getConfig().put("batch.size", "100");
      return r;
    });
    env.awaitReady("update");
    assertThat(env.count(before, "PUT", "/connectors/{name}/config")).isEqualTo(1);
    assertThat(connect.connectors().get("update").config()).containsEntry("batch.size", "100");

    Instant unchanged = Instant.now();
    label("update", "team", "data");
    env.edit("update", r -> r); // re-apply the same spec
    await().during(Duration.ofSeconds(5)).atMost(Duration.ofSeconds(8))
        .until(() -> env.writes(unchanged).isEmpty());
    assertThat(env.get("update").getStatus().getState()).isEqualTo("RUNNING");
  }

  @Test
  void invalidConfigIsReportedByFieldAndNothingIsPushedUntilFixed() {
    Instant before = Instant.now();
    env.create("invalid", CLUSTER, "FileStreamSource", Map.of("file", files.resolve("none.txt").toString()));
    KafkaConnector invalid = env.awaitReady("invalid", false, "InvalidConfig", TIMEOUT);
    assertThat(ConnectorTestEnv.ready(invalid).message()).contains("topic").contains("Missing required configuration");
    assertThat(connect.connectors()).doesNotContainKey("invalid");
    assertThat(env.count(before, "PUT", "/connector-plugins/{class}/config/validate")).isEqualTo(1);

    env.edit("invalid", r -> {
      r.getSpec().getConfig().put("topic", "fixed");
      return r;
    });
    env.awaitReady("invalid");
    assertThat(connect.connectors()).containsKey("invalid");
  }

  @Test
  void unknownClassIsInvalidConfigNamingTheClass() {
    env.create("unknown-class", CLUSTER, "com.example.NoSuchConnector", Map.of("topic", "x"));
    KafkaConnector invalid = env.awaitReady("unknown-class", false, "InvalidConfig", TIMEOUT);
    assertThat(ConnectorTestEnv.ready(invalid).message()).contains("com.example.NoSuchConnector");
    assertThat(connect.connectors()).doesNotContainKey("unknown-class");
  }

  @Test
  void invalidUpdateKeepsTheLastGoodConfigRunning() throws IOException {
    Path source = files.resolve("keep-in.txt");
    append(source, "x");
    env.create("keep", CLUSTER, "FileStreamSource", Map.of("file", source.toString(), "topic", "keep"));
    env.awaitReady("keep");
    env.edit("keep", r -> {
      r.getSpec().getConfig().put("batch.size", "not-a-number");
      return r;
    });
    KafkaConnector invalid = env.awaitReady("keep", false, "InvalidConfig", TIMEOUT);
    assertThat(ConnectorTestEnv.ready(invalid).message()).contains("batch.size");
    assertThat(invalid.getStatus().getState()).isEqualTo("RUNNING");
    assertThat(connect.connectors().get("keep").config()).doesNotContainKey("batch.size");
  }

  @Test
  void pauseStopsLinesResumeBringsThemAndStopShutsTasksDown() throws IOException {
    Path source = files.resolve("pause-in.txt");
    Path sink = files.resolve("pause-out.txt");
    append(source, "a");
    env.create("pause-source", CLUSTER, "FileStreamSource", Map.of("file", source.toString(), "topic", "pause"));
    env.create("pause-sink", CLUSTER, "FileStreamSink", Map.of("file", sink.toString(), "topics", "pause"));
    env.awaitReady("pause-source");
    awaitLines(sink, "a");

    setState("pause-source", ConnectorState.PAUSED);
    KafkaConnector paused = env.awaitReady("pause-source", true, "Paused", TIMEOUT);
    assertThat(paused.getStatus().getState()).isEqualTo("PAUSED");
    assertThat(paused.getStatus().getTasksReady()).isEqualTo("1/1");
    assertThat(connect.connectors().get("pause-source").tasks()).allSatisfy(t -> assertThat(t.state())
        .isEqualTo("PAUSED"));
    append(source, "b");
    await().during(Duration.ofSeconds(3)).atMost(Duration.ofSeconds(5)).until(() -> lines(sink).equals(List.of("a")));

    setState("pause-source", ConnectorState.RUNNING);
    env.awaitReady("pause-source");
    awaitLines(sink, "a", "b");

    setState("pause-source", ConnectorState.STOPPED);
    KafkaConnector stopped = env.awaitReady("pause-source", true, "Stopped", TIMEOUT);
    assertThat(stopped.getStatus().getState()).isEqualTo("STOPPED");
    assertThat(stopped.getStatus().getTasksReady()).isEqualTo("0/0");
    assertThat(connect.connectors().get("pause-source").state().state()).isEqualTo("STOPPED");
  }

  @Test
  void failedTaskShowsItsTraceAndIsRestartedAutomatically() {
    env.create("failing", CLUSTER, "FileStreamSink",
        Map.of("file", files.resolve("no/such/dir/out.txt").toString(), "topics", "failing"));
    KafkaConnector failed = env.awaitReady("failing", false, "TasksFailed", TIMEOUT);
    assertThat(failed.getStatus().getTasks()).singleElement().satisfies(t -> {
      assertThat(t.state()).isEqualTo("FAILED");
      assertThat(t.trace()).contains("FileStreamSinkTask");
    });
    assertThat(ConnectorTestEnv.ready(failed).message()).contains("task 0").doesNotContain("no/such/dir");
    KafkaConnector restarted = env.awaitStatus("failing", r -> r.getStatus().getAutoRestart() != null
        && r.getStatus().getAutoRestart().count() != null && r.getStatus().getAutoRestart().count() >= 2, TIMEOUT);
    assertThat(restarted.getStatus().getAutoRestart().lastRestartTime()).isNotNull();
    assertThat(env.count(Instant.EPOCH, "POST", "/connectors/{name}/restart")).isGreaterThanOrEqualTo(2);
    assertThat(events("failing")).extracting(Event::getReason).contains("Failed", "AutoRestarted");
  }

  @Test
  void restartAnnotationsActOncePerValue() {
    env.create("manual", CLUSTER, "FileStreamSink",
        Map.of("file", files.resolve("no/dir/manual.txt").toString(), "topics", "manual"));
    env.edit("manual", r -> {
      r.getSpec().setAutoRestart(new dev.patchbay.operator.api.AutoRestart(false, null));
      return r;
    });
    env.awaitReady("manual", false, "TasksFailed", TIMEOUT);

    Instant before = Instant.now();
    annotate("manual", "patchbay.dev/restart", "r1");
    env.awaitStatus("manual", r -> r.getStatus().getRestarts() != null
        && "r1".equals(r.getStatus().getRestarts().restart()), TIMEOUT);
    annotate("manual", "patchbay.dev/restart-failed", "f1");
    env.awaitStatus("manual", r -> "f1".equals(r.getStatus().getRestarts().restartFailed()), TIMEOUT);
    annotate("manual", "patchbay.dev/restart-task", "0@t1");
    env.awaitStatus("manual", r -> "0@t1".equals(r.getStatus().getRestarts().restartTask()), TIMEOUT);
    assertThat(env.count(before, "POST", "/connectors/{name}/restart")).isEqualTo(2);
    assertThat(env.count(before, "POST", "/connectors/{name}/tasks/{id}/restart")).isEqualTo(1);

    Instant again = Instant.now();
    label("manual", "touched", "yes");
    annotate("manual", "other.example/annotation", "x");
    await().during(Duration.ofSeconds(3)).atMost(Duration.ofSeconds(5)).until(() -> env.writes(again).isEmpty());
    assertThat(events("manual")).extracting(Event::getReason).contains("Restarted");
  }

  @Test
  void driftThroughRestIsPutBackAndDeletedConnectorRecreated() throws IOException {
    Path source = files.resolve("drift-in.txt");
    append(source, "x");
    env.create("drift", CLUSTER, "FileStreamSource", Map.of("file", source.toString(), "topic", "drift"));
    env.awaitReady("drift");

    Map<String, String> drifted = new java.util.HashMap<>(connect.connectors().get("drift").config());
    drifted.put("topic", "elsewhere");
    connect.putConfig("drift", drifted);
    await().atMost(TIMEOUT).until(() -> "drift".equals(connect.connectors().get("drift").config().get("topic")));

    connect.delete("drift");
    await().atMost(TIMEOUT).until(() -> connect.connectors().containsKey("drift"));
    env.awaitReady("drift");
  }

  @Test
  void deletingTheResourceDeletesTheConnectorThenReleasesTheFinalizer() throws IOException {
    Path source = files.resolve("delete-in.txt");
    append(source, "x");
    env.create("to-delete", CLUSTER, "FileStreamSource", Map.of("file", source.toString(), "topic", "del"));
    env.awaitReady("to-delete");
    assertThat(env.get("to-delete").getMetadata().getFinalizers()).contains("patchbay.dev/connector");

    env.client.resource(env.get("to-delete")).delete();
    await().atMost(TIMEOUT).until(() -> env.get("to-delete") == null);
    assertThat(connect.connectors()).doesNotContainKey("to-delete");
  }

  @Test
  void deletingWithTheKafkaConnectGoneReleasesAtOnceWithoutARestCall() throws IOException {
    KafkaConnect ghost = env.externalCluster("ghost", worker.restUrl());
    Path source = files.resolve("ghost-in.txt");
    append(source, "x");
    env.create("orphan", "ghost", "FileStreamSource", Map.of("file", source.toString(), "topic", "ghost"));
    env.awaitReady("orphan");

    env.client.resource(ghost).delete();
    KafkaConnector notFound = env.awaitReady("orphan", false, "ClusterNotFound", TIMEOUT);
    assertThat(notFound.getStatus().getState()).isNull();

    Instant before = Instant.now();
    env.client.resource(env.get("orphan")).delete();
    await().atMost(TIMEOUT).until(() -> env.get("orphan") == null);
    assertThat(env.count(before, "DELETE", "/connectors/{name}")).isZero();
    assertThat(connect.connectors()).containsKey("orphan");
    connect.delete("orphan");
  }

  @Test
  void missingClusterIsClusterNotFoundUntilItAppears() throws IOException {
    Path source = files.resolve("late-in.txt");
    append(source, "x");
    env.create("late", "late-cluster", "FileStreamSource", Map.of("file", source.toString(), "topic", "late"));
    env.awaitReady("late", false, "ClusterNotFound", TIMEOUT);
    env.externalCluster("late-cluster", worker.restUrl());
    env.awaitReady("late");
  }

  @Test
  void existingUnmanagedConnectorWithAnotherConfigIsANameConflictAndLeftAlone() {
    connect.create("legacy", Map.of("connector.class", "FileStreamSource", "tasks.max", "1", "topic", "legacy",
        "file", files.resolve("legacy.txt").toString()), "RUNNING");
    env.create("legacy", CLUSTER, "FileStreamSource", Map.of("topic", "other", "file", "/tmp/other.txt"));
    env.awaitReady("legacy", false, "NameConflict", TIMEOUT);
    assertThat(connect.connectors().get("legacy").config()).containsEntry("topic", "legacy");

    env.client.resource(env.get("legacy")).delete();
    await().atMost(TIMEOUT).until(() -> env.get("legacy") == null);
    assertThat(connect.connectors()).containsKey("legacy");
    connect.delete("legacy");
  }

  @Test
  void configValuesNeverAppearInStatusEventsOrLogs() throws IOException {
    String secret = "Sup3r-S3cret-Value-4711";
    env.create("secret-bad", CLUSTER, "FileStreamSource", Map.of("connection.password", secret,
        "batch.size", secret));
    env.awaitReady("secret-bad", false, "InvalidConfig", TIMEOUT);
    env.create("secret-sink", CLUSTER, "FileStreamSink", Map.of("connection.password", secret, "topics", "secret",
        "file", files.resolve(secret + "/out.txt").toString()));
    env.awaitReady("secret-sink", false, "TasksFailed", TIMEOUT);

    ObjectMapper json = new ObjectMapper();
    for (String name : List.of("secret-bad", "secret-sink")) {
      KafkaConnector resource = env.get(name);
      assertThat(json.writeValueAsString(resource.getStatus())).doesNotContain(secret);
      assertThat(json.writeValueAsString(events(name))).doesNotContain(secret);
    }
    Path log = Path.of("target", "operator-test.log");
    assertThat(Files.readString(log, StandardCharsets.UTF_8)).contains("secret-bad").doesNotContain(secret);
  }

  @Test
  void theCreatesAnswerAndOneConnectorsStatusMakeTheViewTheListingShows() throws IOException {
    // what the poller builds while a connector it created starts: the config from the create's answer, the state
    // from GET /connectors/{name}/status; it must equal the listing's entry, or every probe would look like a change
    Path source = files.resolve("probe-in.txt");
    append(source, "x");
    Map<String, String> stored = connect.create("probe", Map.of("connector.class", "FileStreamSource",
        "tasks.max", "1", "file", source.toString(), "topic", "probe"), "RUNNING");
    assertThat(stored).containsEntry("name", "probe").containsEntry("file", source.toString());
    await().atMost(TIMEOUT).until(() -> {
      ConnectorView status = connect.status("probe");
      return status != null && status.settled();
    });
    ConnectorView status = connect.status("probe");
    assertThat(status.config()).as("the status endpoint carries no config").isEmpty();
    assertThat(new ConnectorView("probe", stored, status.type(), status.state(), status.tasks()))
        .isEqualTo(connect.connectors().get("probe"));
    assertThat(connect.status("no-such-connector")).as("404: no status").isNull();
    connect.delete("probe");
  }

  @Test
  void twentyConnectorsOnOneClusterCostOneListingPerPoll() throws IOException {
    // a second KafkaConnect on the same worker under another URL, so its calls are counted apart
    String url = "http://localhost:" + worker.restPort();
    env.externalCluster("scale", url);
    Path source = files.resolve("scale-in.txt");
    append(source, "x");
    List<String> names = new ArrayList<>();
    for (int i = 0; i < 20; i++) {
      names.add("scale-" + i);
      env.create("scale-" + i, "scale", "FileStreamSource", Map.of("file", source.toString(), "topic", "scale"));
    }
    names.forEach(env::awaitReady);
    // settled, as the operator says: no follow-up due (the topics look-ups after the start are done)
    await().atMost(TopicsRefresh.FIRST_FETCH.plus(Duration.ofSeconds(2)).plus(POLL.multipliedBy(2)).plusSeconds(10))
        .until(() -> env.reconciler.followUpsDue() == 0);

    // the next six polls: one listing each, and no other call; counted per listing, not per wall-clock window (how
    // often a settled cluster is polled is ClusterPollerTest's, on a manual clock)
    Instant start = Instant.now();
    await().atMost(POLL.multipliedBy(6).plusSeconds(10)).until(() -> env.since(start, NS + "/scale").stream()
        .filter(c -> c.path().equals("/connectors?expand")).count() >= 6);
    List<ConnectorTestEnv.Call> calls = env.since(start, NS + "/scale");
    assertThat(calls).allMatch(c -> c.method().equals("GET") && c.path().equals("/connectors?expand"));
    System.out.println("scale: " + calls.size() + " REST calls for 20 connectors over 6 polls");
    for (String name : names) {
      env.client.resource(env.get(name)).delete();
    }
    await().atMost(TIMEOUT).until(() -> names.stream().noneMatch(n -> connect.connectors().containsKey(n)));
  }

  private void setState(String name, ConnectorState state) {
    env.edit(name, r -> {
      r.getSpec().setState(state);
      return r;
    });
  }

  private void annotate(String name, String key, String value) {
    env.edit(name, r -> {
      Map<String, String> annotations = new java.util.HashMap<>(r.getMetadata().getAnnotations() == null
          ? Map.of() : r.getMetadata().getAnnotations());
      annotations.put(key, value);
      r.getMetadata().setAnnotations(annotations);
      return r;
    });
  }

  private void label(String name, String key, String value) {
    env.edit(name, r -> {
      Map<String, String> labels = new java.util.HashMap<>(r.getMetadata().getLabels() == null
          ? Map.of() : r.getMetadata().getLabels());
      labels.put(key, value);
      r.getMetadata().setLabels(labels);
      return r;
    });
  }

  private List<Event> events(String name) {
    return env.client.v1().events().inNamespace(NS).list().getItems().stream()
        .filter(e -> name.equals(e.getInvolvedObject().getName())).toList();
  }

  private static void append(Path file, String... lines) throws IOException {
    Files.writeString(file, String.join("\n", lines) + "\n", StandardCharsets.UTF_8, StandardOpenOption.CREATE,
        StandardOpenOption.APPEND);
  }

  private static List<String> lines(Path file) throws IOException {
    return Files.exists(file) ? Files.readAllLines(file, StandardCharsets.UTF_8) : List.of();
  }

  private static void awaitLines(Path file, String... expected) {
    await().atMost(TIMEOUT).until(() -> lines(file).equals(List.of(expected)));
  }
}
