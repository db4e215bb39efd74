package dev.patchbay.sandbox.bench;

import dev.patchbay.operator.api.Condition;
import dev.patchbay.operator.connector.Assessment;
import dev.patchbay.sandbox.Sandbox;
import dev.patchbay.sandbox.SandboxOptions;
import dev.patchbay.sandbox.runtime.LocalDeploymentRuntime.PodInfo;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Locale;
import java.util.concurrent.TimeoutException;
import java.util.function.BooleanSupplier;
import java.util.function.Supplier;

/**
 * Figure 9, {@code worker_loss_recovery_s}: a managed KafkaConnect with two workers (the sandbox runtime: pods on
 * addresses of their own, a killed worker restarted in its pod as the kubelet does) runs the file pipeline, and the
 * worker process holding the source's task is killed with SIGKILL. The figure runs from the kill until both
 * KafkaConnectors are Ready again and a line appended to the source file after the kill has reached the sink file.
 * That is mostly Connect: it notices the lost member (session timeout, 10 s) and reassigns its work after
 * {@code scheduled.rebalance.max.delay.ms} (15 s on managed clusters). It runs in a sandbox of its own (broker, API,
 * operator, production poll interval), after the other phases' environment is closed, and alone with
 * {@code --only worker-loss}.
 */
final class WorkerLossBench {

  static final String PHASE = "worker-loss";
  private static final Duration START_TIMEOUT = Duration.ofSeconds(240);
  private static final Duration RECOVERY_TIMEOUT = Duration.ofSeconds(180);

  private WorkerLossBench() {
  }

  static void run(BenchOptions options, Path workDir, Figures figures) throws Exception {
    SandboxOptions sandboxOptions = SandboxOptions.defaults().withWorkDir(workDir.resolve(PHASE))
        .withNamespace("bench-loss").withPollInterval(options.pollInterval());
    try (Sandbox sandbox = BenchEnvironment.quietly(() -> start(sandboxOptions))) {
      WorkerLossScenario scenario = WorkerLossScenario.apply(sandbox);
      await(() -> scenario.pods().size() == 2 && scenario.pods().stream().allMatch(PodInfo::ready)
          && scenario.allReady(), START_TIMEOUT, "two ready workers and both connectors Ready");
      scenario.appendToSource("warm-up");
      await(() -> scenario.sinkHas("warm-up"), START_TIMEOUT, "the warm-up line in the sink");
      PodInfo victim = awaitValue(() -> scenario.holderOfSourceTask().orElse(null), Duration.ofSeconds(30),
          "the worker of the source's task");

      String line = "after the kill " + System.nanoTime();
      long killed = System.nanoTime();
      WorkerLossScenario.kill(victim);
      scenario.appendToSource(line);
      Timeline timeline = Timeline.follow(scenario, line, killed, RECOVERY_TIMEOUT);
      figures.add("worker_loss_recovery_s", Stats.millisSince(killed, timeline.recovered()) / 1000, "s");
      figures.note("worker_loss_recovery_s: 2 workers, SIGKILL of the one holding the source's task; seconds after "
          + "the kill: WorkerLost " + timeline.seconds(timeline.lost()) + ", Ready again "
          + timeline.seconds(timeline.readyAgain()) + ", the new line in the sink "
          + timeline.seconds(timeline.lineArrived()));
    }
  }

  private static Sandbox start(SandboxOptions options) {
    try {
      return Sandbox.start(options);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  /**
   * When, after the kill, the source first showed WorkerLost, both connectors were first Ready again after that, the
   * line was first in the sink, and both held at once (the figure); {@link System#nanoTime()}, 0 for never.
   */
  private record Timeline(long killed, long lost, long readyAgain, long lineArrived, long recovered) {

    static Timeline follow(WorkerLossScenario scenario, String line, long killed, Duration timeout)
        throws TimeoutException, InterruptedException {
      long lost = 0;
      long readyAgain = 0;
      long arrived = 0;
      long deadline = killed + timeout.toNanos();
      while (System.nanoTime() < deadline) {
        long now = System.nanoTime();
        Condition source = scenario.readyCondition(WorkerLossScenario.SOURCE);
        if (lost == 0 && source != null && Assessment.WORKER_LOST.equals(source.reason())) {
          lost = now;
        }
        boolean ready = scenario.allReady();
        if (ready && readyAgain == 0 && lost != 0) {
          readyAgain = now;
        }
        if (arrived == 0 && scenario.sinkHas(line)) {
          arrived = now;
        }
        if (ready && arrived != 0) {
          return new Timeline(killed, lost, readyAgain == 0 ? now : readyAgain, arrived, now);
        }
        Thread.sleep(50);
      }
      throw new TimeoutException("not recovered within " + timeout + " of the kill (WorkerLost seen: " + (lost != 0)
          + ", line in the sink: " + (arrived != 0) + ")");
    }

    String seconds(long at) {
      return at == 0 ? "never" : String.format(Locale.ROOT, "%.1f", (at - killed) / 1e9);
    }
  }

  private static void await(BooleanSupplier condition, Duration timeout, String what)
      throws TimeoutException, InterruptedException {
    awaitValue(() -> condition.getAsBoolean() ? Boolean.TRUE : null, timeout, what);
  }

  private static <T> T awaitValue(Supplier<T> value, Duration timeout, String what)
      throws TimeoutException, InterruptedException {
    long deadline = System.nanoTime() + timeout.toNanos();
    while (System.nanoTime() < deadline) {
      T v = value.get();
      if (v != null) {
        return v;
      }
      Thread.sleep(100);
    }
    throw new TimeoutException("no " + what + " within " + timeout);
  }
}
