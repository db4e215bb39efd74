package dev.patchbay.operator.connector;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import dev.patchbay.operator.api.KafkaConnector;
import dev.patchbay.operator.connect.ConnectorView;
import dev.patchbay.testkit.EmbeddedKafka;
import dev.patchbay.testkit.Ports;
import dev.patchbay.testkit.WorkerProcess;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Isolation and recovery: two Connect clusters (two real workers in different groups) and one whose URL answers
 * nothing; a worker killed and started again; the operator restarted mid-flight.
 */
class KafkaConnectorFailoverIT {

  private static final Duration TIMEOUT = Duration.ofSeconds(90);

  @TempDir
  static Path files;
  static EmbeddedKafka kafka;
  static WorkerProcess workerA;
  static WorkerProcess workerB;
  static ConnectorTestEnv env;

  @BeforeAll
  static void start() {
    kafka = EmbeddedKafka.start();
    workerA = startWorker("failover-a", Ports.freePort());
    workerB = startWorker("failover-b", Ports.freePort());
    env = new ConnectorTestEnv(Duration.ofSeconds(1));
    env.externalCluster("a", workerA.restUrl());
    env.externalCluster("b", workerB.restUrl());
    env.externalCluster("dead", "http://127.0.0.1:" + Ports.freePort());
    env.startOperator();
  }

  @AfterAll
  static void stop() {
    if (env != null) {
      env.close();
    }
    for (WorkerProcess worker : new WorkerProcess[] {workerA, workerB}) {
      if (worker != null) {
        worker.close();
      }
    }
    if (kafka != null) {
      kafka.close();
    }
  }

  private static WorkerProcess startWorker(String group, int port) {
    return WorkerProcess.builder().bootstrapServers(kafka.bootstrapServers()).groupId(group).restPort(port).start()
        .awaitReady(Duration.ofSeconds(120));
  }

  @Test
  void killedWorkerIsClusterUnavailableWithoutDelayingOtherClustersAndRecovers() throws IOException {
    env.create("on-a", "a", "FileStreamSource", Map.of("file", source("on-a"), "topic", "on-a"));
    env.create("on-b", "b", "FileStreamSource", Map.of("file", source("on-b"), "topic", "on-b"));
    env.create("on-dead", "dead", "FileStreamSource", Map.of("file", source("on-dead"), "topic", "on-dead"));
    env.awaitReady("on-a", true, "Running", TIMEOUT);
    env.awaitReady("on-b", true, "Running", TIMEOUT);
    KafkaConnector dead = env.awaitReady("on-dead", false, "ClusterUnavailable", TIMEOUT);
    assertThat(ConnectorTestEnv.ready(dead).message()).contains("unreachable");

    int port = workerA.restPort();
    workerA.kill();
    env.awaitReady("on-a", false, "ClusterUnavailable", TIMEOUT);

    // the other cluster keeps working: a config change there is applied while cluster a is down
    env.edit("on-b", r -> {
      r.getSpec().getConfig().put("batch.size", "50");
      return r;
    });
    env.awaitReady("on-b", true, "Running", TIMEOUT);
    assertThat(env.connect(workerB.restUrl()).connectors().get("on-b").config()).containsEntry("batch.size", "50");

    Instant restart = Instant.now();
    workerA = startWorker("failover-a", port);
    KafkaConnector back = env.awaitReady("on-a", true, "Running", TIMEOUT);
    assertThat(back.getStatus().getConnector().workerId()).isEqualTo(workerA.workerId());
    assertThat(env.count(restart, "POST", "/connectors")).isZero();
    assertThat(env.get("on-dead").getStatus().getConditions().get(0).reason()).isEqualTo("ClusterUnavailable");
  }

  @Test
  void restartedOperatorMakesNoWritesAndLeavesConnectorsAlone() throws IOException {
    env.create("keep-1", "b", "FileStreamSource", Map.of("file", source("keep-1"), "topic", "keep-1"));
    env.create("keep-2", "b", "FileStreamSink", Map.of("file", files.resolve("keep-2.out").toString(),
        "topics", "keep-1"));
    env.awaitReady("keep-1", true, "Running", TIMEOUT);
    env.awaitReady("keep-2", true, "Running", TIMEOUT);
    Map<String, ConnectorView> before = env.connect(workerB.restUrl()).connectors();

    env.stopOperator();
    Instant restart = Instant.now();
    env.startOperator();
    await().during(Duration.ofSeconds(5)).atMost(Duration.ofSeconds(10)).until(() -> env.writes(restart).isEmpty());
    assertThat(env.count(restart, "GET", "/connectors?expand")).isPositive();

    Map<String, ConnectorView> after = env.connect(workerB.restUrl()).connectors();
    assertThat(after.keySet()).isEqualTo(before.keySet());
    for (String name : new String[] {"keep-1", "keep-2"}) {
      assertThat(after.get(name).state()).isEqualTo(before.get(name).state());
      assertThat(after.get(name).tasks()).isEqualTo(before.get(name).tasks());
      assertThat(ConnectorTestEnv.ready(env.get(name)).isTrue()).isTrue();
    }
  }

  private static String source(String name) throws IOException {
    Path file = files.resolve(name + ".txt");
    Files.writeString(file, "line\n", StandardCharsets.UTF_8);
    return file.toString();
  }
}
