package dev.patchbay.sandbox.runtime;

import io.fabric8.kubernetes.api.model.Container;
import io.fabric8.kubernetes.api.model.ContainerState;
import io.fabric8.kubernetes.api.model.ContainerStateBuilder;
import io.fabric8.kubernetes.api.model.ContainerStatus;
import io.fabric8.kubernetes.api.model.ContainerStatusBuilder;
import io.fabric8.kubernetes.api.model.OwnerReferenceBuilder;
import io.fabric8.kubernetes.api.model.Pod;
import io.fabric8.kubernetes.api.model.PodBuilder;
import io.fabric8.kubernetes.api.model.apps.Deployment;
import io.fabric8.kubernetes.client.KubernetesClient;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Pod objects in the API server for the local pods, so that {@code kubectl get pods} shows the workers and the
 * operator reads them as it reads real ones: phase, readiness, pod IP 127.0.0.1, the template's labels and
 * annotations, and container statuses as a kubelet writes them. A failed container shows {@code state.terminated}
 * (exit code, reason Error, the termination message), then while it waits to be restarted
 * {@code state.waiting.reason: CrashLoopBackOff} with the termination as {@code lastState} and a restart count, so
 * that kubectl prints {@code Init:Error}, {@code Init:CrashLoopBackOff} or {@code CrashLoopBackOff}. Annotations
 * name the process id, the loopback REST port and the log file.
 */
final class PodMirror {

  static final String ANNOTATION_PID = "sandbox.patchbay.dev/pid";
  static final String ANNOTATION_REST = "sandbox.patchbay.dev/rest-url";
  static final String ANNOTATION_LOG = "sandbox.patchbay.dev/log";
  private static final Logger LOG = LoggerFactory.getLogger(PodMirror.class);

  private final KubernetesClient client;

  PodMirror(KubernetesClient client) {
    this.client = client;
  }

  /** Writes the pod's current view when it changed since the last write. */
  void sync(Deployment d, LocalPod pod) {
    String view = pod.view();
    if (view.equals(pod.mirrored)) {
      return;
    }
    try {
      Pod desired = build(d, pod);
      if (pod.mirrored == null) {
        client.pods().inNamespace(d.getMetadata().getNamespace()).resource(desired).create();
      } else {
        client.pods().inNamespace(d.getMetadata().getNamespace()).resource(desired).update();
      }
      pod.mirrored = view;
    } catch (RuntimeException e) {
      LOG.debug("pod object {} not written", pod.name, e);
    }
  }

  void delete(String namespace, LocalPod pod) {
    try {
      client.pods().inNamespace(namespace).withName(pod.name).delete();
    } catch (RuntimeException e) {
      LOG.debug("pod object {} not deleted", pod.name, e);
    }
  }

  private static Pod build(Deployment d, LocalPod pod) {
    String now = Instant.now().truncatedTo(ChronoUnit.SECONDS).toString();
    Map<String, String> annotations = d.getSpec().getTemplate().getMetadata() == null ? null
        : d.getSpec().getTemplate().getMetadata().getAnnotations();
    Container main = d.getSpec().getTemplate().getSpec().getContainers().get(0);
    PodBuilder b = new PodBuilder()
        .withNewMetadata()
        .withName(pod.name)
        .withNamespace(d.getMetadata().getNamespace())
        .withLabels(pod.labels)
        .withAnnotations(annotations == null ? Map.of() : annotations)
        .addToOwnerReferences(new OwnerReferenceBuilder().withApiVersion("apps/v1").withKind("Deployment")
            .withName(d.getMetadata().getName()).withUid(d.getMetadata().getUid()).withController(true).build())
        .endMetadata()
        .withSpec(d.getSpec().getTemplate().getSpec())
        .withNewStatus()
        .withPhase(pod.initsDone ? "Running" : "Pending")
        .withPodIP("127.0.0.1")
        .withHostIP("127.0.0.1")
        .addNewCondition().withType("Ready").withStatus(pod.ready ? "True" : "False")
        .withLastTransitionTime(now).endCondition()
        .withInitContainerStatuses(initStatuses(d, pod))
        .withContainerStatuses(mainStatus(pod, main))
        .endStatus();
    if (pod.process != null) {
      b.editMetadata().addToAnnotations(ANNOTATION_PID, Long.toString(pod.process.pid())).endMetadata();
    }
    if (pod.spec != null) {
      b.editMetadata()
          .addToAnnotations(ANNOTATION_REST, "http://127.0.0.1:" + pod.spec.localPort(pod.spec.healthPort()))
          .addToAnnotations(ANNOTATION_LOG, pod.spec.logFile().toString())
          .endMetadata();
    }
    return b.build();
  }

