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
 * a kubelet, it keeps its containers in the pod ({@link ContainerRestarts}): an init container that exits non-zero
 * runs again, then the main container (INITIALIZING); a main container that exits starts again with the same address
 * and ports (RUNNING, {@link #process} null until it is back). {@link Restarts} holds what the pod status reports.
 */
final class LocalPod {

  /**
   * LAUNCHING: created, its init containers and main container are being started for the first time; INITIALIZING:
   * an init container failed and is run again; RUNNING: the init containers completed, the main container runs or
   * waits to be restarted; TERMINATING: being stopped.
   */
  enum Phase { LAUNCHING, INITIALIZING, RUNNING, TERMINATING }

  /** How a container ended, as {@code state.terminated} reports it. */
  record Termination(int exitCode, String message, Instant startedAt, Instant finishedAt) {
    String reason() {
      return exitCode == 0 ? "Completed" : "Error";
    }
  }

  /** The restarts of one container in this pod. */
  static final class Restarts {
    final String container;
    /** How often it was started again in this pod. */
    int restartCount;
    /** Failures since it last ran well (was ready): the crash-loop backoff grows with them. */
    int crashLoop;
    /** How it last ended, or null. */
    Termination last;

    Restarts(String container) {
      this.container = container;
    }
  }

  private static final HttpClient HTTP = HttpClient.newBuilder().connectTimeout(Duration.ofMillis(500)).build();
  private static final int FAILURES_BEFORE_UNREADY = 3;
  private static final Duration MAX_BACKOFF = Duration.ofSeconds(30);

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
  /** The init container that failed (still reported once the init containers completed), or null when none did. */
  Restarts init;
  final Restarts main;
  /** When the container being run (an init container, or the main one) started. */
  Instant startedAt = Instant.now();
  /** {@link System#nanoTime()} from which a failed container may be started again. */
  long restartDueNanos;
  /** A restart is being launched (on the runtime's worker threads); its result arrives in the fields below. */
  boolean relaunching;
  volatile boolean relaunchDone;
  volatile PodProcess relaunched;
  volatile Throwable relaunchFailure;
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

  /** The init containers completed and the main container runs ({@link #process}). */
  void started() {
    phase = Phase.RUNNING;
    startedAt = Instant.now();
  }

  /** An init container exited non-zero: the init containers run again after the backoff. */
  void initFailed(PodProcess.InitContainerFailedException failure, long nowNanos) {
    phase = Phase.INITIALIZING;
    if (init == null || !init.container.equals(failure.container())) {
      init = new Restarts(failure.container());
    }
    failed(init, new Termination(failure.exitCode(), failure.terminationMessage(), startedAt, Instant.now()),
        nowNanos);
  }

  /** The main container exited: it is started again after the backoff; the pod is not ready until then. */
  void mainExited(int exitCode, String message, long nowNanos) {
    process = null;
    ready = false;
    probeFailures = 0;
    nextCheckNanos = 0;
    failed(main, new Termination(exitCode, message, startedAt, Instant.now()), nowNanos);
  }

  /** The container to be run again could not be started at all: it is tried again after the backoff. */
  void restartFailed(long nowNanos) {
    Restarts container = current();
    container.crashLoop++;
    restartDueNanos = nowNanos + backoff(container.crashLoop).toNanos();
  }

  private void failed(Restarts container, Termination termination, long nowNanos) {
    container.last = termination;
    container.crashLoop++;
    restartDueNanos = nowNanos + backoff(container.crashLoop).toNanos();
  }

  /** The failed container is started again, counted as a restart: what to launch (init containers first if due). */
  LocalPodSpec restarting() {
    current().restartCount++;
    relaunching = true;
    relaunchDone = false;
    startedAt = Instant.now();
    return phase == Phase.RUNNING ? spec.withoutInitContainers() : spec;
  }

  /** The container that runs, or failed and waits to run again: the main one once the init containers completed. */
  Restarts current() {
    return phase == Phase.INITIALIZING ? init : main;
  }

  /**
   * The kubelet's crash-loop backoff before starting a container again after {@code failures} failures without
   * having run well: none for the first, then 1 s doubling to 30 s (the kubelet waits 10 s doubling to 5 min).
   */
  static Duration backoff(int failures) {
    if (failures <= 1) {
      return Duration.ZERO;
    }
    Duration delay = Duration.ofSeconds(1L << Math.min(5, failures - 2));
    return delay.compareTo(MAX_BACKOFF) > 0 ? MAX_BACKOFF : delay;
  }

  /** What the pod status shows, changing whenever the mirrored Pod object must be written again. */
  String view() {
    return phase + "/" + ready + "/" + (process != null) + "/" + relaunching + "/" + (spec != null) + "/"
        + (init == null ? "-" : init.restartCount + ":" + init.crashLoop) + "/" + main.restartCount + ":"
        + main.crashLoop;
  }

  /**
   * Probes the readiness endpoint when due: every 200 ms until ready, then every 2 s; three failures in a row make a
   * ready pod unready again.
   *
   * @return true when readiness changed
   */
  boolean probe(long nowNanos) {
    if (phase != Phase.RUNNING || process == null || nowNanos < nextCheckNanos) {
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
    return before != ready;
  }

  /** The REST URL of the pod's worker, at its own address. */
  String restUrl() {
    return "http://" + spec.podIp() + ":" + spec.localPort(spec.healthPort());
  }

  private boolean healthy() {
    HttpRequest request = HttpRequest.newBuilder(URI.create(restUrl() + spec.healthPath()))
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
    return name + "[" + phase + (ready ? ",ready" : "") + (process != null ? ",pid=" + process.pid() : "")
        + (main.restartCount > 0 ? ",restarts=" + main.restartCount : "") + "]";
  }
}
