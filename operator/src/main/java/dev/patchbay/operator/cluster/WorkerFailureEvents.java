package dev.patchbay.operator.cluster;

import dev.patchbay.operator.EventRecorder;
import dev.patchbay.operator.api.KafkaConnect;
import dev.patchbay.operator.connector.Redactor;
import io.fabric8.kubernetes.api.model.Pod;
import java.util.Collection;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Reports a cluster's failing worker pods ({@link WorkerFailure}) with the worker config's values hidden (a worker's
 * last log line may quote one), and writes a Warning event once per distinct message, not once per reconcile: a
 * pod in CrashLoopBackOff is seen many times. What was warned about is forgotten when the cluster is Ready again or
 * deleted, so the next failure is told again.
 */
final class WorkerFailureEvents {

  private static final Logger LOG = LoggerFactory.getLogger(WorkerFailureEvents.class);

  private final EventRecorder events;
  /** The last message warned about, per cluster key ({@code namespace/name}). */
  private final Map<String, String> warned = new ConcurrentHashMap<>();

  WorkerFailureEvents(EventRecorder events) {
    this.events = events;
  }

  /** The failure of the cluster's pods of the current template, redacted; warned about when it is new. */
  Optional<WorkerFailure> check(KafkaConnect kc, List<Pod> pods, String configHash, Collection<String> configValues) {
    Optional<WorkerFailure> failure = WorkerFailure.of(pods, configHash)
        .map(f -> new WorkerFailure(f.reason(), Redactor.redact(f.message(), configValues)));
    failure.ifPresent(f -> {
      String key = kc.getMetadata().getNamespace() + "/" + kc.getMetadata().getName();
      if (!f.message().equals(warned.put(key, f.message()))) {
        LOG.warn("Workers of {} fail: {}: {}", key, f.reason(), f.message());
        events.warning(kc, f.reason(), f.message());
      }
    });
    return failure;
  }

  /** The cluster is Ready, or gone: its next failure is a new one. */
  void forget(String clusterKey) {
    warned.remove(clusterKey);
  }
}
