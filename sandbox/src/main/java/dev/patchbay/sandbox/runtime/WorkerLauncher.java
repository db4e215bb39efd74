package dev.patchbay.sandbox.runtime;

import dev.patchbay.testkit.WorkerDistribution;
import dev.patchbay.testkit.WorkerProcess;
import dev.patchbay.testkit.WorkerProcessBuilder;
import java.io.IOException;
import java.time.Duration;
import java.util.concurrent.TimeUnit;

/**
 * Runs a pod's worker container as a local process from the worker distribution's entrypoint
 * ({@code bin/patchbay-worker}), after its init containers (e.g. {@code patchbay-worker fetch-plugins}).
 */
public final class WorkerLauncher implements PodProcess.Launcher {

  private static final Duration INIT_TIMEOUT = Duration.ofMinutes(5);

  private final WorkerDistribution distribution;

  public WorkerLauncher(WorkerDistribution distribution) {
    this.distribution = distribution;
  }

  @Override
  public PodProcess launch(LocalPodSpec spec) throws IOException, InterruptedException {
    for (LocalPodSpec.InitContainer init : spec.initContainers()) {
      runInit(spec, init);
    }
    WorkerProcessBuilder builder = WorkerProcess.builder(distribution)
        .configDir(spec.configDir())
        .workDir(spec.podDir())
        .restPort(Integer.parseInt(spec.env().get("PATCHBAY_REST_PORT")));
    spec.env().forEach(builder::env);
    // Start-up-friendly JVM flags unless the Deployment asks for its own (the builder's defaults otherwise).
    if (!spec.env().containsKey("PATCHBAY_HEAP_OPTS")) {
      builder.env("PATCHBAY_HEAP_OPTS", WorkerProcessBuilder.DEFAULT_HEAP_OPTS);
    }
    WorkerProcess process = builder.start();
    return new PodProcess() {
      @Override
      public boolean isAlive() {
        return process.isAlive();
      }

      @Override
      public void stop(Duration grace) {
        process.stop(grace);
      }

      @Override
      public void kill() {
        process.kill();
      }

      @Override
      public long pid() {
        return process.pid();
      }
    };
  }

  private static void runInit(LocalPodSpec spec, LocalPodSpec.InitContainer init)
      throws IOException, InterruptedException {
    ProcessBuilder pb = new ProcessBuilder(init.command());
    pb.environment().keySet().removeIf(k -> k.startsWith("PATCHBAY_") || k.equals("POD_IP"));
    pb.environment().put("JAVA_HOME", System.getProperty("java.home"));
    pb.environment().putAll(init.env());
    pb.directory(spec.podDir().toFile());
    pb.redirectErrorStream(true);
    pb.redirectOutput(ProcessBuilder.Redirect.appendTo(spec.podDir().resolve("init-" + init.name() + ".log")
        .toFile()));
    Process p = pb.start();
    if (!p.waitFor(INIT_TIMEOUT.toMillis(), TimeUnit.MILLISECONDS)) {
      p.destroyForcibly();
      throw new IOException("init container " + init.name() + " did not finish within " + INIT_TIMEOUT);
    }
    if (p.exitValue() != 0) {
      throw new IOException("init container " + init.name() + " exited with " + p.exitValue() + "; see "
          + spec.podDir().resolve("init-" + init.name() + ".log"));
    }
  }
}
