package dev.patchbay.sandbox.runtime;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.time.Instant;
import java.util.Map;

/**
 * One pod of a Deployment, run locally; mutated only by the runtime's loop thread (launch results arrive there). Like
 * a kubelet, a container that fails is restarted in the same pod after a backoff ({@link Phase#BACKOFF}): an init
 * container that exits non-zero runs again before the main container starts, a main container that exits starts
 * again; {@link Restarts} counts what the pod status reports.
 */
final class LocalPod {

  /** LAUNCHING: init containers and the main process are being started; BACKOFF: a container failed, restart due. */
  enum Phase { LAUNCHING, RUNNING, BACKOFF, TERMINATING }

  /** How a container ended, as {@code state.terminated} reports it. */
  record Termination(int exitCode, String message, Instant startedAt, Instant finishedAt) {
    String reason() {
      return exitCode == 0 ? "Completed" : "Error";
    }
  }

  /** The restarts of one container: how often restarted, failures since it last ran well, the last termination. */
  static final class Restarts {
    final String container;
    int restartCount;
    int failures;
    Termination last;

    Restarts(String container) {
      this.container = container;
    }
  }

  private static final HttpClient HTTP = HttpClient.newBuilder().connectTimeout(Duration.ofMillis(500)).build();
  private static final int FAILURES_BEFORE_UNREADY = 3;

  final String name;
  final String templateHash;
  final Map<String, String> labels;
  final long seq;
  final int gracePeriodSeconds;
  Phase phase = Phase.LAUNCHING;
  volatile LocalPodSpec spec;
  volatile PodProcess process;
  volatile Throwable launchFailure;
  volatile boolean launchDone;
  boolean ready;
  /** Whether the init containers have all completed (the main container has been started). */
  boolean initsDone;
  /** The init container that failed (with its restarts, still reported once it completed), or null when none did. */
  Restarts init;
  final Restarts main;
  /** When the container being run (an init container, or the main one) last started. */
  Instant startedAt = Instant.now();
  /** In BACKOFF: when the failed container is started again. */
  long restartAtNanos;
  /** What {@link PodMirror} last wrote for this pod, or null before the Pod object exists. */
  String mirrored;
  private int probeFailures;
  private long nextCheckNanos;

  LocalPod(String name, String templateHash, Map<String, String> labels, long seq, int gracePeriodSeconds,
      String mainContainer) {
    this.name = name;
    this.templateHash = templateHash;
    this.labels = labels;
    this.seq = seq;
    this.gracePeriodSeconds = gracePeriodSeconds;
    this.main = new Restarts(mainContainer);
  }

  boolean live() {
    return phase != Phase.TERMINATING;
  }

  /** The launch completed: the init containers are done and the main container runs. */
  void started() {
    phase = Phase.RUNNING;
    initsDone = true;
    startedAt = Instant.now();
  }

  /** An init container failed: it is started again after {@code backoff}. */
  void initFailed(PodProcess.InitContainerFailedException failure, long nowNanos) {
    if (init == null || !init.container.equals(failure.container())) {
      init = new Restarts(failure.container());
    }
    failed(init, failure.exitCode(), failure.terminationMessage(), nowNanos);
  }

  /** The main container exited: it is started again after a backoff. */
  void mainExited(int exitCode, String message, long nowNanos) {
    ready = false;
    failed(main, exitCode, message, nowNanos);
  }

  private void failed(Restarts container, int exitCode, String message, long nowNanos) {
    container.last = new Termination(exitCode, message, startedAt, Instant.now());
    container.failures++;
    phase = Phase.BACKOFF;
    restartAtNanos = nowNanos + backoff(container.failures).toNanos();
  }

  /** The failed container is started again (counted as a restart). */
  void restarting() {
    (initsDone ? main : init).restartCount++;
    phase = Phase.LAUNCHING;
    launchDone = false;
    launchFailure = null;
    startedAt = Instant.now();
  }

  /** Crash-loop backoff: 1 s, 2 s, 4 s, ... up to 30 s (a kubelet starts at 10 s and caps at 5 min). */
  static Duration backoff(int failures) {
    return Duration.ofSeconds(Math.min(30, 1L << Math.min(5, Math.max(0, failures - 1))));
  }

  /** What the pod status shows, changing whenever the mirrored Pod object must be written again. */
  String view() {
    return phase + "/" + ready + "/" + (process != null) + "/" + initsDone + "/"
        + (init == null ? "-" : init.restartCount + ":" + init.failures) + "/" + main.restartCount + ":"
        + main.failures;
  }

  /**
   * Probes the readiness endpoint when due: every 200 ms until ready, then every 2 s; three failures in a row make a
   * ready pod unready again.
   *
   * @return true when readiness changed
   */
  boolean probe(long nowNanos) {
    if (phase != Phase.RUNNING || nowNanos < nextCheckNanos) {
      return false;
    }
    nextCheckNanos = nowNanos + Duration.ofMillis(ready ? 2000 : 200).toNanos();
    boolean ok = healthy();
    boolean before = ready;
    if (ok) {
      probeFailures = 0;
      ready = true;
    } else if (ready && ++probeFailures >= FAILURES_BEFORE_UNREADY) {
      ready = false;
    }
    if (ready) {
      main.failures = 0; // running well: the next crash starts the backoff afresh
    }
    return before != ready;
  }

  private boolean healthy() {
    int port = spec.localPort(spec.healthPort());
    HttpRequest request = HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port + spec.healthPath()))
        .timeout(Duration.ofSeconds(1)).GET().build();
    try {
      return HTTP.send(request, HttpResponse.BodyHandlers.discarding()).statusCode() == 200;
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      return false;
    } catch (Exception e) {
      return false;
    }
  }

  @Override
  public String toString() {
    return name + "[" + phase + (ready ? ",ready" : "") + (process != null ? ",pid=" + process.pid() : "") + "]";
  }
}
