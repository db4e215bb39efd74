package dev.patchbay.operator.api;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * Resources the API server must reject are rejected by the CRD schema or by its CEL rules, evaluated by a real CEL
 * implementation as the strict test API server does.
 */
class InvalidResourcesTest {

  private static final ResourceValidator VALIDATOR = new ResourceValidator();
  /** What a real API server answers, field and message, from the CRD's CEL rule. */
  private static final String RESERVED_CONNECTOR_KEYS = "spec.config: Invalid value: \"object\": spec.config may not "
      + "contain name, connector.class, tasks.max or connector.plugin.version: use metadata.name, spec.class, "
      + "spec.tasksMax and spec.version";

  private static final String CONNECTOR = """
      apiVersion: patchbay.dev/v1alpha1
      kind: KafkaConnector
      metadata: {name: file-source}
      spec:
        connectCluster: my-connect
        class: FileStreamSource
      %s
      """;

  private static final String CONNECT = """
      apiVersion: patchbay.dev/v1alpha1
      kind: KafkaConnect
      metadata: {name: %s}
      spec:
      %s
      """;

  private static List<String> problems(String yaml) {
    JsonNode document = ResourceValidator.documents(yaml).get(0);
    return VALIDATOR.problems(document);
  }

  private static String connector(String extraSpec) {
    return CONNECTOR.formatted(extraSpec.indent(2).stripTrailing());
  }

  private static String connect(String name, String spec) {
    return CONNECT.formatted(name, spec.indent(2).stripTrailing());
  }

  @Test
  void minimalResourcesAreAccepted() {
    assertThat(problems(connector("tasksMax: 1"))).isEmpty();
    assertThat(problems(connect("my-connect", "bootstrapServers: kafka:9092"))).isEmpty();
    assertThat(problems(connect("legacy", "restUrl: http://legacy:8083"))).isEmpty();
  }

  @Test
  void connectorConfigHoldingConnectorClassIsRejected() {
    assertThat(problems(connector("config: {connector.class: FileStreamSink}")))
        .containsExactly(RESERVED_CONNECTOR_KEYS);
  }

  @Test
  void connectorConfigHoldingNameOrTasksMaxIsRejected() {
    assertThat(problems(connector("config: {name: other, tasks.max: '2'}")))
        .containsExactly(RESERVED_CONNECTOR_KEYS);
  }

  @Test
  void zeroTasksMaxIsRejected() {
    assertThat(problems(connector("tasksMax: 0"))).anySatisfy(p -> assertThat(p).contains("tasksMax"));
  }

  @Test
  void unknownStateIsRejected() {
    assertThat(problems(connector("state: sleeping"))).anySatisfy(p -> assertThat(p).contains("state"));
  }

  @Test
  void unknownFieldIsRejected() {
    assertThat(problems(connector("taskMax: 2"))).anySatisfy(p -> assertThat(p).contains("taskMax"));
  }

  @Test
  void connectorWithoutClusterIsRejected() {
    String yaml = """
        apiVersion: patchbay.dev/v1alpha1
        kind: KafkaConnector
        metadata: {name: x}
        spec: {class: FileStreamSource}
        """;
    assertThat(problems(yaml)).anySatisfy(p -> assertThat(p).contains("connectCluster"));
  }

  @Test
  void kafkaConnectWithBothBootstrapServersAndRestUrlIsRejected() {
    assertThat(problems(connect("my-connect", "bootstrapServers: kafka:9092\nrestUrl: http://legacy:8083")))
        .anySatisfy(p -> assertThat(p).contains("exactly one of bootstrapServers"));
  }

  @Test
  void kafkaConnectWithNeitherBootstrapServersNorRestUrlIsRejected() {
    assertThat(problems(connect("my-connect", "replicas: 1")))
        .anySatisfy(p -> assertThat(p).contains("exactly one of bootstrapServers"));
  }

  @Test
  void workerConfigWithGroupIdIsRejected() {
    assertThat(problems(connect("my-connect", "bootstrapServers: kafka:9092\nconfig: {group.id: mine}")))
        .anySatisfy(p -> assertThat(p).contains("keys that Patchbay owns: group.id"));
  }

