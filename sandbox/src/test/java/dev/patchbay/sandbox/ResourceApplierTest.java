package dev.patchbay.sandbox;

import static org.assertj.core.api.Assertions.assertThat;

import dev.patchbay.operator.api.ApiGroup;
import dev.patchbay.sandbox.api.EmbeddedApiServer;
import io.fabric8.kubernetes.api.model.GenericKubernetesResource;
import io.fabric8.kubernetes.client.KubernetesClient;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The rewrites that make cluster YAML run in the sandbox, on the bundled quick start. */
class ResourceApplierTest {

  static EmbeddedApiServer api;
  static KubernetesClient client;
  @TempDir
  static Path dir;

  @BeforeAll
  static void start() {
    api = EmbeddedApiServer.start();
    client = api.newClient("default");
  }

  @AfterAll
  static void stop() {
    client.close();
    api.close();
  }

  @Test
  void quickStartPointsAtTheEmbeddedBrokerAndTheSandboxFiles() throws Exception {
    ResourceApplier applier = new ResourceApplier(client, "qs", "127.0.0.1:9999", dir.resolve("data"),
        dir.resolve("secrets"));
    List<ResourceApplier.Applied> applied = applier.applyBundledQuickstart();

    assertThat(applied).extracting(ResourceApplier.Applied::kind)
        .containsExactly("KafkaConnect", "KafkaConnector", "KafkaConnector");
    GenericKubernetesResource kc = client.genericKubernetesResources(ApiGroup.API_VERSION, "KafkaConnect")
        .inNamespace("qs").withName("my-connect").get();
    assertThat(kc.<String>get("spec", "bootstrapServers")).isEqualTo("127.0.0.1:9999");
    GenericKubernetesResource source = client.genericKubernetesResources(ApiGroup.API_VERSION, "KafkaConnector")
        .inNamespace("qs").withName("file-source").get();
    Path sourceFile = dir.resolve("data/source-data.txt");
    assertThat(source.<String>get("spec", "config", "file")).isEqualTo(sourceFile.toString());
    assertThat(Files.readAllLines(sourceFile)).isEqualTo(ResourceApplier.SOURCE_LINES);
    assertThat(applier.dataFiles()).extracting(ResourceApplier.DataFile::role).containsExactlyInAnyOrder(
        "source", "sink");
    assertThat(client.namespaces().withName("qs").get()).isNotNull();
  }

  @Test
  void secretPathsInConnectorConfigPointAtTheMountedSecrets() throws Exception {
    Path file = dir.resolve("jdbc.yaml");
    Files.writeString(file, """
        apiVersion: patchbay.dev/v1alpha1
        kind: KafkaConnector
        metadata: {name: jdbc, namespace: db}
        spec:
          connectCluster: c
          class: X
          config:
            connection.password: ${dir:/opt/patchbay/secrets/db-credentials:password}
        """);
    new ResourceApplier(client, "qs", "b:9092", dir.resolve("data"), dir.resolve("secrets")).apply(List.of(file));
    GenericKubernetesResource r = client.genericKubernetesResources(ApiGroup.API_VERSION, "KafkaConnector")
        .inNamespace("db").withName("jdbc").get();
    assertThat(r.<String>get("spec", "config", "connection.password"))
        .isEqualTo("${dir:" + dir.resolve("secrets/db/db-credentials") + ":password}");
  }
}
