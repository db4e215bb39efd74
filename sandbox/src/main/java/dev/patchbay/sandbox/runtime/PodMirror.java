package dev.patchbay.sandbox.runtime;

import io.fabric8.kubernetes.api.model.ContainerPort;
import io.fabric8.kubernetes.api.model.ContainerState;
import io.fabric8.kubernetes.api.model.ContainerStateBuilder;
import io.fabric8.kubernetes.api.model.OwnerReferenceBuilder;
import io.fabric8.kubernetes.api.model.Pod;
import io.fabric8.kubernetes.api.model.PodBuilder;
import io.fabric8.kubernetes.api.model.PodSpec;
import io.fabric8.kubernetes.api.model.apps.Deployment;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.utils.Serialization;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Pod objects in the API server for the local pods, as the kubelet reports them: phase, the Ready condition, the pod's
 * own IP, and the main container's status (running or waiting in CrashLoopBackOff, {@code restartCount},
 * {@code lastState.terminated}). The operator reads them to tell which Connect workers are alive
 * ({@code <podIP>:<rest container port>}); {@code kubectl get pods} shows them. Annotations name the process id, the
 * REST URL and the log file. A container port mapped to another port ({@link PodAddresses}) shows as the port it
 * really listens on, so that {@code podIP:containerPort} is where it answers.
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
    String view = pod.phase + "/" + pod.ready + "/" + (pod.process != null) + "/" + pod.relaunching + "/"
        + pod.restarts + "/" + (pod.spec != null);
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
    boolean running = pod.phase == LocalPod.Phase.RUNNING || pod.phase == LocalPod.Phase.TERMINATING;
    PodSpec spec = podSpec(d, pod);
    PodBuilder b = new PodBuilder()
        .withNewMetadata()
        .withName(pod.name)
        .withNamespace(d.getMetadata().getNamespace())
        .withLabels(pod.labels)
        .addToOwnerReferences(new OwnerReferenceBuilder().withApiVersion("apps/v1").withKind("Deployment")
            .withName(d.getMetadata().getName()).withUid(d.getMetadata().getUid()).withController(true).build())
        .endMetadata()
        .withSpec(spec)
        .withNewStatus()
        .withPhase(running ? "Running" : "Pending")
        .withPodIP(pod.spec == null ? null : pod.spec.podIp())
        .withHostIP(PodAddresses.SHARED_IP)
        .addNewCondition().withType("Ready").withStatus(pod.ready ? "True" : "False")
        .withLastTransitionTime(now).endCondition()
        .addNewContainerStatus().withName(spec.getContainers().get(0).getName())
        .withReady(pod.ready).withStarted(pod.process != null).withRestartCount(pod.restarts)
        .withImage(spec.getContainers().get(0).getImage())
        .withState(state(pod))
        .withLastState(lastState(pod))
        .endContainerStatus()
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

  private static ContainerState state(LocalPod pod) {
    if (pod.process != null) {
      return new ContainerStateBuilder().withNewRunning()
          .withStartedAt(timestamp(pod.containerStartedAt)).endRunning().build();
    }
    if (pod.phase == LocalPod.Phase.LAUNCHING) {
      return new ContainerStateBuilder().withNewWaiting().withReason("PodInitializing").endWaiting().build();
    }
    if (pod.relaunching) {
      return new ContainerStateBuilder().withNewWaiting().withReason("ContainerCreating").endWaiting().build();
    }
    return new ContainerStateBuilder().withNewWaiting().withReason("CrashLoopBackOff")
        .withMessage("back-off restarting failed container of pod " + pod.name).endWaiting().build();
  }

  private static ContainerState lastState(LocalPod pod) {
    LocalPod.Termination last = pod.lastTermination;
    if (last == null) {
      return new ContainerState();
    }
    return new ContainerStateBuilder().withNewTerminated()
        .withExitCode(last.exitCode())
        .withReason(last.exitCode() == 0 ? "Completed" : "Error")
        .withStartedAt(timestamp(last.startedAt()))
        .withFinishedAt(timestamp(last.finishedAt()))
        .endTerminated().build();
  }

  private static String timestamp(Instant at) {
    return at == null ? null : at.truncatedTo(ChronoUnit.SECONDS).toString();
  }
}
