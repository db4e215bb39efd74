package dev.patchbay.sandbox.runtime;

import dev.patchbay.testkit.WorkerDistribution;
import dev.patchbay.testkit.WorkerProcessBuilder;
import java.io.IOException;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.TimeUnit;

/**
 * Runs a pod's worker container as a local process from the worker distribution's entrypoint
 * ({@code bin/patchbay-worker}), after its init containers (e.g. {@code patchbay-worker fetch-plugins}).
 */
public final class WorkerLauncher implements PodProcess.Launcher {

  private static final Duration INIT_TIMEOUT = Duration.ofMinutes(5);
  private static final Set<Process> LIVE = ConcurrentHashMap.newKeySet();

  static {
    // Safety net when the JVM exits without Sandbox.close(): SIGTERM every worker, SIGKILL what is left after 20 s.
    Runtime.getRuntime().addShutdownHook(new Thread(() -> {
      LIVE.forEach(Process::destroy);
      long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(20);
      for (Process p : LIVE) {
        try {
          if (!p.waitFor(Math.max(0, deadline - System.nanoTime()), TimeUnit.NANOSECONDS)) {
            p.descendants().forEach(ProcessHandle::destroyForcibly);
            p.destroyForcibly();
          }
        } catch (InterruptedException e) {
          p.destroyForcibly();
        }
      }
    }, "sandbox-worker-reaper"));
  }

  private final WorkerDistribution distribution;

  public WorkerLauncher(WorkerDistribution distribution) {
    this.distribution = distribution;
  }

  @Override
  public PodProcess launch(LocalPodSpec spec)
      throws IOException, InterruptedException, PodProcess.InitContainerFailedException {
    for (LocalPodSpec.InitContainer init : spec.initContainers()) {
      runInit(spec, init);
    }
    spec.termination().reset();
    ProcessBuilder pb = new ProcessBuilder(distribution.entrypoint().toString());
    Map<String, String> env = pb.environment();
    env.keySet().removeIf(k -> k.startsWith("PATCHBAY_") || k.equals("POD_IP") || k.startsWith("KAFKA_"));
    env.put("JAVA_HOME", System.getProperty("java.home"));
    // Start-up-friendly JVM flags unless the Deployment asks for its own.
    env.put("PATCHBAY_HEAP_OPTS", WorkerProcessBuilder.DEFAULT_HEAP_OPTS);
    env.put("PATCHBAY_JVM_OPTS", WorkerProcessBuilder.DEFAULT_JVM_OPTS);
    env.putAll(spec.env());
    pb.directory(spec.podDir().toFile());
    pb.redirectErrorStream(true);
    pb.redirectOutput(ProcessBuilder.Redirect.appendTo(spec.logFile().toFile()));
    Process process = pb.start();
    LIVE.add(process);
    process.onExit().thenRun(() -> LIVE.remove(process));
    return new LocalProcess(process);
  }

  /**
   * A worker process. Not the testkit's {@code WorkerProcess}: that one SIGKILLs every worker from a JVM shutdown
   * hook, while the sandbox stops its workers gracefully (SIGTERM, so they leave the group and flush offsets) from
   * its own hook.
   */
  private record LocalProcess(Process process) implements PodProcess {

    @Override
    public boolean isAlive() {
      return process.isAlive();
    }

    @Override
    public int exitCode() {
      return process.exitValue();
    }

    @Override
    public void stop(Duration grace) {
      List<ProcessHandle> children = process.descendants().toList();
      process.destroy();
      try {
        if (!process.waitFor(grace.toMillis(), TimeUnit.MILLISECONDS)) {
          kill();
        }
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
        kill();
      }
      children.forEach(ProcessHandle::destroyForcibly);
    }

    @Override
    public void kill() {
      process.descendants().forEach(ProcessHandle::destroyForcibly);
      process.destroyForcibly();
      try {
        process.waitFor(10, TimeUnit.SECONDS);
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
      }
    }

    @Override
    public long pid() {
      return process.pid();
    }
  }

  private static void runInit(LocalPodSpec spec, LocalPodSpec.InitContainer init)
      throws IOException, InterruptedException, PodProcess.InitContainerFailedException {
    init.termination().reset();
    ProcessBuilder pb = new ProcessBuilder(init.command());
    pb.environment().keySet().removeIf(k -> k.startsWith("PATCHBAY_") || k.equals("POD_IP"));
    pb.environment().put("JAVA_HOME", System.getProperty("java.home"));
    pb.environment().putAll(init.env());
    pb.directory(spec.podDir().toFile());
    pb.redirectErrorStream(true);
    pb.redirectOutput(ProcessBuilder.Redirect.appendTo(init.logFile().toFile()));
    Process p = pb.start();
    if (!p.waitFor(INIT_TIMEOUT.toMillis(), TimeUnit.MILLISECONDS)) {
      p.destroyForcibly();
      throw new IOException("init container " + init.name() + " did not finish within " + INIT_TIMEOUT);
    }
    if (p.exitValue() != 0) {
      throw new PodProcess.InitContainerFailedException(init.name(), p.exitValue(),
          init.termination().read(p.exitValue(), init.logFile()));
    }
  }
}
