package dev.patchbay.sandbox.bench;

import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * Figure 1: one connector at a time, create → RUNNING. Through Patchbay: a KafkaConnector is created until its status
 * says Ready with every task RUNNING (seen through a watch). Directly: {@code POST /connectors} to the same worker
 * until {@code GET /connectors/{name}/status} (polled every 50 ms) says RUNNING. The two alternate, so drift in the
 * machine's load hits both alike. The direct connectors are deleted afterwards.
 */
final class LatencyBench {

  static final Duration DIRECT_POLL = Duration.ofMillis(50);
  private static final Duration TIMEOUT = Duration.ofSeconds(120);
  /**
   * Rounds each way before the measured ones: the JIT of the operator's, the API server's and the worker's paths,
   * plugin class loading, the first rebalances. With three, the first measured rounds of a fresh JVM still ran
   * interpreted code and the medians moved by tens of milliseconds from run to run.
   */
  private static final int WARM_UP = 10;

  private LatencyBench() {
  }

  static void run(BenchEnvironment env, BenchOptions options, Figures figures) throws Exception {
    List<String> directNames = new ArrayList<>();
    for (int i = 0; i < WARM_UP; i++) { // not measured
      directOnce(env, "warm-direct-" + i);
      patchbayOnce(env, "warm-" + i, new ArrayList<>());
      directNames.add("warm-direct-" + i);
    }
    List<Double> direct = new ArrayList<>();
    List<Double> patchbay = new ArrayList<>();
    List<Double> posted = new ArrayList<>();
    for (int i = 0; i < options.latencySamples(); i++) {
      direct.add(directOnce(env, "latency-direct-" + i));
      directNames.add("latency-direct-" + i);
      patchbay.add(patchbayOnce(env, "latency-" + i, posted));
    }
    env.direct.deleteAll(directNames, TIMEOUT);

    double p50 = Stats.median(patchbay);
    double d50 = Stats.median(direct);
    figures.add("ready_latency_ms_p50", p50, "ms");
    figures.add("ready_latency_ms_p95", Stats.percentile(patchbay, 95), "ms");
    figures.add("direct_latency_ms_p50", d50, "ms");
    figures.add("direct_latency_ms_p95", Stats.percentile(direct, 95), "ms");
    figures.add("ready_latency_ratio", p50 / d50, "x", new Figures.Goal(1.25, "<= 1.25"));
    figures.add("operator_post_ms_p50", Stats.median(posted), "ms");
    figures.note("operator_post_ms_p50: of ready_latency_ms, the part from the API server's answer to the create until "
        + "the operator's POST /connectors reaches the worker (watch event, reconcile, POST; the finalizer is written "
        + "beside the POST); the rest is the create itself, Connect starting the connector and the operator seeing it");
  }

  private static double directOnce(BenchEnvironment env, String name) throws Exception {
    Path file = env.emptyFile(name);
    long start = System.nanoTime();
    env.direct.create(name, "FileStreamSource", Map.of("file", file.toString(), "topic", "bench-idle"));
    long running = env.direct.awaitRunning(name, DIRECT_POLL, TIMEOUT);
    return Stats.millisSince(start, running);
  }

  private static double patchbayOnce(BenchEnvironment env, String name, List<Double> posted) throws Exception {
    var resource = env.fileSource(name, env.emptyFile(name), "bench-idle");
    long start = System.nanoTime();
    env.create(resource);
    long created = System.nanoTime(); // the API server answered: the resource exists, the operator's part begins
    long ready = env.ready.awaitReady(List.of(name), TIMEOUT);
    long post = env.proxy.lastSeen("POST /connectors");
    if (post > start) {
      posted.add(Stats.millisSince(created, post));
    }
    return Stats.millisSince(start, ready);
  }
}
