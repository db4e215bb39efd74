package dev.patchbay.operator.connector;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.patchbay.operator.api.ConnectorState;
import dev.patchbay.operator.api.KafkaConnectorStatus;
import dev.patchbay.operator.connect.ConnectorJson;
import dev.patchbay.operator.connect.ConnectorView;
import java.io.IOException;
import java.io.InputStream;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** Status mapping from listings captured from a real Connect 4.3.1 worker (src/test/resources/connect-json). */
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

  static Map<String, ConnectorView> listing(String file) throws IOException {
    try (InputStream in = AssessmentTest.class.getResourceAsStream("/connect-json/" + file)) {
      JsonNode root = new ObjectMapper().readTree(in);
      Map<String, ConnectorView> views = new LinkedHashMap<>();
      root.fields().forEachRemaining(e -> views.put(e.getKey(), ConnectorJson.view(e.getKey(), e.getValue())));
      return views;
    }
  }
}
