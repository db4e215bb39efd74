package dev.patchbay.worker;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.patchbay.testkit.WorkerDistribution;
import dev.patchbay.testkit.WorkerProcess;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** bin/patchbay-worker as a process: its failures are clear and non-zero, without a broker. */
class EntrypointIT {
  static final WorkerDistribution DIST = WorkerDistribution.locate();
  @TempDir Path tmp;

  @Test
  void missingRequiredWorkerConfigExitsNonZeroNamingTheKeys() throws Exception {
    Path config = Files.createDirectories(tmp.resolve("config"));
    Files.writeString(config.resolve("worker.properties"), "bootstrap.servers=localhost:9\n");

    WorkerProcess worker = WorkerProcess.builder(DIST).configDir(config).workDir(tmp.resolve("work")).start();

    assertThatThrownBy(() -> worker.awaitReady(Duration.ofSeconds(60)))
        .isInstanceOf(IllegalStateException.class)
        .hasMessageContaining("worker exited with 1")
        .hasMessageContaining("missing required worker config: group.id, config.storage.topic, offset.storage.topic, "
            + "status.storage.topic");
    assertThat(worker.isAlive()).isFalse();
  }

  @Test
  void renderWritesTheEffectiveFilesIntoTheWorkDir() throws Exception {
    Path config = Files.createDirectories(tmp.resolve("config"));
    Files.writeString(config.resolve("worker.properties"), """
        bootstrap.servers=kafka:9092
        group.id=g
        config.storage.topic=g.configs
        offset.storage.topic=g.offsets
        status.storage.topic=g.status
        """);
    Files.writeString(config.resolve("loggers.properties"), "org.apache.kafka.connect.runtime=DEBUG\n");

    Result result = run(Map.of("PATCHBAY_CONFIG_DIR", config.toString(), "PATCHBAY_WORK_DIR", tmp.resolve("run").toString(),
        "POD_IP", "10.0.0.7", "PATCHBAY_METRICS_ENABLED", "true"), "render");

    assertThat(result.exit()).as(result.output()).isZero();
    String rendered = Files.readString(tmp.resolve("run/worker.properties"));
    assertThat(rendered)
        .contains("bootstrap.servers=kafka:9092\n")
        .contains("rest.advertised.host.name=10.0.0.7\n")
        .contains("listeners=http://0.0.0.0:8083\n")
        .contains("metric.reporters=org.apache.kafka.common.metrics.JmxReporter,"
            + "dev.patchbay.worker.metrics.PrometheusMetricsReporter\n");
    assertThat(tmp.resolve("run/log4j2.properties")).content()
        .contains("rootLogger.level = INFO")
        .contains("logger.patchbay0.name = org.apache.kafka.connect.runtime");
  }

  @Test
  void fetchPluginsFailureNamesTheArtifactAndExitsNonZero() throws Exception {
    Path config = Files.createDirectories(tmp.resolve("config"));
    String url = "http://127.0.0.1:9/nothing-listens-here.jar";
    Files.writeString(config.resolve("plugins.json"),
        "[{\"name\": \"x\", \"artifacts\": [{\"url\": \"" + url + "\", \"sha512\": \"" + "0".repeat(128) + "\"}]}]");
    Path plugins = Files.createDirectories(tmp.resolve("plugins"));
    Path terminationLog = Files.createFile(tmp.resolve("termination-log")); // the kubelet creates it

    Result result = run(Map.of("PATCHBAY_CONFIG_DIR", config.toString(), "PATCHBAY_PLUGIN_DIR", plugins.toString(),
        "PATCHBAY_TERMINATION_LOG", terminationLog.toString()), "fetch-plugins");

    assertThat(result.exit()).isEqualTo(1);
    assertThat(result.output()).contains("plugin x: cannot fetch " + url);
    assertThat(terminationLog).content().startsWith("plugin x: cannot fetch " + url).doesNotContain("\n");
    try (var list = Files.list(plugins)) {
      assertThat(list).isEmpty();
    }
  }

  @Test
  void anUnknownCommandPrintsUsage() throws Exception {
    Result result = run(Map.of(), "frobnicate");

    assertThat(result.exit()).isEqualTo(2);
    assertThat(result.output()).contains("usage: patchbay-worker");
  }

  record Result(int exit, String output) {}

  private Result run(Map<String, String> env, String... args) throws Exception {
    String[] command = new String[args.length + 1];
    command[0] = DIST.entrypoint().toString();
    System.arraycopy(args, 0, command, 1, args.length);
    ProcessBuilder pb = new ProcessBuilder(command).redirectErrorStream(true);
    pb.environment().keySet().removeIf(k -> k.startsWith("PATCHBAY_") || k.equals("POD_IP"));
    pb.environment().put("JAVA_HOME", System.getProperty("java.home"));
    pb.environment().putAll(env);
    Process process = pb.start();
    byte[] output = process.getInputStream().readAllBytes();
    assertThat(process.waitFor(60, TimeUnit.SECONDS)).isTrue();
    return new Result(process.exitValue(), new String(output, StandardCharsets.UTF_8));
  }
}
