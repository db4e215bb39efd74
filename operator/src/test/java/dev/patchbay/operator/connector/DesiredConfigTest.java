package dev.patchbay.operator.connector;

import static org.assertj.core.api.Assertions.assertThat;

import dev.patchbay.operator.api.KafkaConnector;
import java.io.IOException;
import java.util.LinkedHashMap;
import java.util.Map;
import org.junit.jupiter.api.Test;

class DesiredConfigTest {

  static KafkaConnector connector(String name, String cls, Integer tasksMax, Map<String, String> config) {
    KafkaConnector resource = new KafkaConnector();
    resource.getMetadata().setName(name);
    resource.getMetadata().setNamespace("data");
    resource.getSpec().setConnectCluster("connect");
    resource.getSpec().setConnectorClass(cls);
    resource.getSpec().setTasksMax(tasksMax);
    resource.getSpec().setConfig(new LinkedHashMap<>(config));
    return resource;
  }

  @Test
  void desiredConfigAddsNameClassAndTasksMaxAsStrings() {
    Map<String, String> desired = DesiredConfig.of(connector("src", "FileStreamSource", 2,
        Map.of("file", "/tmp/a", "topic", "t")));
    assertThat(desired).containsExactlyInAnyOrderEntriesOf(Map.of("name", "src", "connector.class",
        "FileStreamSource", "tasks.max", "2", "file", "/tmp/a", "topic", "t"));
  }

  @Test
  void liveConfigCapturedFromConnectEqualsTheDesiredOne() throws IOException {
    var live = AssessmentTest.listing("listing-running-and-failed.json").get("src").config();
    var desired = DesiredConfig.of(connector("src", "FileStreamSource", 1,
        Map.of("file", "/tmp/capture/src.txt", "topic", "t1")));
    assertThat(DesiredConfig.changedKeys(desired, live)).isEmpty();
  }

  @Test
  void representationDifferencesAreNotChanges() {
    Map<String, String> desired = Map.of("name", "x", "connector.class", "FileStreamSource", "tasks.max", "1",
        "topic", "t");
    Map<String, String> live = Map.of("name", "x", "connector.class",
        "org.apache.kafka.connect.file.FileStreamSourceConnector", "tasks.max", "01", "topic", " t ");
    assertThat(DesiredConfig.changedKeys(desired, live)).isEmpty();
    assertThat(DesiredConfig.sameClass("FileStreamSourceConnector",
        "org.apache.kafka.connect.file.FileStreamSourceConnector")).isTrue();
  }

  @Test
  void realDifferencesAreReportedByKeyOnly() {
    Map<String, String> desired = Map.of("name", "x", "connector.class", "FileStreamSource", "topic", "t2",
        "batch.size", "10");
    Map<String, String> live = Map.of("name", "x", "connector.class", "FileStreamSink", "topic", "t",
        "extra", "y");
    assertThat(DesiredConfig.changedKeys(desired, live))
        .containsExactly("batch.size", "connector.class", "extra", "topic");
  }

  @Test
  void secretsAreTheSpecConfigValues() {
    KafkaConnector resource = connector("x", "C", 1, Map.of("connection.password", "s3cr3t-value"));
    assertThat(DesiredConfig.secretsOf(resource)).containsExactly("s3cr3t-value");
  }
}
