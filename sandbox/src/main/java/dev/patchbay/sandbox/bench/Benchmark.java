package dev.patchbay.sandbox.bench;

import java.io.IOException;
import java.io.PrintStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.concurrent.atomic.AtomicReference;
import java.util.stream.Stream;

/**
 * Runs every benchmark once, in an order where each leaves the next a known state: start-up, latency, isolation
 * (a hanging cluster beside the bench cluster, removed afterwards), the file
 * pipeline, cold start (its N connectors stay), steady state (with the footprint run alongside in its own JVM: it
 * touches neither the bench cluster nor the counted client), the worker kill, and last, once that environment is
 * closed, the loss of one of two managed workers in a sandbox of its own. A phase that fails is reported and the
 * others still run. {@link BenchOptions#phases} selects phases; the bench environment is started only for those
 * that use it.
 */
public final class Benchmark {

  /** Every figure a complete run prints, in order of appearance (steady state and footprint may interleave). */
  public static final List<String> FIGURE_NAMES = List.of(
      "operator_startup_ms", "worker_startup_ms",
      "ready_latency_ms_p50", "ready_latency_ms_p95", "direct_latency_ms_p50", "direct_latency_ms_p95",
      "ready_latency_ratio", "operator_post_ms_p50",
      "isolation_ready_ms_p50", "isolation_ready_ratio",
      "propagation_ms_p50", "propagation_ms_p95",
      "cold_start_s", "direct_cold_start_s", "cold_start_ratio",
      "rest_calls_per_poll", "rest_calls_per_min", "k8s_writes_per_min", "operator_cpu_ms_per_min",
      "operator_heap_mb", "operator_rss_mb",
      "recovery_connect_s", "recovery_s",
      "process_rss_mb",
      "worker_loss_recovery_s");

  private final BenchOptions options;
  private final Figures figures;
  private final PrintStream err;
  private final List<String> failures = new ArrayList<>();

  public Benchmark(BenchOptions options, PrintStream out, PrintStream err) {
    this.options = options;
    this.figures = new Figures(out);
    this.err = err;
  }

  /** Runs all phases; the figures (also printed as they come) and failed phases are in the result. */
  public Result run() throws IOException {
    boolean ownDir = options.workDir() == null;
    Path workDir = ownDir ? Files.createTempDirectory("patchbay-bench-")
        : Files.createDirectories(options.workDir()).toAbsolutePath();
    try {
      if (BenchOptions.PHASES.stream().anyMatch(p -> !p.equals(WorkerLossBench.PHASE) && options.runs(p))) {
        runOnBenchEnvironment(workDir);
      }
      phase(WorkerLossBench.PHASE, () -> WorkerLossBench.run(options, workDir, figures));
    } finally {
      if (ownDir && !Boolean.getBoolean("patchbay.bench.keep")) {
        deleteQuietly(workDir);
      }
    }
    return new Result(figures, List.copyOf(failures));
  }

  /** The phases on the bench environment (external cluster, one worker, counting proxy). */
  private void runOnBenchEnvironment(Path workDir) throws IOException {
    try (BenchEnvironment env = BenchEnvironment.start(workDir, options.pollInterval())) {
      figures.add("operator_startup_ms", env.operatorStartup.toNanos() / 1e6, "ms");
      figures.add("worker_startup_ms", env.workerStartup.toNanos() / 1e6, "ms");
      phase("latency", () -> LatencyBench.run(env, options, figures));
      phase("isolation", () -> IsolationBench.run(env, options, figures));
      phase("propagation", () -> PropagationBench.run(env, options, figures));
      phase("cold-start", () -> ColdStartBench.run(env, options, figures));
      AtomicReference<Exception> footprintFailure = new AtomicReference<>();
      Thread footprint = !options.runs("footprint") ? null : new Thread(() -> {
        try {
          FootprintBench.run(env, options, figures);
        } catch (Exception e) {
          footprintFailure.set(e);
        }
      }, "bench-footprint");
      if (footprint != null) {
        footprint.start();
      }
      phase("steady", () -> SteadyStateBench.run(env, options, figures));
      phase("footprint", () -> {
        footprint.join();
        if (footprintFailure.get() != null) {
          throw footprintFailure.get();
        }
      });
      phase("recovery", () -> RecoveryBench.run(env, figures));
      figures.add("process_rss_mb", FootprintOperatorMain.rssKb() / 1024.0, "MB");
      figures.note("process_rss_mb: this bench JVM (broker, API server, operator, bench code; not the worker)");
      figures.note("worker_startup_ms: one worker process start until GET /connectors answers (AppCDS as in tests)");
    }
  }

  /** The figures of a run and the phases that failed (with why). */
  public record Result(Figures figures, List<String> failures) {
  }

  @FunctionalInterface
  private interface Phase {
    void run() throws Exception;
  }

  private void phase(String name, Phase phase) {
    if (!options.runs(name)) {
      return;
    }
    try {
      phase.run();
    } catch (Exception e) {
      String message = name + ": " + e;
      failures.add(message);
      err.println("bench: phase failed: " + message);
      e.printStackTrace(err);
    }
  }

  private static void deleteQuietly(Path dir) {
    try (Stream<Path> files = Files.walk(dir)) {
      files.sorted(Comparator.reverseOrder()).forEach(p -> p.toFile().delete());
    } catch (IOException ignored) {
      // best effort
    }
  }
}
