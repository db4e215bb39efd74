package dev.patchbay.worker;

import static org.assertj.core.api.Assertions.assertThat;

import dev.patchbay.testkit.WorkerDistribution;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;

/** The Dockerfile only copies what the build produced, runs as non-root and starts the entrypoint. */
class DockerfileIT {
  static final Path MODULE = Path.of("").toAbsolutePath();
  static final List<String> LINES = read(MODULE.resolve("Dockerfile"));

  @Test
  void copySourcesExistInTheBuildOutput() {
    List<String> copies = instructions("COPY");

    assertThat(copies).isNotEmpty();
    for (String copy : copies) {
      List<String> args = List.of(copy.replaceAll("--\\S+", "").trim().split("\\s+"));
      for (String source : args.subList(0, args.size() - 1)) {
        assertThat(MODULE.resolve(source)).as("COPY source %s", source).exists();
      }
    }
    assertThat(String.join("\n", copies)).contains("target/patchbay-worker/");
  }

  @Test
  void runsAsANonRootUser() {
    List<String> users = instructions("USER");

    assertThat(users).isNotEmpty();
    String user = users.get(users.size() - 1).split(":")[0];
    assertThat(user).isNotIn("root", "0");
    assertThat(user).matches("\\d+"); // numeric, so runAsNonRoot can verify it
  }

  @Test
  void entrypointExistsInTheDistributionAndIsExecutable() {
    String entrypoint = instructions("ENTRYPOINT").get(0);
    Matcher m = Pattern.compile("\\[\\s*\"([^\"]+)\"").matcher(entrypoint);
    assertThat(m.find()).as("exec-form ENTRYPOINT: %s", entrypoint).isTrue();
    String imagePath = m.group(1);
    String copy = instructions("COPY").stream().filter(c -> c.contains("target/patchbay-worker/")).findFirst().orElseThrow();
    String destination = copy.substring(copy.lastIndexOf(' ') + 1);

    assertThat(imagePath).startsWith(destination);
    Path inDist = WorkerDistribution.locate().home().resolve(imagePath.substring(destination.length()));
    assertThat(inDist).isRegularFile();
    assertThat(Files.isExecutable(inDist)).isTrue();
    assertThat(Files.isExecutable(WorkerDistribution.locate().bin("connect-distributed"))).isTrue();
  }

  @Test
  void baseImageIsAJre17() {
    assertThat(instructions("FROM")).containsExactly("eclipse-temurin:17-jre");
  }

  private static List<String> instructions(String keyword) {
    return LINES.stream()
        .filter(l -> l.regionMatches(true, 0, keyword + " ", 0, keyword.length() + 1))
        .map(l -> l.substring(keyword.length()).trim())
        .toList();
  }

  private static List<String> read(Path file) {
    try {
      // join continuation lines, drop comments
      String text = Files.readString(file).replaceAll("\\\\\\n", " ");
      return text.lines().map(String::trim).filter(l -> !l.isEmpty() && !l.startsWith("#")).toList();
    } catch (java.io.IOException e) {
      throw new IllegalStateException(e);
    }
  }
}
