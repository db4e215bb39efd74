package dev.patchbay.sandbox.bench;

import dev.patchbay.operator.api.KafkaConnect;
import dev.patchbay.operator.api.KafkaConnector;
import dev.patchbay.testkit.Ports;
import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.io.PrintWriter;
import java.io.Writer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;

/**
 * Figure 5: the operator's memory with many KafkaConnectors. The operator runs in a JVM of its own
 * ({@link FootprintOperatorMain}, the production entry point) against the same embedded API, watching only the
 * namespace {@value #NAMESPACE}, sized as in {@code deploy/} (a 512 Mi container: heap at most 70% of it, Serial GC as
 * the JVM picks for such a container). It is given K KafkaConnectors on a KafkaConnect whose REST URL does not answer,
 * and measured once it has written a status for every one: heap used after full GCs, and the process's resident set.
 */
final class FootprintBench {

  static final String NAMESPACE = "footprint";
  static final List<String> JVM_OPTIONS = List.of("-XX:MaxRAM=512m", "-XX:MaxRAMPercentage=70",
      "-XX:+UseSerialGC", "-XX:+ExitOnOutOfMemoryError");

  private FootprintBench() {
  }

  static void run(BenchEnvironment env, BenchOptions options, Figures figures) throws Exception {
    int k = options.footprintConnectors();
    var client = env.client;
    KafkaConnect cluster = new KafkaConnect();
    cluster.getMetadata().setName("unreachable");
    cluster.getMetadata().setNamespace(NAMESPACE);
    cluster.getSpec().setRestUrl("http://127.0.0.1:" + Ports.freePort());
    client.resource(cluster).create();

    Path log = env.workDir.resolve("footprint-operator.log");
    Process process = start(env, log);
    BlockingQueue<String> answers = new LinkedBlockingQueue<>();
    Thread reader = drain(process, log, answers);
    try (PrintWriter commands = new PrintWriter(process.getOutputStream(), true, StandardCharsets.UTF_8)) {
      for (int i = 0; i < k; i++) {
        KafkaConnector resource = new KafkaConnector();
        resource.getMetadata().setName("footprint-" + i);
        resource.getMetadata().setNamespace(NAMESPACE);
        resource.getSpec().setConnectCluster("unreachable");
        resource.getSpec().setConnectorClass("FileStreamSource");
        resource.getSpec().setConfig(Map.of("file", "/tmp/footprint-" + i + ".txt", "topic", "footprint"));
        client.resource(resource).create();
      }
      awaitStatuses(env, k, Duration.ofSeconds(Math.max(120, k / 5)), process, log);
      BenchEnvironment.sleep(2_000);
      commands.println("measure");
      String answer = answers.poll(60, TimeUnit.SECONDS);
      if (answer == null) {
        throw new IllegalStateException("the operator JVM did not answer; see " + log);
      }
      Map<String, Long> values = parse(answer);
      figures.add("operator_heap_mb", values.get("heap_bytes") / 1048576.0, "MB", new Figures.Goal(100, "<= 100"));
      figures.add("operator_rss_mb", values.get("rss_kb") / 1024.0, "MB");
      figures.note("operator_heap_mb, operator_rss_mb: the operator alone in its own JVM (" + String.join(" ",
          JVM_OPTIONS) + ") with " + k + " KafkaConnectors on an unreachable KafkaConnect, all with a status");
      commands.println("exit");
    } finally {
      if (!process.waitFor(10, TimeUnit.SECONDS)) {
        process.destroyForcibly().waitFor(10, TimeUnit.SECONDS);
      }
      reader.join(5_000);
    }
  }

  private static Process start(BenchEnvironment env, Path log) throws IOException {
    List<String> command = new java.util.ArrayList<>();
    command.add(Path.of(System.getProperty("java.home"), "bin", "java").toString());
    command.addAll(JVM_OPTIONS);
    command.addAll(List.of("-cp", System.getProperty("java.class.path"), FootprintOperatorMain.class.getName()));
    ProcessBuilder pb = new ProcessBuilder(command);
    Map<String, String> e = pb.environment();
    e.keySet().removeIf(key -> key.startsWith("PATCHBAY_") || key.startsWith("KUBERNETES_")
        || key.equals("KUBECONFIG"));
    e.put("KUBERNETES_MASTER", env.api.url());
    e.put("KUBERNETES_NAMESPACE", NAMESPACE);
    e.put("KUBERNETES_AUTH_TRYKUBECONFIG", "false");
    e.put("KUBERNETES_AUTH_TRYSERVICEACCOUNT", "false");
    e.put("KUBERNETES_HTTP2_DISABLE", "true");
    e.put("WATCH_NAMESPACES", NAMESPACE);
    e.put("POD_NAMESPACE", NAMESPACE);
    e.put("POD_NAME", "bench-footprint");
    e.put("PATCHBAY_HTTP_PORT", Integer.toString(Ports.freePort()));
    e.put("PATCHBAY_POLL_INTERVAL", "30s");
    pb.redirectErrorStream(true);
    Files.writeString(log, String.join(" ", command) + "\n");
    return pb.start();
  }

  /** Copies the child's output to {@code log}, handing lines with the answer prefix to {@code answers}. */
  private static Thread drain(Process process, Path log, BlockingQueue<String> answers) {
    Thread t = new Thread(() -> {
      try (BufferedReader in = new BufferedReader(new InputStreamReader(process.getInputStream(),
          StandardCharsets.UTF_8));
           Writer out = Files.newBufferedWriter(log, StandardOpenOption.APPEND)) {
        for (String line = in.readLine(); line != null; line = in.readLine()) {
          if (line.startsWith(FootprintOperatorMain.PREFIX)) {
            answers.add(line.substring(FootprintOperatorMain.PREFIX.length()));
          }
          out.write(line);
          out.write('\n');
        }
      } catch (IOException ignored) {
        // the process ended
      }
    }, "footprint-output");
    t.setDaemon(true);
    t.start();
    return t;
  }

  private static void awaitStatuses(BenchEnvironment env, int k, Duration timeout, Process process, Path log) {
    long deadline = System.nanoTime() + timeout.toNanos();
    long withStatus = 0;
    while (System.nanoTime() < deadline) {
      if (!process.isAlive()) {
        throw new IllegalStateException("the operator JVM exited with " + process.exitValue() + "; see " + log);
      }
      withStatus = env.client.resources(KafkaConnector.class).inNamespace(NAMESPACE).list().getItems().stream()
          .filter(r -> r.getStatus() != null && r.getStatus().getObservedGeneration() != null).count();
      if (withStatus >= k) {
        return;
      }
      BenchEnvironment.sleep(1_000);
    }
    throw new IllegalStateException("only " + withStatus + " of " + k + " KafkaConnectors got a status within "
        + timeout + "; see " + log);
  }

  static Map<String, Long> parse(String answer) {
    Map<String, Long> values = new java.util.HashMap<>();
    for (String pair : answer.trim().split("\\s+")) {
      String[] kv = pair.split("=");
      values.put(kv[0], Long.parseLong(kv[1]));
    }
    return values;
  }
}
