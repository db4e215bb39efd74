package dev.patchbay.operator.cluster;

import static org.assertj.core.api.Assertions.assertThat;

import dev.patchbay.operator.api.KafkaConnect;
import io.fabric8.kubernetes.api.model.HasMetadata;
import io.fabric8.kubernetes.client.utils.Serialization;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.stream.Stream;

/**
 * Golden files, kroxylicious style: {@code golden/<scenario>/in-kafkaconnect.yaml} and one {@code out-<kind>.yaml}
 * per built object. Run with {@code -Dpatchbay.updateGolden=true} to rewrite the expected files from the builders,
 * then review the diff.
 */
final class Golden {

  static final boolean UPDATE = Boolean.getBoolean("patchbay.updateGolden");
  private static final Path SOURCE_DIR = Path.of("src", "test", "resources", "golden");

  private Golden() {
  }

  static Stream<String> scenarios() {
    try (Stream<Path> dirs = Files.list(SOURCE_DIR)) {
      return dirs.filter(Files::isDirectory).map(p -> p.getFileName().toString()).sorted().toList().stream();
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  static KafkaConnect input(String scenario) {
    try (InputStream in = Files.newInputStream(SOURCE_DIR.resolve(scenario).resolve("in-kafkaconnect.yaml"))) {
      return Serialization.unmarshal(in, KafkaConnect.class);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  /** Compares each object with its golden file, or rewrites the file in update mode. */
  static void check(String scenario, List<HasMetadata> objects) throws IOException {
    Path dir = SOURCE_DIR.resolve(scenario);
    for (HasMetadata object : objects) {
      Path file = dir.resolve("out-" + object.getKind() + ".yaml");
      String actual = Serialization.asYaml(object);
      if (UPDATE) {
        Files.writeString(file, actual, StandardCharsets.UTF_8);
      } else {
        assertThat(file).as("golden file %s (regenerate with -Dpatchbay.updateGolden=true)", file).exists();
        assertThat(actual).as("%s differs from %s", object.getKind(), file)
            .isEqualTo(Files.readString(file, StandardCharsets.UTF_8));
      }
    }
    try (Stream<Path> files = Files.list(dir)) {
      List<String> expectedKinds = objects.stream().map(o -> "out-" + o.getKind() + ".yaml").toList();
      assertThat(files.map(p -> p.getFileName().toString()).filter(n -> n.startsWith("out-")))
          .as("no stale golden files in %s", dir)
          .containsExactlyInAnyOrderElementsOf(expectedKinds);
    }
  }
}