  /**
   * The init containers: all completed once the main container started; else the one that failed (or the first,
   * while it runs) with its restarts, and those after it waiting.
   */
  private static List<ContainerStatus> initStatuses(Deployment d, LocalPod pod) {
    List<ContainerStatus> statuses = new ArrayList<>();
    boolean reached = false;
    for (Container init : d.getSpec().getTemplate().getSpec().getInitContainers()) {
      ContainerStatusBuilder status = new ContainerStatusBuilder().withName(init.getName()).withImage(init.getImage());
      if (pod.initsDone) {
        int restarts = pod.init != null && pod.init.container.equals(init.getName()) ? pod.init.restartCount : 0;
        status.withReady(true).withStarted(false).withRestartCount(restarts)
            .withState(terminated(new LocalPod.Termination(0, null, pod.startedAt, pod.startedAt)));
      } else if (reached) {
        status.withReady(false).withStarted(false).withRestartCount(0).withState(waiting("PodInitializing", null));
      } else if (pod.init != null && !pod.init.container.equals(init.getName())) {
        status.withReady(true).withStarted(false).withRestartCount(0)
            .withState(terminated(new LocalPod.Termination(0, null, pod.startedAt, pod.startedAt)));
      } else {
        reached = true;
        current(status, pod, pod.init, init.getName());
      }
      statuses.add(status.build());
    }
    return statuses;
  }

  private static ContainerStatus mainStatus(LocalPod pod, Container main) {
    ContainerStatusBuilder status = new ContainerStatusBuilder().withName(main.getName()).withImage(main.getImage());
    if (!pod.initsDone) {
      return status.withReady(false).withStarted(false).withRestartCount(0)
          .withState(waiting("PodInitializing", null)).build();
    }
    return current(status, pod, pod.main, main.getName()).build();
  }

  /**
   * The container being run, or that failed: running (started), terminated after its first failure, then waiting
   * in CrashLoopBackOff after later ones; the last termination as lastState once there has been one.
   */
  private static ContainerStatusBuilder current(ContainerStatusBuilder status, LocalPod pod, LocalPod.Restarts restarts,
      String container) {
    int restartCount = restarts == null ? 0 : restarts.restartCount;
    LocalPod.Termination last = restarts == null ? null : restarts.last;
    status.withRestartCount(restartCount).withReady(pod.ready && pod.phase == LocalPod.Phase.RUNNING);
    if (pod.phase == LocalPod.Phase.BACKOFF && last != null) {
      status.withStarted(false);
      if (restartCount == 0) {
        return status.withState(terminated(last));
      }
      long seconds = LocalPod.backoff(restarts.failures).toSeconds();
      return status.withState(waiting("CrashLoopBackOff", "back-off " + seconds + "s restarting failed container="
          + container + " pod=" + pod.name)).withLastState(terminated(last));
    }
    status.withStarted(true).withState(new ContainerStateBuilder().withNewRunning()
        .withStartedAt(pod.startedAt.truncatedTo(ChronoUnit.SECONDS).toString()).endRunning().build());
    return last == null ? status : status.withLastState(terminated(last));
  }

  private static ContainerState terminated(LocalPod.Termination t) {
    return new ContainerStateBuilder().withNewTerminated()
        .withExitCode(t.exitCode())
        .withReason(t.reason())
        .withMessage(t.message() == null || t.message().isEmpty() ? null : t.message())
        .withStartedAt(t.startedAt().truncatedTo(ChronoUnit.SECONDS).toString())
        .withFinishedAt(t.finishedAt().truncatedTo(ChronoUnit.SECONDS).toString())
        .endTerminated().build();
  }

  private static ContainerState waiting(String reason, String message) {
    return new ContainerStateBuilder().withNewWaiting().withReason(reason).withMessage(message).endWaiting().build();
  }
}
