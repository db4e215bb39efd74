package dev.patchbay.sandbox.bench;

import dev.patchbay.operator.api.Condition;
import dev.patchbay.operator.api.KafkaConnector;
import dev.patchbay.operator.api.KafkaConnectorStatus;
import dev.patchbay.operator.api.TaskStatus;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.informers.ResourceEventHandler;
import io.fabric8.kubernetes.client.informers.SharedIndexInformer;
import java.time.Duration;
import java.util.Collection;
import java.util.Map;
import java.util.Objects;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.TimeoutException;

/**
 * Watches the KafkaConnectors of a namespace (an informer, so a status change is seen when the API server sends it,
 * not at the next poll) and records, per connector, when it was last seen turning Ready and turning not Ready.
 * Ready means what users wait for: condition Ready=True for the current generation, state RUNNING, every task
 * RUNNING.
 */
final class ReadyTracker implements AutoCloseable {

  private final SharedIndexInformer<KafkaConnector> informer;
  private final Map<String, Long> readySince = new ConcurrentHashMap<>();
  private final Map<String, Long> notReadySince = new ConcurrentHashMap<>();

  ReadyTracker(KubernetesClient client, String namespace) {
    informer = client.resources(KafkaConnector.class).inNamespace(namespace).inform(new ResourceEventHandler<>() {
      @Override
      public void onAdd(KafkaConnector r) {
        seen(r);
      }

      @Override
      public void onUpdate(KafkaConnector old, KafkaConnector r) {
        seen(r);
      }

      @Override
      public void onDelete(KafkaConnector r, boolean deletedFinalStateUnknown) {
        readySince.remove(r.getMetadata().getName());
        notReadySince.remove(r.getMetadata().getName());
      }
    }, 0);
  }

  private void seen(KafkaConnector r) {
    long now = System.nanoTime();
    String name = r.getMetadata().getName();
    if (isReady(r)) {
      if (!readySince.containsKey(name)) {
        readySince.put(name, now);
        notReadySince.remove(name);
      }
    } else if (r.getStatus() != null && r.getStatus().getObservedGeneration() != null
        && !notReadySince.containsKey(name)) {
      notReadySince.put(name, now);
      readySince.remove(name);
    }
  }

  static boolean isReady(KafkaConnector r) {
    KafkaConnectorStatus status = r.getStatus();
    if (status == null || !Objects.equals(status.getObservedGeneration(), r.getMetadata().getGeneration())
        || !"RUNNING".equals(status.getState()) || status.getTasks() == null || status.getTasks().isEmpty()) {
      return false;
    }
    Condition ready = status.getConditions() == null ? null : status.getConditions().stream()
        .filter(c -> Condition.READY.equals(c.type())).findFirst().orElse(null);
    return ready != null && ready.isTrue()
        && status.getTasks().stream().map(TaskStatus::state).allMatch("RUNNING"::equals);
  }

  /** Waits until every named connector is Ready; returns the nanoTime at which the last of them turned Ready. */
  long awaitReady(Collection<String> names, Duration timeout) throws TimeoutException, InterruptedException {
    long deadline = System.nanoTime() + timeout.toNanos();
    while (true) {
      long last = 0;
      int missing = 0;
      for (String name : names) {
        Long at = readySince.get(name);
        if (at == null) {
          missing++;
        } else {
          last = Math.max(last, at);
        }
      }
      if (missing == 0) {
        return last;
      }
      if (System.nanoTime() > deadline) {
        throw new TimeoutException(missing + " of " + names.size() + " connectors not Ready within " + timeout);
      }
      Thread.sleep(5);
    }
  }

  /** Waits until every named connector has been seen not Ready; false on timeout. */
  boolean awaitNotReady(Collection<String> names, Duration timeout) throws InterruptedException {
    long deadline = System.nanoTime() + timeout.toNanos();
    while (System.nanoTime() < deadline) {
      if (names.stream().allMatch(notReadySince::containsKey)) {
        return true;
      }
      Thread.sleep(20);
    }
    return false;
  }

  int readyCount(Collection<String> names) {
    return (int) names.stream().filter(readySince::containsKey).count();
  }

  @Override
  public void close() {
    informer.close();
  }
}
