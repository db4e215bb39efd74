package dev.patchbay.sandbox.bench;

import dev.patchbay.operator.api.KafkaConnector;
import java.time.Duration;
import java.util.List;

/**
 * Figure 8: the worker process is killed (SIGKILL) and started again at once on the same port and group, as a
 * restarted pod would be. {@code recovery_connect_s}: kill until Connect itself reports every connector RUNNING again
 * (polled directly every 100 ms). {@code recovery_s}: kill until Patchbay says so too: every KafkaConnector Ready and
 * the operator has listed the cluster successfully after Connect was back. The gap between them is the operator's
 * part; it depends on whether the operator polled during the outage (then it retries with backoff) or not (then it
 * confirms at its next poll).
 */
final class RecoveryBench {

  private RecoveryBench() {
  }

  static void run(BenchEnvironment env, Figures figures) throws Exception {
    List<String> names = env.client.resources(KafkaConnector.class).inNamespace(BenchEnvironment.NAMESPACE).list()
        .getItems().stream().map(r -> r.getMetadata().getName()).toList();
    Duration timeout = Duration.ofSeconds(Math.max(240, names.size() * 2L));
    env.ready.awaitReady(names, timeout);
    int port = env.worker.restPort();

    long killed = System.nanoTime();
    env.worker.kill();
    env.worker = env.startWorker(port);
    long connectBack = env.direct.awaitAllRunning(names, ColdStartBench.DIRECT_POLL, timeout);
    long deadline = System.nanoTime() + timeout.toNanos();
    while (env.lastListing.get() < connectBack) {
      if (System.nanoTime() > deadline) {
        throw new IllegalStateException("the operator did not list the cluster within " + timeout + " after recovery");
      }
      Thread.sleep(5);
    }
    long lastTurnedReady = env.ready.awaitReady(names, timeout);
    long ready = Math.max(lastTurnedReady, env.lastListing.get());
    boolean noticed = lastTurnedReady > killed;
    figures.add("recovery_connect_s", Stats.millisSince(killed, connectBack) / 1000, "s");
    figures.add("recovery_s", Stats.millisSince(killed, ready) / 1000, "s");
    figures.note("recovery: " + names.size() + " connectors; the operator " + (noticed
        ? "saw the outage (statuses went not Ready) and retried with backoff"
        : "did not poll during the outage; its next poll confirmed the connectors"));
  }
}
