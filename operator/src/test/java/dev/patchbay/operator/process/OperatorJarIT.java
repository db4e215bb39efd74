package dev.patchbay.operator.process;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.fasterxml.jackson.databind.ObjectMapper;
import dev.patchbay.operator.api.Condition;
import dev.patchbay.operator.api.KafkaConnect;
import dev.patchbay.operator.api.KafkaConnector;
import dev.patchbay.testkit.EmbeddedKafka;
import dev.patchbay.testkit.WorkerProcess;
import io.fabric8.kubernetes.client.KubernetesClient;
import dev.patchbay.testkit.RepoFiles;
import dev.patchbay.testkit.apiserver.StrictApiServer;
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
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.io.TempDir;

/**
 * The shaded jar that operator/Dockerfile copies, run as users run it: {@code java -jar} with settings in the
 * environment, configured from a kubeconfig file (as the README's local run does) or the in-cluster way (service
 * account token, {@code KUBERNETES_SERVICE_HOST}/{@code PORT}, HTTPS), against the strict test API server, with a
 * real Kafka broker and a real Connect worker so that both kinds reach Ready; stopped with SIGTERM.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class OperatorJarIT {

  private static final String NS = "jar";
  private static final String TOKEN = "patchbay-operator-token";

  private EmbeddedKafka kafka;
  private WorkerProcess worker;

  @BeforeAll
  void startKafkaAndWorker() {
    kafka = EmbeddedKafka.start();
    worker = WorkerProcess.builder().bootstrapServers(kafka.bootstrapServers()).start()
        .awaitReady(Duration.ofSeconds(90));
  }

  @AfterAll
  void stopKafkaAndWorker() {
    if (worker != null) {
      worker.close();
    }
    if (kafka != null) {
      kafka.close();
    }
  }

  @Test
  void startedFromAKubeconfigFileReconcilesBothKindsToReady(@TempDir Path dir) throws Exception {
    try (StrictApiServer api = StrictApiServer.builder().requireToken(TOKEN).start()) {
      Path kubeconfig = dir.resolve("kubeconfig");
      api.writeKubeconfig(kubeconfig, NS);
      runsToReady(api, Map.of("KUBECONFIG", kubeconfig.toString()), "from-kubeconfig", dir);
    }
  }

  @Test
  void startedInClusterWithAServiceAccountTokenReconcilesBothKindsToReady(@TempDir Path dir) throws Exception {
    try (StrictApiServer api = StrictApiServer.builder().https().requireToken(TOKEN).start()) {
      Path token = Files.writeString(dir.resolve("token"), TOKEN);
      runsToReady(api, Map.of(
          "KUBERNETES_SERVICE_HOST", "127.0.0.1",
          "KUBERNETES_SERVICE_PORT", Integer.toString(api.port()),
          // the token file a pod has at /var/run/secrets/kubernetes.io/serviceaccount/token, and its CA: the test
          // server's certificate is self-signed, so it is trusted instead
          "KUBERNETES_AUTH_SERVICEACCOUNT_TOKEN", token.toString(),
          "KUBERNETES_TRUST_CERTIFICATES", "true"), "in-cluster", dir);
    }
  }

  /**
   * Starts the jar with {@code env}, creates an external KafkaConnect on the worker and a FileStreamSource on it, and
   * waits for both to be Ready; the API server must have answered every write of the operator with success.
   */
  private void runsToReady(StrictApiServer api, Map<String, String> env, String name, Path dir) throws Exception {
    int port = freePort();
    Path log = dir.resolve("operator.log");
    Map<String, String> all = new java.util.HashMap<>(env);
    all.put("PATCHBAY_HTTP_PORT", Integer.toString(port));
    all.put("PATCHBAY_POLL_INTERVAL", "2s");
    Process process = java(all, log);
    try (KubernetesClient client = api.newClient(NS)) {
      KafkaConnect kc = new KafkaConnect();
      kc.getMetadata().setName(name);
      kc.getMetadata().setNamespace(NS);
      kc.getSpec().setRestUrl(worker.restUrl());
      client.resource(kc).create();
      KafkaConnector connector = new KafkaConnector();
      connector.getMetadata().setName(name + "-source");
      connector.getMetadata().setNamespace(NS);
      connector.getSpec().setConnectCluster(name);
      connector.getSpec().setConnectorClass("FileStreamSource");
      connector.getSpec().setConfig(new java.util.LinkedHashMap<>(Map.of(
          "file", Files.writeString(dir.resolve("in.txt"), "line\n").toString(), "topic", name)));
      client.resource(connector).create();

      await().atMost(Duration.ofSeconds(90)).untilAsserted(() -> {
        assertThat(process.isAlive()).as("the operator process runs; its log:%n%s", tail(log)).isTrue();
        KafkaConnect seenKc = client.resources(KafkaConnect.class).withName(name).get();
        assertThat(readyOf(seenKc.getStatus() == null ? null : seenKc.getStatus().getConditions()))
            .as("KafkaConnect Ready").isEqualTo("True");
        KafkaConnector seen = client.resources(KafkaConnector.class).withName(name + "-source").get();
        assertThat(readyOf(seen.getStatus() == null ? null : seen.getStatus().getConditions()))
            .as("KafkaConnector Ready").isEqualTo("True");
      });
      assertThat(api.dispatcher().writes()).as("every write of the operator was accepted")
          .allSatisfy(w -> assertThat(w.code()).as(w.toString()).isLessThan(400));
    } finally {
      process.destroy();
      assertThat(process.waitFor(60, TimeUnit.SECONDS)).as("stopped within 60 s of SIGTERM").isTrue();
    }
    assertThat(Files.readString(log)).doesNotContain("NoClassDefFoundError").doesNotContain(" 401 ")
        .doesNotContain(" 409 ").doesNotContain(" 422 ");
  }

  private static String readyOf(List<Condition> conditions) {
    return conditions == null ? null : conditions.stream().filter(c -> "Ready".equals(c.type()))
        .map(Condition::status).findFirst().orElse(null);
  }

  private static String tail(Path log) throws IOException {
    List<String> lines = Files.exists(log) ? Files.readAllLines(log) : List.of();
    return String.join("\n", lines.subList(Math.max(0, lines.size() - 40), lines.size()));
  }

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
            .contains("# TYPE patchbay_reconciliations_total counter")
            .contains("patchbay_reconciliations_total{kind=\"KafkaConnector\",outcome=\"failure\"} 0.0\n")
            .contains("patchbay_leader 1.0\n")
            .contains("# TYPE jvm_memory_used_bytes gauge").contains("operator_sdk_reconciliations_queue_size_kafkaconnector{");
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
