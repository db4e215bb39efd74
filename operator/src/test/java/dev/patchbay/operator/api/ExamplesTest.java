package dev.patchbay.operator.api;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import dev.patchbay.testkit.RepoFiles;
import io.fabric8.kubernetes.api.model.GenericKubernetesResource;
import io.fabric8.kubernetes.api.model.HasMetadata;
import io.fabric8.kubernetes.client.utils.Serialization;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/** Every YAML document under examples/ is accepted by the committed CRDs (schema and CEL rules). */
class ExamplesTest {

  private static final ResourceValidator VALIDATOR = new ResourceValidator();

  record Example(Path file, int index, JsonNode document) {
    @Override
    public String toString() {
      return RepoFiles.root().relativize(file) + "#" + index + " " + document.path("kind").asText() + "/"
          + document.path("metadata").path("name").asText();
    }
  }

  static List<Example> examples() {
    Path dir = RepoFiles.resolve("examples");
    try (Stream<Path> files = Files.walk(dir)) {
      return files
          .filter(f -> f.toString().endsWith(".yaml") || f.toString().endsWith(".yml"))
          .sorted()
          .flatMap(f -> {
            List<JsonNode> documents = ResourceValidator.documents(read(f));
            return java.util.stream.IntStream.range(0, documents.size())
                .mapToObj(i -> new Example(f, i, documents.get(i)));
          })
          .toList();
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("examples")
  void exampleIsAcceptedByTheCrds(Example example) {
    JsonNode document = example.document();
    assertThat(document.path("metadata").has("namespace"))
        .as("examples carry no namespace, so kubectl apply -n <ns> works")
        .isFalse();
    if (ResourceValidator.isPatchbayKind(document)) {
      assertThat(VALIDATOR.problems(document)).isEmpty();
    } else {
      HasMetadata resource = Serialization.unmarshal(document.toString());
      assertThat(resource).as("a built-in Kubernetes kind").isNotInstanceOf(GenericKubernetesResource.class);
    }
  }

  @Test
  void thereAreExamplesOfEveryFeatureTheReadmeShows() {
    List<Example> all = examples();
    assertThat(all).extracting(Example::toString).contains(
        "examples/kafka-connect.yaml#0 KafkaConnect/my-connect",
        "examples/kafka-connect-external.yaml#0 KafkaConnect/legacy-connect",
        "examples/file-source.yaml#0 KafkaConnector/file-source",
        "examples/file-sink.yaml#0 KafkaConnector/file-sink",
        "examples/smt-chain.yaml#0 KafkaConnector/file-source-enriched",
        "examples/paused-connector.yaml#0 KafkaConnector/file-sink-archive",
        "examples/cdc/kafka-connect.yaml#0 KafkaConnect/cdc-connect",
        "examples/cdc/postgres-credentials.yaml#0 Secret/postgres-credentials",
        "examples/cdc/orders-source.yaml#0 KafkaConnector/orders-source",
        "examples/cdc/orders-sink.yaml#0 KafkaConnector/orders-sink",
        "examples/quickstart/kafka-connect.yaml#0 KafkaConnect/my-connect",
        "examples/quickstart/file-source.yaml#0 KafkaConnector/file-source",
        "examples/quickstart/file-sink.yaml#0 KafkaConnector/file-sink");
  }

  @Test
  void everyConnectorRunsOnAKafkaConnectOfItsOwnFolder() {
    List<Example> all = examples();
    for (Example connector : all) {
      if (!"KafkaConnector".equals(connector.document().path("kind").asText())) {
        continue;
      }
      String cluster = connector.document().path("spec").path("connectCluster").asText();
      assertThat(all)
          .as("%s runs on KafkaConnect %s, which must be in %s", connector, cluster, connector.file().getParent())
          .anyMatch(c -> "KafkaConnect".equals(c.document().path("kind").asText())
              && cluster.equals(c.document().path("metadata").path("name").asText())
              && c.file().getParent().equals(connector.file().getParent()));
    }
  }

  @Test
  void quickstartRunsTheLabFilePipeline() {
    Path quickstart = RepoFiles.resolve("examples/quickstart");
    for (String file : List.of("file-source.yaml", "file-sink.yaml")) {
      assertThat(read(quickstart.resolve(file))).as("examples/quickstart/%s is the same as examples/%s", file, file)
          .isEqualTo(read(RepoFiles.resolve("examples/" + file)));
    }
    JsonNode source = ResourceValidator.documents(read(quickstart.resolve("file-source.yaml"))).get(0);
    assertThat(source.at("/spec/class").asText()).isEqualTo("FileStreamSource");
    assertThat(source.at("/spec/config/file").asText()).isEqualTo("/tmp/source-data.txt");
    assertThat(source.at("/spec/config/topic").asText()).isEqualTo("file-topic");
    JsonNode sink = ResourceValidator.documents(read(quickstart.resolve("file-sink.yaml"))).get(0);
    assertThat(sink.at("/spec/class").asText()).isEqualTo("FileStreamSink");
    assertThat(sink.at("/spec/config/file").asText()).isEqualTo("/tmp/sink-output.txt");
    assertThat(sink.at("/spec/config/topics").asText()).isEqualTo("file-topic");
    JsonNode connect = ResourceValidator.documents(read(quickstart.resolve("kafka-connect.yaml"))).get(0);
    assertThat(connect.at("/spec/bootstrapServers").asText()).isEqualTo("localhost:9092");
  }

  private static String read(Path file) {
    try {
      return Files.readString(file);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }
}
