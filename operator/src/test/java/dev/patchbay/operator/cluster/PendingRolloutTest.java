package dev.patchbay.operator.cluster;

import static org.assertj.core.api.Assertions.assertThat;

import io.fabric8.kubernetes.api.model.apps.Deployment;
import io.fabric8.kubernetes.api.model.apps.DeploymentBuilder;
import org.junit.jupiter.api.Test;

class PendingRolloutTest {

  private static Deployment deployment(long generation, long observed, int replicas, int updated, int ready) {
    return new DeploymentBuilder()
        .withNewMetadata().withName("c-connect").withGeneration(generation).endMetadata()
        .withNewStatus().withObservedGeneration(observed).withReplicas(replicas).withUpdatedReplicas(updated)
        .withReadyReplicas(ready).endStatus()
        .build();
  }

  @Test
  void settledDeploymentIsNotPending() {
    assertThat(KafkaConnectReconciler.pendingRollout(deployment(2, 2, 1, 1, 1), 1, 1)).isEmpty();
  }

  @Test
  void surgeRollWithOnlyTheOldWorkerReadyIsPending() {
    // one old worker still ready, the new one started but not ready: ready count alone would say 1/1
    assertThat(KafkaConnectReconciler.pendingRollout(deployment(2, 2, 2, 1, 1), 1, 1))
        .hasValueSatisfying(reason -> assertThat(reason).contains("old worker"));
  }

  @Test
  void unobservedTemplateChangeIsPending() {
    assertThat(KafkaConnectReconciler.pendingRollout(deployment(3, 2, 1, 1, 1), 1, 1)).isPresent();
  }

  @Test
  void tooFewReadyWorkersIsPending() {
    assertThat(KafkaConnectReconciler.pendingRollout(deployment(2, 2, 2, 2, 1), 2, 1)).contains("1/2 workers ready");
  }
}
