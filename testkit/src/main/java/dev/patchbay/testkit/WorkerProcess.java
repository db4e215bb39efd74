package dev.patchbay.testkit;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Comparator;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicReference;
import java.util.concurrent.locks.LockSupport;
import java.util.function.Consumer;
import java.util.stream.Stream;

/**
 * A Kafka Connect worker running as a separate OS process from the worker distribution's
 * entrypoint ({@code bin/patchbay-worker}), exactly as the container runs it.
 *
 * <pre>{@code
 * try (WorkerProcess worker = WorkerProcess.builder(WorkerDistribution.locate())
 *         .bootstrapServers(kafka.bootstrapServers())
 *         .groupId("it-connect")
 *         .start()) {
 *   worker.awaitReady(Duration.ofSeconds(60));
 *   ... worker.restUrl() ...
 * }
 * }</pre>
 *
 * The worker's stdout and stderr go to {@link #logFile()}. A JVM shutdown hook kills every worker
 * still running when the test JVM exits, so no process outlives it.
 */
public final class WorkerProcess implements AutoCloseable {
  private static final Set<WorkerProcess> LIVE = ConcurrentHashMap.newKeySet();
  private static final HttpClient HTTP = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(2)).build();

  static {
    Runtime.getRuntime().addShutdownHook(new Thread(() -> LIVE.forEach(WorkerProcess::kill), "patchbay-worker-reaper"));
  }

  private final Process process;
  private final int restPort;
  private final Path workDir;
  private final Path configDir;
  private final Path logFile;
  private final long startNanos;
  private final boolean deleteWorkDirOnClose;
  private volatile Duration startupTime;
  private final AtomicReference<Consumer<Boolean>> exitHook = new AtomicReference<>();

  WorkerProcess(Process process, int restPort, Path workDir, Path configDir, Path logFile, long startNanos,
      boolean deleteWorkDirOnClose) {
    this.process = process;
    this.deleteWorkDirOnClose = deleteWorkDirOnClose;
    this.restPort = restPort;
    this.workDir = workDir;
    this.configDir = configDir;
    this.logFile = logFile;
    this.startNanos = startNanos;
    LIVE.add(this);
  }

  /** A builder for a worker run from {@code dist}. */
  public static WorkerProcessBuilder builder(WorkerDistribution dist) {
    return new WorkerProcessBuilder(dist);
  }

  /** A builder for a worker run from {@link WorkerDistribution#locate()}. */
  public static WorkerProcessBuilder builder() {
    return builder(WorkerDistribution.locate());
  }

  /**
   * Waits until {@code GET /health} and then {@code GET /connectors} answer 200 and logs
   * {@code worker_startup_ms=<process start → ready>}.
   *
   * @throws IllegalStateException with the end of the worker log when the process exits or the
   *     timeout passes first
   */
  public WorkerProcess awaitReady(Duration timeout) {
    long deadline = System.nanoTime() + timeout.toNanos();
    boolean healthy = false;
    while (System.nanoTime() < deadline) {
      if (!process.isAlive()) {
        LIVE.remove(this);
        exited(false);
        throw new IllegalStateException("worker exited with " + process.exitValue() + " before it was ready; log "
            + logFile + ":\n" + logTail(40));
      }
      healthy = healthy || status("/health") == 200;
      if (healthy && status("/connectors") == 200) {
        if (startupTime == null) {
          startupTime = Duration.ofNanos(System.nanoTime() - startNanos);
          System.out.println("worker_startup_ms=" + startupTime.toMillis() + " rest=" + restUrl() + " pid=" + pid());
        }
        return this;
      }
      LockSupport.parkNanos(TimeUnit.MILLISECONDS.toNanos(100));
    }
    throw new IllegalStateException("worker " + restUrl() + " not ready within " + timeout + "; log " + logFile + ":\n"
        + logTail(40));
  }

  /** Process start → REST ready, once {@link #awaitReady} succeeded. */
  public Optional<Duration> startupTime() {
    return Optional.ofNullable(startupTime);
  }

  /** {@code http://127.0.0.1:<port>}, no trailing slash. */
  public String restUrl() {
    return "http://127.0.0.1:" + restPort;
  }

  public int restPort() {
    return restPort;
  }

  /** The worker id Connect reports in statuses ({@code 127.0.0.1:<port>}). */
  public String workerId() {
    return "127.0.0.1:" + restPort;
  }

  /** The worker JVM's pid (the entrypoint execs into it). */
  public long pid() {
    return process.pid();
  }

  public Process process() {
    return process;
  }

  public boolean isAlive() {
    return process.isAlive();
  }

  public Path workDir() {
    return workDir;
  }

  public Path configDir() {
    return configDir;
  }

  /** The worker's combined stdout/stderr. */
  public Path logFile() {
    return logFile;
  }

  /** The whole log so far. */
  public String log() {
    try {
      return Files.exists(logFile) ? Files.readString(logFile, StandardCharsets.UTF_8) : "";
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  /** SIGKILL (the process and anything it started), then waits for it to be gone. */
  public void kill() {
    process.descendants().forEach(ProcessHandle::destroyForcibly);
    process.destroyForcibly();
    try {
      process.waitFor(30, TimeUnit.SECONDS);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
    LIVE.remove(this);
    exited(false);
  }

  /** Runs once when the process is known to be gone; {@code true} after a clean SIGTERM/exit 0. */
  void onExit(Consumer<Boolean> hook) {
    exitHook.set(hook);
  }

  private void exited(boolean clean) {
    Consumer<Boolean> hook = exitHook.getAndSet(null);
    if (hook != null) {
      hook.accept(clean);
    }
  }

  /**
   * SIGTERM, then waits up to 60 s for a clean shutdown (SIGKILL after that).
   *
   * @return the exit code (143 after a clean SIGTERM shutdown of a JVM)
   */
  public int stop() {
    return stop(Duration.ofSeconds(60));
  }

  public int stop(Duration timeout) {
    List<ProcessHandle> children = process.descendants().toList();
    process.destroy();
    try {
      if (!process.waitFor(timeout.toMillis(), TimeUnit.MILLISECONDS)) {
        kill();
      }
      children.forEach(ProcessHandle::destroyForcibly);
      int exit = process.waitFor();
      exited(exit == 0 || exit == 143);
      return exit;
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      kill();
      return -1;
    } finally {
      LIVE.remove(this);
    }
  }

  /**
   * Stops the worker (SIGTERM) if it still runs; a work dir the builder created itself (no
   * {@code workDir(..)} given) is deleted, log included.
   */
  @Override
  public void close() {
    if (process.isAlive()) {
      stop();
    }
    LIVE.remove(this);
    if (!process.isAlive()) {
      exited(process.exitValue() == 0 || process.exitValue() == 143);
    }
    if (deleteWorkDirOnClose) {
      try (Stream<Path> walk = Files.walk(workDir)) {
        walk.sorted(Comparator.reverseOrder()).forEach(p -> p.toFile().delete());
      } catch (IOException | UncheckedIOException e) {
        // best effort: it is a temp dir
      }
    }
  }

  /** The last {@code lines} lines of the log. */
  public String logTail(int lines) {
    List<String> all = log().lines().toList();
    return String.join("\n", all.subList(Math.max(0, all.size() - lines), all.size()));
  }

  private int status(String path) {
    HttpRequest request = HttpRequest.newBuilder(URI.create(restUrl() + path)).timeout(Duration.ofSeconds(2)).GET().build();
    try {
      return HTTP.send(request, HttpResponse.BodyHandlers.discarding()).statusCode();
    } catch (IOException e) {
      return -1;
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IllegalStateException("interrupted", e);
    }
  }

  @Override
  public String toString() {
    return "WorkerProcess[pid=" + process.pid() + ", rest=" + restUrl() + "]";
  }
}
