package dev.patchbay.sandbox.bench;

import java.nio.file.Path;
import java.time.Duration;
import java.util.Arrays;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;

/**
 * How big and how long a benchmark run is.
 *
 * @param connectors N of the cold start and the steady state (default 200, 50 with {@code --quick})
 * @param latencySamples connectors created one at a time for the latency figures (each way)
 * @param steadySettle the longest wait, after the cold start, for the operator to say it is settled (no follow-up
 *     due); the steady-state window opens then
 * @param steadyWindow how long the steady state is observed (counts are scaled to per-minute)
 * @param footprintConnectors KafkaConnector resources known to the operator whose heap is measured
 * @param propagationLines lines sent through the file pipeline
 * @param pollInterval the operator's poll interval of a settled cluster (production default 30 s)
 * @param workDir where files, logs and worker dirs go; null means a new temporary directory
 * @param phases the phases to run ({@link #PHASES}); a phase that needs an earlier one's state brings it along
 */
public record BenchOptions(int connectors, int latencySamples, Duration steadySettle, Duration steadyWindow,
    int footprintConnectors, int propagationLines, Duration pollInterval, Path workDir, Set<String> phases) {

  /** The phases in the order they run. */
  public static final List<String> PHASES = List.of("latency", "isolation", "propagation", "cold-start", "steady",
      "footprint", "recovery", WorkerLossBench.PHASE);

  public static final Duration PRODUCTION_POLL_INTERVAL = Duration.ofSeconds(30);

  static final String USAGE = """
      usage: java -jar patchbay-sandbox.jar bench [--connectors N] [--quick] [--only PHASE,...] [--work-dir DIR]

        --connectors N   connectors for the cold start and the steady state (default 200; 50 with --quick)
        --quick          a smaller run that finishes in about 5 minutes
        --only PHASES    run only these phases (comma-separated): latency, isolation, propagation, cold-start,
                         steady (brings cold-start along), footprint, recovery, worker-loss (a sandbox of its
                         own with two workers, one killed; about 2 minutes alone)
        --work-dir DIR   keep worker logs and files in DIR (default: a temp dir, deleted at the end)
      """;

  /**
   * The longest the operator's follow-ups after a cold start can take: a connector that has used no topic yet has
   * its topics fetched 1–2 s after it runs and once more a poll interval later (spread over that interval).
   */
  public static final Duration MAX_SETTLE = Duration.ofSeconds(100);
  /** Two poll intervals: whatever runs once per interval is seen at least once, whatever the phase. */
  public static final Duration STEADY_WINDOW = Duration.ofSeconds(60);

  /**
   * The full run: N=200, 20 latency samples each way, the steady state observed for 60 s once the operator says it
   * is settled, 1,000 resources for the heap.
   */
  public static BenchOptions full() {
    return new BenchOptions(200, 20, MAX_SETTLE, STEADY_WINDOW, 1000, 30, PRODUCTION_POLL_INTERVAL, null, Set.copyOf(PHASES));
  }

  /**
   * {@code --quick}: N=50, 10 latency samples, the steady state observed as in the full run (60 s once the operator
   * says it is settled), 300 resources for the heap.
   */
  public static BenchOptions quick() {
    return new BenchOptions(50, 10, MAX_SETTLE, STEADY_WINDOW, 300, 20,
        PRODUCTION_POLL_INTERVAL, null, Set.copyOf(PHASES));
  }

  /** A tiny run for the smoke test: every code path, no meaningful figures. */
  public static BenchOptions tiny() {
    return new BenchOptions(2, 2, Duration.ofSeconds(1), Duration.ofSeconds(3), 5, 2, Duration.ofSeconds(2), null, Set.copyOf(PHASES));
  }

  public BenchOptions withConnectors(int n) {
    return new BenchOptions(n, latencySamples, steadySettle, steadyWindow, footprintConnectors, propagationLines,
        pollInterval, workDir, phases);
  }

  public BenchOptions withWorkDir(Path dir) {
    return new BenchOptions(connectors, latencySamples, steadySettle, steadyWindow, footprintConnectors,
        propagationLines, pollInterval, dir, phases);
  }

  /** Only the named phases (and what they need: the steady state measures the cold start's connectors). */
  public BenchOptions withPhases(Set<String> names) {
    Set<String> selected = new LinkedHashSet<>();
    for (String name : names) {
      if (!PHASES.contains(name)) {
        throw new IllegalArgumentException("unknown phase: " + name + " (phases: " + String.join(", ", PHASES) + ")");
      }
      if (name.equals("steady")) {
        selected.add("cold-start");
      }
      selected.add(name);
    }
    return new BenchOptions(connectors, latencySamples, steadySettle, steadyWindow, footprintConnectors,
        propagationLines, pollInterval, workDir, Set.copyOf(selected));
  }

  public boolean runs(String phase) {
    return phases.contains(phase);
  }

  /** Parses {@code [--connectors N] [--quick] [--only PHASES] [--work-dir DIR]}; throws IllegalArgumentException on a bad one. */
  public static BenchOptions parse(String[] args) {
    boolean quick = false;
    Integer connectors = null;
    Path workDir = null;
    Set<String> only = null;
    for (int i = 0; i < args.length; i++) {
      String a = args[i];
      String value = null;
      if (a.startsWith("--") && a.contains("=")) {
        value = a.substring(a.indexOf('=') + 1);
        a = a.substring(0, a.indexOf('='));
      }
      switch (a) {
        case "--quick" -> quick = true;
        case "--connectors", "--work-dir", "--only" -> {
          if (value == null) {
            if (i + 1 >= args.length) {
              throw new IllegalArgumentException(a + " needs a value");
            }
            value = args[++i];
          }
          if (a.equals("--work-dir")) {
            workDir = Path.of(value);
          } else if (a.equals("--only")) {
            only = new LinkedHashSet<>(Arrays.asList(value.split(",")));
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
    if (only != null) {
      options = options.withPhases(only);
    }
    return options.withWorkDir(workDir);
  }
}
