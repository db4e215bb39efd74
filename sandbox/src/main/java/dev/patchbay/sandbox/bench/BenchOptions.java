package dev.patchbay.sandbox.bench;

import java.nio.file.Path;
import java.time.Duration;

/**
 * How big and how long a benchmark run is.
 *
 * @param connectors N of the cold start and the steady state (default 200, 50 with {@code --quick})
 * @param latencySamples connectors created one at a time for the latency figures (each way)
 * @param steadySettle how long after the cold start the steady-state window opens
 * @param steadyWindow how long the steady state is observed (counts are scaled to per-minute)
 * @param footprintConnectors KafkaConnector resources known to the operator whose heap is measured
 * @param propagationLines lines sent through the file pipeline
 * @param pollInterval the operator's poll interval of a settled cluster (production default 30 s)
 * @param workDir where files, logs and worker dirs go; null means a new temporary directory
 */
public record BenchOptions(int connectors, int latencySamples, Duration steadySettle, Duration steadyWindow,
    int footprintConnectors, int propagationLines, Duration pollInterval, Path workDir) {

  public static final Duration PRODUCTION_POLL_INTERVAL = Duration.ofSeconds(30);

  static final String USAGE = """
      usage: java -jar patchbay-sandbox.jar bench [--connectors N] [--quick] [--work-dir DIR]

        --connectors N   connectors for the cold start and the steady state (default 200; 50 with --quick)
        --quick          a smaller run that finishes in about 3 minutes
        --work-dir DIR   keep worker logs and files in DIR (default: a temp dir, deleted at the end)
      """;

  /**
   * Past the operator's re-checks after a cold start: a connector that has not used a topic yet has its topics
   * fetched again 1, 2 and 3 poll intervals later (30 + 60 + 90 s).
   */
  public static final Duration FULL_SETTLE = Duration.ofSeconds(190);

  /**
   * The full run: N=200, 20 latency samples each way, the steady state observed for 60 s once settled (190 s after
   * the cold start), 1,000 resources for the heap.
   */
  public static BenchOptions full() {
    return new BenchOptions(200, 20, FULL_SETTLE, Duration.ofSeconds(60), 1000, 30, PRODUCTION_POLL_INTERVAL, null);
  }

  /**
   * {@code --quick}: N=50, 10 latency samples, the steady state observed for one poll interval (30 s, so whatever
   * runs once per interval is seen once) from 5 s after the cold start (before the operator's topic re-checks), 300
   * resources for the heap.
   */
  public static BenchOptions quick() {
    return new BenchOptions(50, 10, Duration.ofSeconds(5), PRODUCTION_POLL_INTERVAL, 300, 20,
        PRODUCTION_POLL_INTERVAL, null);
  }

  /** A tiny run for the smoke test: every code path, no meaningful figures. */
  public static BenchOptions tiny() {
    return new BenchOptions(2, 2, Duration.ofSeconds(1), Duration.ofSeconds(3), 5, 2, Duration.ofSeconds(2), null);
  }

  public BenchOptions withConnectors(int n) {
    return new BenchOptions(n, latencySamples, steadySettle, steadyWindow, footprintConnectors, propagationLines,
        pollInterval, workDir);
  }

  public BenchOptions withWorkDir(Path dir) {
    return new BenchOptions(connectors, latencySamples, steadySettle, steadyWindow, footprintConnectors,
        propagationLines, pollInterval, dir);
  }

  /** Parses {@code [--connectors N] [--quick] [--work-dir DIR]}; throws IllegalArgumentException on a bad one. */
  public static BenchOptions parse(String[] args) {
    boolean quick = false;
    Integer connectors = null;
    Path workDir = null;
    for (int i = 0; i < args.length; i++) {
      String a = args[i];
      String value = null;
      if (a.startsWith("--") && a.contains("=")) {
        value = a.substring(a.indexOf('=') + 1);
        a = a.substring(0, a.indexOf('='));
      }
      switch (a) {
        case "--quick" -> quick = true;
        case "--connectors", "--work-dir" -> {
          if (value == null) {
            if (i + 1 >= args.length) {
              throw new IllegalArgumentException(a + " needs a value");
            }
            value = args[++i];
          }
          if (a.equals("--work-dir")) {
            workDir = Path.of(value);
          } else {
            connectors = Integer.parseInt(value);
            if (connectors < 1) {
              throw new IllegalArgumentException("--connectors must be at least 1");
            }
          }
        }
        default -> throw new IllegalArgumentException("unknown argument: " + args[i]);
      }
    }
    BenchOptions options = quick ? quick() : full();
    if (connectors != null) {
      options = options.withConnectors(connectors);
    }
    return options.withWorkDir(workDir);
  }
}
