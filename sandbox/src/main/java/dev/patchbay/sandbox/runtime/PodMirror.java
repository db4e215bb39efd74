package dev.patchbay.sandbox.runtime;

import io.fabric8.kubernetes.api.model.OwnerReferenceBuilder;
import io.fabric8.kubernetes.api.model.Pod;
import io.fabric8.kubernetes.api.model.PodBuilder;
import io.fabric8.kubernetes.api.model.apps.Deployment;
import io.fabric8.kubernetes.client.KubernetesClient;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Pod objects in the API server for the local pods, so that {@code kubectl get pods} shows the workers: phase,
 * readiness, pod IP 127.0.0.1, and annotations naming the process id, the loopback REST port and the log file.
 * Informational only: nothing in Patchbay reads Pods.
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
    String view = pod.phase + "/" + pod.ready + "/" + (pod.process != null);
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
    PodBuilder b = new PodBuilder()
        .withNewMetadata()
        .withName(pod.name)
        .withNamespace(d.getMetadata().getNamespace())
        .withLabels(pod.labels)
        .addToOwnerReferences(new OwnerReferenceBuilder().withApiVersion("apps/v1").withKind("Deployment")
            .withName(d.getMetadata().getName()).withUid(d.getMetadata().getUid()).withController(true).build())
        .endMetadata()
        .withSpec(d.getSpec().getTemplate().getSpec())
        .withNewStatus()
        .withPhase(running ? "Running" : "Pending")
        .withPodIP("127.0.0.1")
        .withHostIP("127.0.0.1")
        .addNewCondition().withType("Ready").withStatus(pod.ready ? "True" : "False")
        .withLastTransitionTime(now).endCondition()
        .addNewContainerStatus().withName(d.getSpec().getTemplate().getSpec().getContainers().get(0).getName())
        .withReady(pod.ready).withStarted(running).withRestartCount(0)
        .withImage(d.getSpec().getTemplate().getSpec().getContainers().get(0).getImage())
        .endContainerStatus()
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
}
