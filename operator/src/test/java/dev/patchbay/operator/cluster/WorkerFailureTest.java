package dev.patchbay.operator.cluster;

import static org.assertj.core.api.Assertions.assertThat;

import io.fabric8.kubernetes.api.model.Pod;
import io.fabric8.kubernetes.client.utils.Serialization;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.util.List;
import org.junit.jupiter.api.Test;

/** Pods as the API server returns them (src/test/resources/pods/) to the reason and message of Ready. */
class WorkerFailureTest {

  static final String HASH = "57e71a3e7f0a87f3";
  static final String URL = "https://repo1.maven.org/maven2/io/debezium/debezium-connector-postgres/3.6.1.Final/"
      + "debezium-connector-postgres-3.6.1.Final-plugin.tar.gz";
  static final String MISMATCH = "plugin debezium-postgres: checksum mismatch for " + URL + ": expected sha512 "
      + "9b71d224bd62f3785d96d46ad3ea3d73319bfbc2890caadae2dff72519673ca72323c3d99ba5c11d7c7acc6e14b8c5da0c4663475c2e5c3"
      + "adef46f73bcdec043, got 0cf9180a764aba863a67b6d72f0918bc131c6772642cb2dce5a34f0a702f9470ddc2bf125c12198b1995c23"
      + "3c34b4afd346c54a2334c350a948a51b6e8b4e6b6";

  static Pod pod(String name) {
    try (InputStream in = WorkerFailureTest.class.getResourceAsStream("/pods/" + name + ".json")) {
      return Serialization.unmarshal(in, Pod.class);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  static WorkerFailure failure(String... pods) {
    return WorkerFailure.of(List.of(pods).stream().map(WorkerFailureTest::pod).toList(), HASH).orElse(null);
  }

  @Test
  void anInitContainerInCrashLoopBackOffGivesItsLastTerminationMessage() {
    assertThat(failure("init-crashloop"))
        .isEqualTo(new WorkerFailure(ReadyCondition.REASON_PLUGIN_FETCH_FAILED, MISMATCH));
  }

  @Test
  void aTerminatedInitContainerGivesItsTerminationMessage() {
    assertThat(failure("init-error")).isEqualTo(new WorkerFailure(ReadyCondition.REASON_PLUGIN_FETCH_FAILED,
        "plugin jdbc: HTTP 404 for https://packages.example.com/kafka-connect-jdbc-10.8.0.zip"));
  }

  @Test
  void anInitContainerRetryingAfterAFailureStillCounts() {
    assertThat(failure("init-retrying"))
        .isEqualTo(new WorkerFailure(ReadyCondition.REASON_PLUGIN_FETCH_FAILED, MISMATCH));
  }

  @Test
  void aCrashLoopingWorkerGivesTheExceptionItStoppedWithNotAStackFrame() {
    assertThat(failure("worker-crashloop")).isEqualTo(new WorkerFailure(ReadyCondition.REASON_WORKER_FAILED,
        "org.apache.kafka.common.config.ConfigException: Invalid value com.example.NoSuchConverter for configuration "
            + "key.converter: Class com.example.NoSuchConverter could not be found."));
  }

  @Test
  void aWorkerKilledWithoutMessageGivesExitCodeAndReason() {
    assertThat(failure("worker-oomkilled")).isEqualTo(new WorkerFailure(ReadyCondition.REASON_WORKER_FAILED,
        "connect exited with code 137 (OOMKilled)"));
  }

  @Test
  void aWorkerThatIsReadyAgainAfterACrashIsNoFailure() {
    assertThat(failure("worker-recovered")).isNull();
  }

  @Test
  void aFailedPodOfAnEarlierConfigDoesNotSpeakForTheCurrentOne() {
    assertThat(failure("old-template-failing")).isNull();
    assertThat(failure("old-template-failing", "init-crashloop").reason())
        .isEqualTo(ReadyCondition.REASON_PLUGIN_FETCH_FAILED);
    assertThat(failure("old-template-failing", "init-crashloop").message()).isEqualTo(MISMATCH);
  }

  @Test
  void theErrorLineOfALogIsTheLastThatReportsAnError() {
    assertThat(WorkerFailure.errorLine("""
        [t] ERROR Stopping due to error (AbstractConnectCli:100)
        org.apache.kafka.connect.errors.ConnectException: Failed to start
        \tat A.b(A.java:1)
        Caused by: java.net.UnknownHostException: kafka-bootstrap: Name or service not known
        \tat C.d(C.java:2)
        \t... 5 more
        [t] INFO Kafka Connect stopped (Connect:80)
        """)).isEqualTo("Caused by: java.net.UnknownHostException: kafka-bootstrap: Name or service not known");
    assertThat(WorkerFailure.errorLine("just one line\n")).isEqualTo("just one line");
    assertThat(WorkerFailure.errorLine("patchbay-worker: worker.properties misses group.id"))
        .isEqualTo("patchbay-worker: worker.properties misses group.id");
  }

  @Test
  void aVeryLongMessageIsShortened() {
    Pod pod = pod("init-error");
    pod.getStatus().getInitContainerStatuses().get(0).getState().getTerminated().setMessage("x".repeat(5000));
    assertThat(WorkerFailure.of(List.of(pod), HASH).orElseThrow().message())
        .hasSize(WorkerFailure.MAX_MESSAGE).endsWith("…");
  }
}
