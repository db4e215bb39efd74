package dev.patchbay.sandbox.bench;

import dev.patchbay.operator.api.KafkaConnect;
import dev.patchbay.operator.api.KafkaConnector;
import dev.patchbay.testkit.HangingServer;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;

/**
 * Isolation: apply → Ready of a connector on the healthy bench cluster while {@value #HANGING_CONNECTORS} connectors
 * sit on a cluster that accepts connections and never answers. Printed next to {@code ready_latency_ms_p50}; the goal
 * is the same latency within 1.25×. The hanging cluster and its connectors are removed afterwards.
 */
final class IsolationBench {

  static final int HANGING_CONNECTORS = 100;
  private static final Duration TIMEOUT = Duration.ofSeconds(120);

  private IsolationBench() {
  }

  static void run(BenchEnvironment env, BenchOptions options, Figures figures) throws Exception {
    try (HangingServer hanging = HangingServer.start()) {
      KafkaConnect cluster = new KafkaConnect();
      cluster.getMetadata().setName("hanging");
      cluster.getMetadata().setNamespace(BenchEnvironment.NAMESPACE);
      cluster.getSpec().setRestUrl(hanging.url());
      env.client.resource(cluster).create();
      try {
        for (int i = 0; i < HANGING_CONNECTORS; i++) {
          KafkaConnector connector = env.fileSource("hanging-" + i, env.emptyFile("hanging-" + i), "bench-idle");
          connector.getSpec().setConnectCluster("hanging");
          env.create(connector);
        }
        List<Double> samples = new ArrayList<>();
        for (int i = 0; i < Math.max(5, options.latencySamples() / 2); i++) {
          String name = "isolation-" + i;
          var resource = env.fileSource(name, env.emptyFile(name), "bench-idle");
          long start = System.nanoTime();
          env.create(resource);
          samples.add(Stats.millisSince(start, env.ready.awaitReady(List.of(name), TIMEOUT)));
        }
        double p50 = Stats.median(samples);
        figures.add("isolation_ready_ms_p50", p50, "ms");
        Double latency = figures.value("ready_latency_ms_p50");
        if (latency != null) {
          figures.add("isolation_ready_ratio", p50 / latency, "x", new Figures.Goal(1.25, "<= 1.25"));
        }
        figures.note("isolation_ready_ms_p50: apply -> Ready on the healthy cluster while " + HANGING_CONNECTORS
            + " connectors sit on a cluster that accepts connections and never answers; isolation_ready_ratio "
            + "divides it by ready_latency_ms_p50");
      } finally {
        env.client.resource(cluster).delete(); // first, so the hanging connectors' finalizers are released
        for (int i = 0; i < HANGING_CONNECTORS; i++) {
          env.client.resources(KafkaConnector.class).withName("hanging-" + i).delete();
        }
      }
    }
  }
}
