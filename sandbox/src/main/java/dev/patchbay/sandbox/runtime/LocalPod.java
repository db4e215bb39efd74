package dev.patchbay.sandbox.runtime;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.Map;

/** One pod of a Deployment, run locally; mutated only by the runtime's loop thread (launch results arrive there). */
final class LocalPod {

  enum Phase { LAUNCHING, RUNNING, TERMINATING }

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
    if (phase != Phase.RUNNING || nowNanos < nextCheckNanos) {
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
