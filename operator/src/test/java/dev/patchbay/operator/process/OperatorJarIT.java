package dev.patchbay.operator.process;

import dev.patchbay.testkit.apiserver.StrictApiServer;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.fasterxml.jackson.databind.ObjectMapper;
import dev.patchbay.testkit.RepoFiles;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.ServerSocket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;

/**
 * The shaded jar that operator/Dockerfile copies, run as the image runs it: {@code java -jar} with settings in the
 * environment, against the mock API server, stopped with SIGTERM.
 */
class OperatorJarIT {

  private static final Path JAR = Path.of(System.getProperty("patchbay.operator.jar",
      RepoFiles.resolve("operator/target/patchbay-operator.jar").toString()));

  @Test
  void dockerfileCopiesFilesTheBuildProducedAndRunsAsNonRoot() throws IOException {
    Path dockerfile = RepoFiles.resolve("operator/Dockerfile");
    String text = Files.readString(dockerfile);
    assertThat(text).contains("FROM eclipse-temurin:17-jre");
    Matcher copy = Pattern.compile("(?m)^COPY\\s+(\\S+)\\s+(\\S+)\\s*$").matcher(text);
    List<String> destinations = new ArrayList<>();
    while (copy.find()) {
      assertThat(RepoFiles.resolve(copy.group(1))).as("COPY source %s (relative to the repository root, the build "
          + "context)", copy.group(1)).isRegularFile();
      destinations.add(copy.group(2));
    }
    assertThat(destinations).containsExactly("/opt/patchbay/patchbay-operator.jar");
    assertThat(RepoFiles.resolve("operator/target/patchbay-operator.jar")).isEqualTo(JAR);
    Matcher user = Pattern.compile("(?m)^USER\\s+(\\d+)").matcher(text);
    assertThat(user.find()).as("a numeric USER, so runAsNonRoot can verify it").isTrue();
    assertThat(Integer.parseInt(user.group(1))).isPositive();
    assertThat(text).containsPattern("ENTRYPOINT \\[\"java\",.*\"-jar\", \"/opt/patchbay/patchbay-operator.jar\"\\]");
  }

  @Test
  void badSettingStopsTheProcessWithExitCode2NamingTheVariable() throws Exception {
    Process process = java(Map.of("PATCHBAY_LEADER_ELECTION", "maybe"));
    assertThat(process.waitFor(60, TimeUnit.SECONDS)).isTrue();
    assertThat(process.exitValue()).isEqualTo(2);
    assertThat(new String(process.getInputStream().readAllBytes(), StandardCharsets.UTF_8))
        .contains("PATCHBAY_LEADER_ELECTION=maybe is not valid");
  }

  @Test
  void jarServesItsEndpointsAndStopsCleanlyOnSigterm() throws Exception {
    try (StrictApiServer api = StrictApiServer.start()) {
      int port = freePort();
      Path log = Files.createTempFile("patchbay-operator", ".log");
      Process process = java(Map.of(
          "KUBERNETES_MASTER", api.url(),
          "KUBERNETES_NAMESPACE", "test",
          "PATCHBAY_HTTP_PORT", Integer.toString(port),
          "PATCHBAY_LOG_FORMAT", "json",
          "PATCHBAY_POLL_INTERVAL", "10s"), log);
      try {
        await().atMost(Duration.ofSeconds(60)).ignoreExceptions()
            .until(() -> OperatorProcessTest.get(port, "/readyz").statusCode() == 200);
        assertThat(OperatorProcessTest.get(port, "/healthz").statusCode()).isEqualTo(200);
        assertThat(OperatorProcessTest.get(port, "/metrics").body())
            .contains("# TYPE patchbay_reconciliations_total counter").contains("patchbay_leader 1");
      } finally {
        process.destroy();
      }
      assertThat(process.waitFor(60, TimeUnit.SECONDS)).as("stopped within 60 s of SIGTERM").isTrue();
      List<String> lines = Files.readAllLines(log);
      assertThat(lines).anySatisfy(l -> assertThat(l).contains("Patchbay operator stopped"));
      ObjectMapper json = new ObjectMapper();
      for (String line : lines) {
        assertThat(json.readTree(line).has("message")).as("a JSON log line: %s", line).isTrue();
      }
    }
  }

  private static Process java(Map<String, String> env) throws IOException {
    return java(env, null);
  }

  private static Process java(Map<String, String> env, Path output) throws IOException {
    assertThat(JAR).as("the shaded jar; run mvn -B verify, which packages before the *IT tests").isRegularFile();
    Path javaBin = Path.of(System.getProperty("java.home"), "bin", "java");
    ProcessBuilder builder = new ProcessBuilder(javaBin.toString(), "-jar", JAR.toString()).redirectErrorStream(true);
    builder.environment().keySet().removeIf(k -> k.startsWith("PATCHBAY_") || k.startsWith("KUBERNETES_")
        || k.equals("WATCH_NAMESPACES") || k.startsWith("POD_"));
    builder.environment().put("KUBECONFIG", "/nonexistent/kubeconfig");
    builder.environment().putAll(env);
    if (output != null) {
      builder.redirectOutput(output.toFile());
    }
    return builder.start();
  }

  private static int freePort() {
    try (ServerSocket socket = new ServerSocket(0)) {
      return socket.getLocalPort();
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }
}
