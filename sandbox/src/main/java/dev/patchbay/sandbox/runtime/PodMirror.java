package dev.patchbay.sandbox.runtime;

import io.fabric8.kubernetes.api.model.Container;
import io.fabric8.kubernetes.api.model.ContainerPort;
import io.fabric8.kubernetes.api.model.ContainerState;
import io.fabric8.kubernetes.api.model.ContainerStateBuilder;
import io.fabric8.kubernetes.api.model.ContainerStatus;
import io.fabric8.kubernetes.api.model.ContainerStatusBuilder;
import io.fabric8.kubernetes.api.model.OwnerReferenceBuilder;
import io.fabric8.kubernetes.api.model.Pod;
import io.fabric8.kubernetes.api.model.PodBuilder;
import io.fabric8.kubernetes.api.model.PodSpec;
import io.fabric8.kubernetes.api.model.apps.Deployment;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.utils.Serialization;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Pod objects in the API server for the local pods, as the kubelet reports them: phase, the Ready condition, the pod's
 * own IP, the template's labels and annotations, and the container statuses. A container that runs shows
 * {@code state.running}; one that failed shows {@code state.terminated} (exit code, reason Error, the termination
 * message), then while it waits to be restarted in the pod {@code state.waiting.reason: CrashLoopBackOff} with the
 * termination as {@code lastState} and a {@code restartCount}, so that kubectl prints {@code Init:Error},
 * {@code Init:CrashLoopBackOff} or {@code CrashLoopBackOff}. The operator reads them as it reads real ones: which
 * Connect workers are alive ({@code <podIP>:<rest container port>}), and why a plugin fetch or a worker failed.
 * Annotations name the process id, the REST URL and the log file. A container port mapped to another port
 * ({@link PodAddresses}) shows as the port it really listens on, so that {@code podIP:containerPort} is where it
 * answers.
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
    PodSpec spec = podSpec(d, pod);
    PodBuilder b = new PodBuilder()
        .withNewMetadata()
        .withName(pod.name)
        .withNamespace(d.getMetadata().getNamespace())
        .withLabels(pod.labels)
        .withAnnotations(annotations == null ? Map.of() : annotations)
        .addToOwnerReferences(new OwnerReferenceBuilder().withApiVersion("apps/v1").withKind("Deployment")
            .withName(d.getMetadata().getName()).withUid(d.getMetadata().getUid()).withController(true).build())
        .endMetadata()
        .withSpec(spec)
        .withNewStatus()
        .withPhase(pod.phase == LocalPod.Phase.RUNNING ? "Running" : "Pending")
        .withPodIP(pod.spec == null ? null : pod.spec.podIp())
        .withHostIP(PodAddresses.SHARED_IP)
        .addNewCondition().withType("Ready").withStatus(pod.ready ? "True" : "False")
        .withLastTransitionTime(now).endCondition()
        .withInitContainerStatuses(initStatuses(spec, pod))
        .withContainerStatuses(mainStatus(spec.getContainers().get(0), pod))
        .endStatus();
    if (pod.process != null) {
      b.editMetadata().addToAnnotations(ANNOTATION_PID, Long.toString(pod.process.pid())).endMetadata();
    }
    if (pod.spec != null) {
      b.editMetadata()
          .addToAnnotations(ANNOTATION_REST, pod.restUrl())
          .addToAnnotations(ANNOTATION_LOG, pod.spec.logFile().toString())
          .endMetadata();
    }
    return b.build();
  }

  /** The template's pod spec, with the main container's ports as the pod really listens on them. */
  private static PodSpec podSpec(Deployment d, LocalPod pod) {
    PodSpec spec = Serialization.clone(d.getSpec().getTemplate().getSpec());
    if (pod.spec != null) {
      for (ContainerPort port : spec.getContainers().get(0).getPorts()) {
        port.setContainerPort(pod.spec.localPort(port.getContainerPort()));
      }
    }
    return spec;
  }

  /**
   * The init containers: all completed once the main container runs; before, those ahead of the one that failed
   * completed, that one (or the first, on the pod's first start) runs or waits to run again, those after it wait.
   */
  private static List<ContainerStatus> initStatuses(PodSpec spec, LocalPod pod) {
    List<ContainerStatus> statuses = new ArrayList<>();
    boolean reached = false;
    for (Container init : spec.getInitContainers()) {
      ContainerStatusBuilder status = new ContainerStatusBuilder().withName(init.getName()).withImage(init.getImage());
      boolean failedOne = pod.init != null && pod.init.container.equals(init.getName());
      if (pod.phase == LocalPod.Phase.RUNNING || !reached && pod.init != null && !failedOne) {
        LocalPod.Termination completed = new LocalPod.Termination(0, null, pod.startedAt, pod.startedAt);
        status.withReady(true).withStarted(false).withRestartCount(failedOne ? pod.init.restartCount : 0)
            .withState(terminated(completed));
        if (failedOne) {
          status.withLastState(terminated(pod.init.last));
        }
      } else if (reached) {
        status.withReady(false).withStarted(false).withRestartCount(0).withState(waiting("PodInitializing", null));
      } else {
        reached = true;
        status.withReady(false);
        if (pod.phase == LocalPod.Phase.LAUNCHING || pod.relaunching) {
          status.withStarted(true).withRestartCount(pod.init == null ? 0 : pod.init.restartCount)
              .withState(running(pod.startedAt));
          if (pod.init != null) {
            status.withLastState(terminated(pod.init.last));
          }
        } else {
          failed(status, pod, pod.init);
        }
      }
      statuses.add(status.build());
    }
    return statuses;
  }

  /**
   * The main container: waiting while the init containers run; then running, or after it ended waiting to be
   * restarted (being created again, or in CrashLoopBackOff), with how it last ended.
   */
  private static ContainerStatus mainStatus(Container main, LocalPod pod) {
    ContainerStatusBuilder status = new ContainerStatusBuilder().withName(main.getName()).withImage(main.getImage());
    if (pod.phase != LocalPod.Phase.RUNNING) {
      return status.withReady(false).withStarted(false).withRestartCount(0)
          .withState(waiting("PodInitializing", null)).build();
    }
    status.withReady(pod.ready && pod.process != null).withStarted(pod.process != null)
        .withRestartCount(pod.main.restartCount);
    if (pod.process == null && !pod.relaunching) {
      return failed(status, pod, pod.main).build();
    }
    status.withState(pod.process != null ? running(pod.startedAt) : waiting("ContainerCreating", null));
    return pod.main.last == null ? status.build() : status.withLastState(terminated(pod.main.last)).build();
  }

  /**
   * A container that failed and waits to be started again: terminated after its first failure (restarted at once),
   * then waiting in CrashLoopBackOff with the failure as its last state.
   */
  private static ContainerStatusBuilder failed(ContainerStatusBuilder status, LocalPod pod,
      LocalPod.Restarts restarts) {
    status.withStarted(false).withRestartCount(restarts.restartCount);
    if (restarts.restartCount == 0 && restarts.last != null) {
      return status.withState(terminated(restarts.last));
    }
    status.withState(waiting("CrashLoopBackOff", "back-off " + LocalPod.backoff(restarts.crashLoop).toSeconds()
        + "s restarting failed container=" + restarts.container + " pod=" + pod.name));
    return restarts.last == null ? status : status.withLastState(terminated(restarts.last));
  }

  private static ContainerState running(Instant startedAt) {
    return new ContainerStateBuilder().withNewRunning().withStartedAt(timestamp(startedAt)).endRunning().build();
  }

  private static ContainerState terminated(LocalPod.Termination t) {
    return new ContainerStateBuilder().withNewTerminated()
        .withExitCode(t.exitCode())
        .withReason(t.reason())
        .withMessage(t.message() == null || t.message().isEmpty() ? null : t.message())
        .withStartedAt(timestamp(t.startedAt()))
        .withFinishedAt(timestamp(t.finishedAt()))
        .endTerminated().build();
  }

  private static ContainerState waiting(String reason, String message) {
    return new ContainerStateBuilder().withNewWaiting().withReason(reason).withMessage(message).endWaiting().build();
  }

  private static String timestamp(Instant at) {
    return at == null ? null : at.truncatedTo(ChronoUnit.SECONDS).toString();
  }
}
