package dev.patchbay.operator.api;

import static org.assertj.core.api.Assertions.assertThat;

import io.fabric8.kubernetes.api.model.ObjectMetaBuilder;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** ApiRules on Java objects, as the reconcilers call it (no schema involved). */
class ApiRulesTest {

  private static KafkaConnect connect(String name, String bootstrapServers, String restUrl) {
    KafkaConnect connect = new KafkaConnect();
    connect.setMetadata(new ObjectMetaBuilder().withName(name).build());
    connect.getSpec().setBootstrapServers(bootstrapServers);
    connect.getSpec().setRestUrl(restUrl);
    return connect;
  }

  private static KafkaConnector connector(Map<String, String> config) {
    KafkaConnector connector = new KafkaConnector();
    connector.setMetadata(new ObjectMetaBuilder().withName("file-source").build());
    connector.getSpec().setConnectCluster("my-connect");
    connector.getSpec().setConnectorClass("FileStreamSource");
    connector.getSpec().setConfig(config);
    return connector;
  }

  @Test
  void validResourcesHaveNoViolations() {
    assertThat(ApiRules.violations(connect("my-connect", "kafka:9092", null))).isEmpty();
    assertThat(ApiRules.violations(connect("legacy", null, "https://legacy:8083"))).isEmpty();
    assertThat(ApiRules.violations(connector(Map.of("file", "/tmp/x")))).isEmpty();
  }

  @Test
  void blankBootstrapServersCountsAsUnset() {
    assertThat(ApiRules.violations(connect("my-connect", " ", null)))
        .containsExactly("spec: set exactly one of bootstrapServers (managed mode: Patchbay runs the workers) or "
            + "restUrl (external mode: an existing Connect cluster)");
  }

  @Test
  void operatorOwnedKeysAreListedByName() {
    KafkaConnect connect = connect("my-connect", "kafka:9092", null);
    connect.getSpec().setConfig(Map.of("plugin.path", "/x"));
    assertThat(ApiRules.violations(connect)).containsExactly(
        "spec.config may not set keys that Patchbay owns: plugin.path");
    assertThat(ApiRules.isOperatorOwnedWorkerKey("config.providers.dir.class")).isTrue();
    assertThat(ApiRules.isOperatorOwnedWorkerKey("key.converter")).isFalse();
  }

  @Test
  void pluginArtifactWithoutSha512IsAViolation() {
    KafkaConnect connect = connect("my-connect", "kafka:9092", null);
    connect.getSpec().setPlugins(List.of(new ConnectPlugin("jdbc",
        List.of(new PluginArtifact("https://example.com/jdbc.zip", null)))));
    assertThat(ApiRules.violations(connect)).containsExactly(
        "spec.plugins[0].artifacts[0].sha512 is required: every plugin artifact is checked against its SHA-512");
  }

  @Test
  void reservedConnectorKeysAreAViolation() {
    assertThat(ApiRules.violations(connector(Map.of("tasks.max", "3"))))
        .containsExactly("spec.config may not contain tasks.max: use metadata.name, spec.class and spec.tasksMax");
  }

  @Test
  void missingSpecIsAViolation() {
    KafkaConnector connector = new KafkaConnector();
    connector.setMetadata(new ObjectMetaBuilder().withName("x").build());
    connector.setSpec(null);
    assertThat(ApiRules.violations(connector)).containsExactly("spec is required");
  }
}
