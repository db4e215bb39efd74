package dev.patchbay.operator.connector;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.patchbay.operator.api.ConnectorState;
import dev.patchbay.operator.api.KafkaConnectorStatus;
import dev.patchbay.operator.cluster.WorkerPodsTest;
import dev.patchbay.operator.connect.ConnectorJson;
import dev.patchbay.operator.connect.ConnectorView;
import io.fabric8.kubernetes.api.model.Pod;
import java.io.IOException;
import java.io.InputStream;
import java.time.Duration;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/**
 * Status mapping from listings captured from real Connect 4.3.1 workers (src/test/resources/connect-json), and with
 * the worker pods of a managed cluster, which workers are up.
 */
class AssessmentTest {

  @Test
  void runningSourceIsReady() throws IOException {
    ConnectorView src = listing("listing-running-and-failed.json").get("src");
    Assessment assessment = Assessment.of(src, ConnectorState.RUNNING);
    assertThat(assessment.ready()).isTrue();
    assertThat(assessment.reason()).isEqualTo("Running");
    assertThat(assessment.tasksReady()).isEqualTo("1/1");
  }

  @Test
  void failedTaskIsTasksFailedWithTheFirstLineOfItsTrace() throws IOException {
    ConnectorView sink = listing("listing-running-and-failed.json").get("sink");
    Assessment assessment = Assessment.of(sink, ConnectorState.RUNNING);
    assertThat(assessment.ready()).isFalse();
    assertThat(assessment.failed()).isTrue();
    assertThat(assessment.reason()).isEqualTo("TasksFailed");
    assertThat(assessment.message()).startsWith("1 of 1 tasks failed; task 0: org.apache.kafka.connect.errors"
        + ".ConnectException: Couldn't find or create file").doesNotContain("\n");
    assertThat(assessment.tasksReady()).isEqualTo("0/1");
  }

  @Test
  void pausedConnectorWhoseTasksStillRunIsPendingNotReady() throws IOException {
    ConnectorView src = listing("listing-pausing.json").get("src");
    assertThat(src.state().state()).isEqualTo("PAUSED");
    Assessment assessment = Assessment.of(src, ConnectorState.PAUSED);
    assertThat(assessment.ready()).isFalse();
    assertThat(assessment.reason()).isEqualTo("Pending");
    assertThat(assessment.tasksReady()).isEqualTo("0/1");
  }

  @Test
  void pausedConnectorAndTasksArePaused() throws IOException {
    Assessment assessment = Assessment.of(listing("listing-paused.json").get("src"), ConnectorState.PAUSED);
    assertThat(assessment.ready()).isTrue();
    assertThat(assessment.reason()).isEqualTo("Paused");
    assertThat(assessment.tasksReady()).isEqualTo("1/1");
  }

  @Test
  void stoppedConnectorHasNoTasks() throws IOException {
    ConnectorView src = listing("listing-stopped.json").get("src");
    Assessment stopped = Assessment.of(src, ConnectorState.STOPPED);
    assertThat(stopped.ready()).isTrue();
    assertThat(stopped.reason()).isEqualTo("Stopped");
    assertThat(stopped.tasksReady()).isEqualTo("0/0");
    assertThat(Assessment.of(src, ConnectorState.RUNNING).reason()).isEqualTo("Pending");
  }

  @Test
  void connectorWithoutStatusYetIsPending() {
    ConnectorView view = new ConnectorView("x", Map.of(), null, null, List.of());
    assertThat(Assessment.of(view, ConnectorState.RUNNING).reason()).isEqualTo("Pending");
  }

  @Test
  void statusCarriesTheTraceWithConfigValuesHidden() throws IOException {
    ConnectorView sink = listing("listing-running-and-failed.json").get("sink");
    KafkaConnectorStatus status = new KafkaConnectorStatus();
    Statuses.fillFromView(status, sink, "0/1", List.of("/nonexistent/dir/out.txt"));
    assertThat(status.getType()).isEqualTo("sink");
    assertThat(status.getState()).isEqualTo("RUNNING");
    assertThat(status.getConnector().workerId()).isEqualTo("127.0.0.1:40305");
    assertThat(status.getTasks()).hasSize(1);
    assertThat(status.getTasks().get(0).state()).isEqualTo("FAILED");
    assertThat(status.getTasks().get(0).trace()).contains("FileStreamSinkTask.start")
        .contains("[hidden]").doesNotContain("/nonexistent/dir/out.txt");
  }

  // listing-two-workers-one-killed.json: two workers, 127.232.209.7:8083 and 127.46.139.206:8083 (pod IP and REST
  // port); the listing was taken right after SIGKILL of the second, which held loss-source's connector and task.

  static final Duration DELAY = Duration.ofSeconds(15);
  static final Instant NOW = Instant.parse("2026-12-01T06:00:00Z");
  static final Pod SURVIVOR = WorkerPodsTest.pod("127.232.209.7", 8083, "Running", true);

  @Test
  void connectorOnAKilledWorkerWhoseContainerRestartsIsWorkerLostWithTheStateAsReported() throws IOException {
    ConnectorView src = listing("listing-two-workers-one-killed.json").get("loss-source");
    WorkerLiveness workers = WorkerLiveness.of(List.of(SURVIVOR,
        WorkerPodsTest.pod("127.46.139.206", 8083, "Running", false)), DELAY, NOW);
    Assessment assessment = Assessment.of(src, ConnectorState.RUNNING, workers);
    assertThat(assessment.ready()).isFalse();
    assertThat(assessment.failed()).isFalse();
    assertThat(assessment.reason()).isEqualTo("WorkerLost");
    assertThat(assessment.message()).isEqualTo("connector and task 0 are assigned to worker 127.46.139.206:8083, "
        + "whose pod is not ready; if that worker is gone, Connect reassigns them after "
        + "scheduled.rebalance.max.delay.ms (15 s)");
    assertThat(assessment.tasksReady()).isEqualTo("0/1");

    KafkaConnectorStatus status = new KafkaConnectorStatus();
    Statuses.fillFromView(status, src, assessment.tasksReady(), List.of());
    assertThat(status.getState()).isEqualTo("RUNNING");
    assertThat(status.getTasks().get(0).state()).isEqualTo("RUNNING");
    assertThat(status.getTasks().get(0).workerId()).isEqualTo("127.46.139.206:8083");
  }

