package dev.patchbay.sandbox.bench;

import java.io.PrintStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;

/**
 * {@code java -jar patchbay-sandbox.jar bench [--quick] [--only PHASES] [--connectors N]}: measures Patchbay's speed,
 * cost and scale side by side with talking to Connect directly, printing one line per figure
 * ({@code bench: <name> = <value> <unit>}) and a closing table with the goals. Logs go to {@code patchbay-bench.log}
 * in the temp directory.
 */
public final class BenchMain {

  private BenchMain() {
  }

  public static void main(String[] args) throws Exception {
    BenchOptions options;
    try {
      options = BenchOptions.parse(args);
    } catch (IllegalArgumentException e) {
      System.err.println("error: " + e.getMessage());
      System.err.print(BenchOptions.USAGE);
      System.exit(2);
      return;
    }
    Path log = Path.of(System.getProperty("java.io.tmpdir"), "patchbay-bench.log");
    Files.deleteIfExists(log);
    if (System.getProperty("log4j2.configurationFile") == null) {
      System.setProperty("patchbay.sandbox.log", log.toString());
      System.setProperty("log4j2.configurationFile", "patchbay-sandbox-log4j2.xml");
    }
    System.exit(run(options, System.out, System.err));
  }

  static int run(BenchOptions options, PrintStream out, PrintStream err) throws Exception {
    out.printf("Patchbay benchmarks: %d connectors, %d latency samples each way, %d s steady state (from %d s after "
            + "the cold start), %d resources for the heap, %d pipeline lines, poll interval %d s (%d cores)%n",
        options.connectors(), options.latencySamples(), options.steadyWindow().toSeconds(),
        options.steadySettle().toSeconds(),
        options.footprintConnectors(), options.propagationLines(), options.pollInterval().toSeconds(),
        Runtime.getRuntime().availableProcessors());
    long start = System.nanoTime();
    Benchmark.Result result = new Benchmark(options, out, err).run();
    Duration took = Duration.ofNanos(System.nanoTime() - start);
    result.figures().printSummary("Summary (" + Instant.now() + ", " + took.toSeconds() + " s, "
        + Runtime.getRuntime().availableProcessors() + " cores):");
    for (String failure : result.failures()) {
      out.println("  FAILED: " + failure);
    }
    return result.failures().isEmpty() ? 0 : 1;
  }
}