  @Test
  void workerConfigWithConfigProviderDefinitionIsRejected() {
    assertThat(problems(connect("my-connect",
        "bootstrapServers: kafka:9092\nconfig: {config.providers.vault.class: x.Y}")))
        .anySatisfy(p -> assertThat(p).startsWith("spec.config: Invalid value: \"object\": spec.config may not set "
            + "keys that Patchbay owns").contains("config.providers*"));
  }

  @Test
  void kafkaConnectNameThatIsNoDns1035LabelIsRejected() {
    assertThat(problems(connect("1st-connect", "bootstrapServers: kafka:9092")))
        .anySatisfy(p -> assertThat(p).contains("DNS-1035"));
    assertThat(problems(connect("a".repeat(52), "bootstrapServers: kafka:9092")))
        .anySatisfy(p -> assertThat(p).contains("at most 51"));
    assertThat(problems(connect("a".repeat(51), "bootstrapServers: kafka:9092"))).isEmpty();
  }

  @Test
  void pluginArtifactWithoutSha512IsRejected() {
    String spec = """
        bootstrapServers: kafka:9092
        plugins:
          - name: jdbc
            artifacts: [{url: https://example.com/jdbc.zip}]
        """;
    assertThat(problems(connect("my-connect", spec))).anySatisfy(p -> assertThat(p).contains("sha512"));
  }

  @Test
  void pluginArtifactWithShortSha512IsRejected() {
    String spec = """
        bootstrapServers: kafka:9092
        plugins:
          - name: jdbc
            artifacts: [{url: https://example.com/jdbc.zip, sha512: abc}]
        """;
    assertThat(problems(connect("my-connect", spec))).anySatisfy(p -> assertThat(p).contains("sha512"));
  }

  private static String plugin(String artifact) {
    return """
        bootstrapServers: kafka:9092
        plugins:
          - name: debezium-postgres
            artifacts:
              - %s
        """.formatted(artifact);
  }

  @Test
  void pluginArtifactByMavenCoordinatesIsAcceptedWithOrWithoutSha512AndRepository() {
    String maven = "maven: {group: io.debezium, artifact: debezium-connector-postgres, version: 3.6.1.Final, "
        + "classifier: plugin, type: tar.gz}";
    assertThat(problems(connect("my-connect", plugin("{" + maven + "}")))).isEmpty();
    assertThat(problems(connect("my-connect", plugin("{" + maven + ", repository: https://nexus.example.com/maven2, "
        + "sha512: " + "a".repeat(128) + "}")))).isEmpty();
  }

  @Test
  void pluginArtifactWithBothOrNeitherOfUrlAndMavenIsRejected() {
    String rule = "set exactly one of url (with sha512) or maven (Maven coordinates) in each plugin artifact";
    assertThat(problems(connect("my-connect", plugin("{url: https://example.com/a.jar, sha512: " + "a".repeat(128)
        + ", maven: {group: g, artifact: a, version: '1'}}")))).anySatisfy(p -> assertThat(p).contains(rule));
    assertThat(problems(connect("my-connect", plugin("{sha512: " + "a".repeat(128) + "}"))))
        .anySatisfy(p -> assertThat(p).contains(rule));
  }

  @Test
  void repositoryAndUrlTypeBelongToTheirOwnKindOfArtifact() {
    assertThat(problems(connect("my-connect", plugin("{url: https://example.com/a.jar, sha512: " + "a".repeat(128)
        + ", repository: https://repo.example.com/maven2}"))))
        .anySatisfy(p -> assertThat(p).contains("repository applies to maven artifacts only"));
    assertThat(problems(connect("my-connect", plugin("{maven: {group: g, artifact: a, version: '1'}, type: zip}"))))
        .anySatisfy(p -> assertThat(p).contains("for a maven artifact set maven.type"));
  }

  @Test
  void mavenCoordinatesAreCheckedFieldByField() {
    assertThat(problems(connect("my-connect", plugin("{maven: {group: g, version: '1'}}"))))
        .anySatisfy(p -> assertThat(p).contains("artifact"));
    assertThat(problems(connect("my-connect", plugin("{maven: {group: ../etc, artifact: a, version: '1'}}"))))
        .anySatisfy(p -> assertThat(p).contains("group"));
    assertThat(problems(connect("my-connect", plugin("{maven: {group: g, artifact: a, version: '1', type: rar}}"))))
        .anySatisfy(p -> assertThat(p).contains("type"));
  }
}