  @Test
  void connectorOnAWorkerWhosePodIsGoneIsWorkerLostUntilConnectReassignsIt() throws IOException {
    Map<String, ConnectorView> listing = listing("listing-two-workers-one-killed.json");
    WorkerLiveness workers = WorkerLiveness.of(List.of(SURVIVOR), DELAY, NOW);
    Assessment source = Assessment.of(listing.get("loss-source"), ConnectorState.RUNNING, workers);
    assertThat(source.reason()).isEqualTo("WorkerLost");
    assertThat(source.message()).isEqualTo("connector and task 0 are assigned to worker 127.46.139.206:8083, which "
        + "is no longer running; Connect reassigns them after scheduled.rebalance.max.delay.ms (15 s)");
    Assessment sink = Assessment.of(listing.get("loss-sink"), ConnectorState.RUNNING, workers);
    assertThat(sink.ready()).as("on the surviving worker").isTrue();
    assertThat(sink.reason()).isEqualTo("Running");
  }

  @Test
  void theDelayNamedIsTheClusters() throws IOException {
    ConnectorView src = listing("listing-two-workers-one-killed.json").get("loss-source");
    Assessment assessment = Assessment.of(src, ConnectorState.RUNNING,
        WorkerLiveness.of(List.of(SURVIVOR), Duration.ofMillis(2500), NOW));
    assertThat(assessment.message()).endsWith("after scheduled.rebalance.max.delay.ms (2500 ms)");
  }

  /**
   * A container restarted in place keeps its pod and so its worker id, and its pod turns ready again long before
   * Connect reassigns the work of its previous run (session timeout, then the delay): what Connect still shows there
   * is stale until then, and the connector is WorkerLost; afterwards Connect's word counts again.
   */
  @Test
  void aWorkerRestartedInPlaceIsLostUntilConnectCanHaveReassignedItsWork() throws IOException {
    ConnectorView src = listing("listing-two-workers-one-killed.json").get("loss-source");
    Instant died = NOW.minusSeconds(8);
    Pod restarted = WorkerPodsTest.restarted(WorkerPodsTest.pod("127.46.139.206", 8083, "Running", true), died);
    WorkerLiveness soon = WorkerLiveness.of(List.of(SURVIVOR, restarted), DELAY, NOW);
    Assessment assessment = Assessment.of(src, ConnectorState.RUNNING, soon);
    assertThat(assessment.reason()).isEqualTo("WorkerLost");
    assertThat(assessment.message()).isEqualTo("connector and task 0 are assigned to worker 127.46.139.206:8083, "
        + "which restarted and has not been given work again yet; Connect reassigns them after "
        + "scheduled.rebalance.max.delay.ms (15 s)");
    assertThat(soon.nextChange()).isEqualTo(died.plus(WorkerLiveness.SESSION_TIMEOUT).plus(DELAY));

    WorkerLiveness later = WorkerLiveness.of(List.of(SURVIVOR, restarted), DELAY,
        died.plus(WorkerLiveness.SESSION_TIMEOUT).plus(DELAY).plusMillis(1));
    assertThat(Assessment.of(src, ConnectorState.RUNNING, later).reason()).isEqualTo("Running");
    assertThat(later.nextChange()).isNull();
  }

  @Test
  void aFailedTaskOnALostWorkerIsWorkerLostAndNotRestarted() throws IOException {
    ConnectorView sink = listing("listing-running-and-failed.json").get("sink");
    Assessment assessment = Assessment.of(sink, ConnectorState.RUNNING, WorkerLiveness.of(List.of(SURVIVOR), DELAY, NOW));
    assertThat(assessment.reason()).isEqualTo("WorkerLost");
    assertThat(assessment.failed()).as("auto-restart waits for Connect to reassign").isFalse();
  }

  @Test
  void aStoppedConnectorRunsNowhereSoItsWorkerDoesNotMatter() throws IOException {
    ConnectorView src = listing("listing-stopped.json").get("src");
    Assessment assessment = Assessment.of(src, ConnectorState.STOPPED, WorkerLiveness.of(List.of(SURVIVOR), DELAY, NOW));
    assertThat(assessment.ready()).isTrue();
    assertThat(assessment.reason()).isEqualTo("Stopped");
  }

  @Test
  void anExternalClusterIsNotChecked() throws IOException {
    ConnectorView src = listing("listing-two-workers-one-killed.json").get("loss-source");
    assertThat(Assessment.of(src, ConnectorState.RUNNING, WorkerLiveness.UNCHECKED).ready()).isTrue();
  }

  static Map<String, ConnectorView> listing(String file) throws IOException {
    try (InputStream in = AssessmentTest.class.getResourceAsStream("/connect-json/" + file)) {
      JsonNode root = new ObjectMapper().readTree(in);
      Map<String, ConnectorView> views = new LinkedHashMap<>();
      root.fields().forEachRemaining(e -> views.put(e.getKey(), ConnectorJson.view(e.getKey(), e.getValue())));
      return views;
    }
  }
}
