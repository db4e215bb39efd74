package dev.patchbay.worker;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import dev.patchbay.testkit.EmbeddedKafka;
import dev.patchbay.testkit.WorkerDistribution;
import dev.patchbay.testkit.WorkerProcess;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Two workers of one group on one host (as the sandbox runs a 2-replica Deployment): they find
 * each other through the advertised 127.0.0.1:&lt;port&gt; URLs, and a killed worker's task moves.
 */
class ClusterIT {
  static EmbeddedKafka kafka;
  static WorkerProcess first;
  static WorkerProcess second;
  @TempDir static Path tmp;

  @BeforeAll
  static void start() throws Exception {
    kafka = EmbeddedKafka.start();
    Path config = Files.createDirectories(tmp.resolve("config"));
    // one operator-style config dir shared by both replicas
    Files.writeString(config.resolve("worker.properties"), String.join("\n",
        "bootstrap.servers=" + kafka.bootstrapServers(),
        "group.id=cluster-it",
        "config.storage.topic=cluster-it.configs",
        "offset.storage.topic=cluster-it.offsets",
        "status.storage.topic=cluster-it.status",
        "config.storage.replication.factor=1",
        "offset.storage.replication.factor=1",
        "status.storage.replication.factor=1",
        "key.converter=org.apache.kafka.connect.storage.StringConverter",
        "value.converter=org.apache.kafka.connect.storage.StringConverter",
        "scheduled.rebalance.max.delay.ms=1000",
        "session.timeout.ms=6000",
        "heartbeat.interval.ms=1000",
        ""));
    WorkerDistribution dist = WorkerDistribution.locate();
    first = WorkerProcess.builder(dist).configDir(config).workDir(tmp.resolve("w1")).start();
    second = WorkerProcess.builder(dist).configDir(config).workDir(tmp.resolve("w2")).start();
    first.awaitReady(Duration.ofSeconds(120));
    second.awaitReady(Duration.ofSeconds(120));
  }

  @AfterAll
  static void stop() {
    for (WorkerProcess w : new WorkerProcess[] {first, second}) {
      if (w != null) {
        w.close(); // SIGTERM: a clean exit also lets the testkit keep a CDS archive
      }
    }
    if (kafka != null) {
      kafka.close();
    }
  }

  @Test
  void workersShareConnectorsAndAKilledWorkersTaskMovesToTheOther() throws Exception {
    Path source = tmp.resolve("in.txt");
    Files.write(source, List.of("one", "two"));
    ConnectRest viaSecond = new ConnectRest(second.restUrl());
    ConnectRest viaFirst = new ConnectRest(first.restUrl());

    // whichever worker leads, a write to either is forwarded to the leader over the advertised URL
    assertThat(viaSecond.putConnectorRetrying("tasks", Map.of("connector.class", "FileStreamSource", "tasks.max", "1",
        "file", source.toString(), "topic", "cluster-lines")).status()).isIn(200, 201);

    await().atMost(Duration.ofSeconds(60)).pollInterval(Duration.ofMillis(200)).until(() ->
        "RUNNING".equals(viaFirst.get("/connectors/tasks/status").json().path("tasks").path(0).path("state").asText()));
    assertThat(kafka.readValues("cluster-lines", 2, Duration.ofSeconds(30))).containsExactly("one", "two");

    String owner = viaFirst.get("/connectors/tasks/status").json().path("tasks").path(0).path("worker_id").asText();
    assertThat(owner).isIn(first.workerId(), second.workerId());
    WorkerProcess victim = owner.equals(first.workerId()) ? first : second;
    WorkerProcess survivor = victim == first ? second : first;
    ConnectRest survivorRest = new ConnectRest(survivor.restUrl());

    victim.kill();

    await().atMost(Duration.ofSeconds(90)).pollInterval(Duration.ofMillis(500)).until(() -> {
      ConnectRest.Response status = survivorRest.get("/connectors/tasks/status");
      return status.status() == 200
          && survivor.workerId().equals(status.json().path("tasks").path(0).path("worker_id").asText())
          && "RUNNING".equals(status.json().path("tasks").path(0).path("state").asText());
    });
  }
}
