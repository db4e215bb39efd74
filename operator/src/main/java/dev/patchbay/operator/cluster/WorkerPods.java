package dev.patchbay.operator.cluster;

import dev.patchbay.operator.Naming;
import io.fabric8.kubernetes.api.model.Container;
import io.fabric8.kubernetes.api.model.ContainerPort;
import io.fabric8.kubernetes.api.model.Pod;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * Which Connect worker a worker pod is, and whether it is up: a managed worker advertises its pod IP
 * ({@code rest.advertised.host.name=$POD_IP}, set by the worker image) and its REST port, so the {@code worker_id}
 * Connect shows for a connector or task, {@code <pod IP>:<port>}, names the pod it runs in. A worker container that
 * restarts keeps its pod and so its id. Pure functions of the Pod object.
 */
public final class WorkerPods {

  /** Label selector of the worker pods of every managed cluster. */
  public static final String SELECTOR = Naming.LABEL_MANAGED_BY + "=" + Naming.MANAGED_BY + ","
      + Naming.LABEL_NAME + "=" + Naming.APP_NAME;

  private WorkerPods() {
  }

  /** The KafkaConnect the pod is a worker of (its cluster label). */
  public static Optional<String> cluster(Pod pod) {
    Map<String, String> labels = pod.getMetadata() == null ? null : pod.getMetadata().getLabels();
    return Optional.ofNullable(labels == null ? null : labels.get(Naming.LABEL_CLUSTER));
  }

  /**
   * The worker id the pod's worker advertises, {@code <pod IP>:<rest container port>} (an IPv6 address in brackets,
   * as Connect writes it), once the pod has an IP.
   */
  public static Optional<String> workerId(Pod pod) {
    String ip = pod.getStatus() == null ? null : pod.getStatus().getPodIP();
    if (ip == null || ip.isBlank()) {
      return Optional.empty();
    }
    return Optional.of((ip.contains(":") ? "[" + ip + "]" : ip) + ":" + restPort(pod));
  }

  /** Whether the pod's worker is up: phase Running and condition Ready=True (its readiness probe passes). */
  public static boolean ready(Pod pod) {
    return pod.getStatus() != null && "Running".equals(pod.getStatus().getPhase())
        && pod.getStatus().getConditions() != null && pod.getStatus().getConditions().stream()
        .anyMatch(c -> "Ready".equals(c.getType()) && "True".equals(c.getStatus()));
  }

  /**
   * When the worker container last ended (its {@code lastState.terminated.finishedAt}) if it restarted in this pod:
   * the worker came back under the same id, but as a new member of the group, with nothing assigned yet.
   */
  public static Optional<Instant> lastRestart(Pod pod) {
    if (pod.getStatus() == null || pod.getStatus().getContainerStatuses() == null) {
      return Optional.empty();
    }
    return pod.getStatus().getContainerStatuses().stream()
        .filter(c -> Naming.WORKER_CONTAINER.equals(c.getName()))
        .findFirst()
        .map(c -> c.getLastState() == null ? null : c.getLastState().getTerminated())
        .map(t -> t.getFinishedAt())
        .flatMap(WorkerPods::instant);
  }

  private static Optional<Instant> instant(String time) {
    try {
      return time == null ? Optional.empty() : Optional.of(Instant.parse(time));
    } catch (java.time.format.DateTimeParseException e) {
      return Optional.empty();
    }
  }

  /** The worker container's port named {@code rest}, else 8083. */
  static int restPort(Pod pod) {
    List<Container> containers = pod.getSpec() == null ? List.of() : pod.getSpec().getContainers();
    return containers.stream().filter(c -> Naming.WORKER_CONTAINER.equals(c.getName())).findFirst()
        .or(() -> containers.stream().findFirst())
        .flatMap(c -> c.getPorts().stream().filter(p -> Naming.REST_PORT_NAME.equals(p.getName())).findFirst())
        .map(ContainerPort::getContainerPort)
        .orElse(Naming.REST_PORT);
  }
}
