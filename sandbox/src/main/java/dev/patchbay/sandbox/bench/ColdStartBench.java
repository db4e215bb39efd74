package dev.patchbay.sandbox.bench;

import dev.patchbay.operator.api.KafkaConnector;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * Figure 2: N connectors at once. Directly: a loop of {@code POST /connectors}, then {@code GET
 * /connectors?expand=status} every 100 ms until all are RUNNING; then they are deleted. Through Patchbay: N
 * KafkaConnectors created one after the other (as {@code kubectl apply -f dir/} does) until all are Ready. The
 * Patchbay connectors stay: they are the steady state's load.
 */
final class ColdStartBench {

  static final Duration DIRECT_POLL = Duration.ofMillis(100);

  private ColdStartBench() {
  }

  /** Returns the names of the Patchbay connectors created. */
  static List<String> run(BenchEnvironment env, BenchOptions options, Figures figures) throws Exception {
    int n = options.connectors();
    Duration timeout = Duration.ofSeconds(Math.max(180, n * 3L));

    List<String> directNames = new ArrayList<>();
    List<Path> directFiles = new ArrayList<>();
    for (int i = 0; i < n; i++) {
      directNames.add("cold-direct-" + i);
      directFiles.add(env.emptyFile("cold-direct-" + i));
    }
    long retriesBefore = env.direct.rebalanceRetries();
    long start = System.nanoTime();
    for (int i = 0; i < n; i++) {
      env.direct.create(directNames.get(i), "FileStreamSource",
          Map.of("file", directFiles.get(i).toString(), "topic", "bench-idle"));
    }
    double posting = Stats.millisSince(start, System.nanoTime()) / 1000;
    long running = env.direct.awaitAllRunning(directNames, DIRECT_POLL, timeout);
    double direct = Stats.millisSince(start, running) / 1000;
    env.direct.deleteAll(directNames, timeout);

    List<String> names = new ArrayList<>();
    List<KafkaConnector> resources = new ArrayList<>();
    for (int i = 0; i < n; i++) {
      names.add("cold-" + i);
      resources.add(env.fileSource("cold-" + i, env.emptyFile("cold-" + i), "bench-idle"));
    }
    start = System.nanoTime();
    for (KafkaConnector resource : resources) {
      env.create(resource);
    }
    double applied = Stats.millisSince(start, System.nanoTime()) / 1000;
    long ready = env.ready.awaitReady(names, timeout);
    double patchbay = Stats.millisSince(start, ready) / 1000;

    figures.add("cold_start_s", patchbay, "s");
    figures.add("direct_cold_start_s", direct, "s");
    figures.add("cold_start_ratio", patchbay / direct, "x", new Figures.Goal(1.3, "<= 1.3"));
    figures.note(String.format(java.util.Locale.ROOT, "cold start: the direct loop spent %.1f s in %d sequential "
        + "POSTs (%d answered 409 and retried after 100 ms); Patchbay's creates took %.1f s, its POSTs run "
        + "concurrently (at most %d per cluster)", posting, n, env.direct.rebalanceRetries() - retriesBefore,
        applied, dev.patchbay.operator.connect.ConnectClients.MAX_CONCURRENT_PER_CLUSTER));
    return names;
  }
}
