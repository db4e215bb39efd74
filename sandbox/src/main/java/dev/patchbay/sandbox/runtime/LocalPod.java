package dev.patchbay.sandbox.runtime;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.time.Instant;
import java.util.Map;

/**
 * One pod of a Deployment, run locally; mutated only by the runtime's loop thread (launch results arrive there). While
 * RUNNING, its main container is either running ({@link #process} set) or waiting to be restarted in place
 * ({@link ContainerRestarts}).
 */
final class LocalPod {

  enum Phase { LAUNCHING, RUNNING, TERMINATING }

  /** How the main container last ended: its {@code lastState.terminated}. */
  record Termination(int exitCode, Instant startedAt, Instant finishedAt) {
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
  /** When the running container started. */
  Instant containerStartedAt;
  /** How often the main container was restarted in place. */
  int restarts;
  Termination lastTermination;
  /** Exits since the container was last ready: the crash-loop backoff grows with it. */
  int crashLoop;
  /** {@link System#nanoTime()} from which an exited container may be restarted. */
  long restartDueNanos;
  /** A restart is being launched (on the runtime's worker threads); its result arrives in the fields below. */
  boolean relaunching;
  volatile boolean relaunchDone;
  volatile PodProcess relaunched;
  volatile Throwable relaunchFailure;
  /** What {@link PodMirror} last wrote for this pod, or null before the Pod object exists. */
  String mirrored;
  private int failures;
  private long nextCheckNanos;

  LocalPod(String name, String templateHash, Map<String, String> labels, long seq, int gracePeriodSeconds) {
    this.name = name;
    this.templateHash = templateHash;
    this.labels = labels;
    this.seq = seq;
    this.gracePeriodSeconds = gracePeriodSeconds;
  }

  boolean live() {
    return phase != Phase.TERMINATING;
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
      failures = 0;
      ready = true;
    } else if (ready && ++failures >= FAILURES_BEFORE_UNREADY) {
      ready = false;
    }
    return before != ready;
  }

  /** The container ended: the pod is not ready at once (as the kubelet reports it), and probing starts afresh. */
  void containerEnded() {
    process = null;
    ready = false;
    failures = 0;
    nextCheckNanos = 0;
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
        + (restarts > 0 ? ",restarts=" + restarts : "") + "]";
  }
}
