package dev.patchbay.operator.cluster;

import static org.assertj.core.api.Assertions.assertThat;

import dev.patchbay.operator.Naming;
import dev.patchbay.operator.api.KafkaConnect;
import io.fabric8.kubernetes.api.model.Pod;
import io.fabric8.kubernetes.api.model.PodBuilder;
import java.time.Duration;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** A worker pod's Connect worker id and readiness, and how long Connect waits for a lost worker. */
public class WorkerPodsTest {

  /** A worker pod of cluster {@code c} as the kubelet reports it. */
  public static Pod pod(String ip, int restPort, String phase, boolean ready) {
    return new PodBuilder()
        .withNewMetadata().withName("c-connect-abc-1").withNamespace("ns")
        .withLabels(Naming.clusterLabels("c")).endMetadata()
        .withNewSpec().addNewContainer().withName(Naming.WORKER_CONTAINER)
        .addNewPort().withName(Naming.METRICS_PORT_NAME).withContainerPort(Naming.METRICS_PORT).endPort()
        .addNewPort().withName(Naming.REST_PORT_NAME).withContainerPort(restPort).endPort()
        .endContainer().endSpec()
        .withNewStatus().withPhase(phase).withPodIP(ip)
        .addNewCondition().withType("Ready").withStatus(ready ? "True" : "False").endCondition()
        .endStatus()
        .build();
  }

  /** The pod with its worker container restarted in place, the previous run having ended at {@code finishedAt}. */
  public static Pod restarted(Pod pod, java.time.Instant finishedAt) {
    return new PodBuilder(pod).editStatus().addNewContainerStatus().withName(Naming.WORKER_CONTAINER)
        .withRestartCount(1).withNewLastState().withNewTerminated().withExitCode(137)
        .withFinishedAt(finishedAt.toString()).endTerminated().endLastState().endContainerStatus().endStatus().build();
  }

  @Test
  void aRestartInPlaceIsWhenTheWorkerContainerLastEnded() {
    java.time.Instant at = java.time.Instant.parse("2026-12-01T06:00:00Z");
    assertThat(WorkerPods.lastRestart(restarted(pod("10.0.0.7", 8083, "Running", true), at))).hasValue(at);
    assertThat(WorkerPods.lastRestart(pod("10.0.0.7", 8083, "Running", true))).isEmpty();
  }

  @Test
  void workerIdIsThePodIpAndTheRestContainerPort() {
    assertThat(WorkerPods.workerId(pod("10.0.0.7", 8083, "Running", true))).hasValue("10.0.0.7:8083");
    assertThat(WorkerPods.workerId(pod("127.18.4.9", 18083, "Running", true))).hasValue("127.18.4.9:18083");
    assertThat(WorkerPods.cluster(pod("10.0.0.7", 8083, "Running", true))).hasValue("c");
  }

  @Test
  void anIpv6WorkerIdHasTheAddressInBracketsAsConnectWritesIt() {
    assertThat(WorkerPods.workerId(pod("fd00:10::7", 8083, "Running", true))).hasValue("[fd00:10::7]:8083");
  }

  @Test
  void aPodWithoutIpHasNoWorkerIdYet() {
    assertThat(WorkerPods.workerId(pod(null, 8083, "Pending", false))).isEmpty();
  }

  @Test
  void readyMeansRunningWithReadyConditionTrue() {
    assertThat(WorkerPods.ready(pod("10.0.0.7", 8083, "Running", true))).isTrue();
    assertThat(WorkerPods.ready(pod("10.0.0.7", 8083, "Running", false))).isFalse();
    assertThat(WorkerPods.ready(pod("10.0.0.7", 8083, "Failed", true))).isFalse();
  }

  @Test
  void rebalanceDelayIsPatchbaysDefaultUnlessSpecConfigSetsANumber() {
    KafkaConnect kc = new KafkaConnect();
    kc.getMetadata().setName("c");
    kc.getSpec().setBootstrapServers("kafka:9092");
    assertThat(WorkerConfig.scheduledRebalanceDelay(kc)).isEqualTo(Duration.ofSeconds(15));
    kc.getSpec().setConfig(Map.of("scheduled.rebalance.max.delay.ms", "60000"));
    assertThat(WorkerConfig.scheduledRebalanceDelay(kc)).isEqualTo(Duration.ofMinutes(1));
    kc.getSpec().setConfig(Map.of("scheduled.rebalance.max.delay.ms", "soon"));
    assertThat(WorkerConfig.scheduledRebalanceDelay(kc)).isEqualTo(Duration.ofSeconds(15));
  }
}
