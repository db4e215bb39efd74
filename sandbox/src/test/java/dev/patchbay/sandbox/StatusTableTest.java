package dev.patchbay.sandbox;

import static org.assertj.core.api.Assertions.assertThat;

import io.fabric8.kubernetes.api.model.GenericKubernetesResource;
import io.fabric8.kubernetes.client.utils.Serialization;
import java.util.List;
import org.junit.jupiter.api.Test;

class StatusTableTest {

  static GenericKubernetesResource withReady(String status, String message) {
    return Serialization.unmarshal("""
        {"apiVersion": "patchbay.dev/v1alpha1", "kind": "KafkaConnect", "metadata": {"name": "pg", "namespace": "d"},
         "status": {"conditions": [{"type": "Ready", "status": "%s", "reason": "PluginFetchFailed",
                                    "message": "%s"}]}}
        """.formatted(status, message), GenericKubernetesResource.class);
  }

  @Test
  void theMessageOfWhatIsNotReadyShowsOnOneShortLine() {
    String url = "https://repo1.maven.org/maven2/io/debezium/debezium-connector-postgres/3.6.1.Final/"
        + "debezium-connector-postgres-3.6.1.Final-plugin.tar.gz";
    String message = StatusTable.notReadyMessage(withReady("False", "plugin debezium-postgres: HTTP 404 for " + url));

    assertThat(message).startsWith("plugin debezium-postgres: HTTP 404 for https://repo1.maven.org/")
        .hasSize(StatusTable.MAX_MESSAGE).endsWith("…");
    assertThat(StatusTable.notReadyMessage(withReady("False", "line one\\nline two"))).isEqualTo("line one line two");
    assertThat(StatusTable.notReadyMessage(withReady("True", "1/1 workers ready, Kafka Connect 4.3.1"))).isEmpty();
  }

  @Test
  void theMessageIsTheLastColumn() {
    List<String> lines = StatusTable.format(List.of(
        new StatusTable.Row("d/pg", "KafkaConnect", "PluginFetchFailed", "0/1 workers", "False", "plugin x: HTTP 404"),
        new StatusTable.Row("d/ok", "KafkaConnect", "Ready", "1/1 workers", "True", "")));

    assertThat(lines.get(0).split("\\s+")).containsExactly("NAME", "KIND", "STATE", "TASKS", "READY", "MESSAGE");
    assertThat(lines.get(1)).endsWith("False   plugin x: HTTP 404");
    assertThat(lines.get(2)).endsWith("True");
  }
}
