package dev.patchbay.sandbox;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import dev.patchbay.operator.api.Condition;
import dev.patchbay.sandbox.bench.WorkerLossScenario;
import dev.patchbay.sandbox.runtime.LocalDeploymentRuntime.PodInfo;
import java.nio.file.Path;
import java.time.Duration;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A worker killed under a running pipeline, end to end through the sandbox: a KafkaConnect with two workers, a
 * FileStreamSource → FileStreamSink pipeline, SIGKILL of the worker process that holds the source's task. Connect
 * keeps showing the task RUNNING on the dead worker until it reassigns it; Patchbay must say otherwise within a poll,
 * and the pipeline must flow again once Connect has reassigned the task.
 */
class WorkerLossE2ETest {

  static final Duration POLL = Duration.ofSeconds(5);
  /** A poll interval plus room for the kubelet-like runtime (200 ms ticks) and a busy machine. */
  static final Duration WITHIN_A_POLL = POLL.plusSeconds(3);
  static Sandbox sandbox;
  static WorkerLossScenario scenario;
  @TempDir
  static Path dir;

  @BeforeAll
  static void startSandbox() throws Exception {
    Lab.assumeWorkerDistribution();
    sandbox = Sandbox.start(SandboxOptions.defaults().withWorkDir(dir).withNamespace("loss").withPollInterval(POLL));
    scenario = WorkerLossScenario.apply(sandbox);
  }

  @AfterAll
  static void stopSandbox() {
    if (sandbox != null) {
      sandbox.close();
    }
  }

  @Test
  void aKilledWorkerIsReportedWithinAPollAndThePipelineFlowsAgainOnceConnectReassignsItsTask() {
    await().atMost(Duration.ofSeconds(180)).pollInterval(Duration.ofMillis(200)).untilAsserted(() -> {
      assertThat(scenario.pods()).hasSize(2).allMatch(PodInfo::ready);
      assertThat(scenario.allReady()).isTrue();
    });
    scenario.appendToSource("before the kill");
    await().atMost(Duration.ofSeconds(60)).until(() -> scenario.sinkHas("before the kill"));
    PodInfo victim = await().atMost(Duration.ofSeconds(30))
        .until(() -> scenario.holderOfSourceTask().orElse(null), p -> p != null);
    String workerId = victim.ip() + ":" + victim.restPort();

    long killed = System.nanoTime();
    WorkerLossScenario.kill(victim);
    scenario.appendToSource("after the kill");

    await().atMost(WITHIN_A_POLL).pollInterval(Duration.ofMillis(100)).untilAsserted(() -> {
      Condition ready = scenario.readyCondition(WorkerLossScenario.SOURCE);
      assertThat(ready.status()).isEqualTo("False");
      assertThat(ready.reason()).isEqualTo("WorkerLost");
      assertThat(ready.message()).contains("task 0").contains("assigned to worker " + workerId)
          .contains("scheduled.rebalance.max.delay.ms (15 s)");
    });
    long notReady = System.nanoTime();
    assertThat(sandbox.client().v1().events().inNamespace(sandbox.namespace()).list().getItems())
        .as("kubectl describe says so too").anySatisfy(e -> {
          assertThat(e.getInvolvedObject().getName()).isEqualTo(WorkerLossScenario.SOURCE);
          assertThat(e.getType()).isEqualTo("Warning");
          assertThat(e.getReason()).isEqualTo("WorkerLost");
          assertThat(e.getMessage()).contains("assigned to worker " + workerId);
        });

    await().atMost(Duration.ofSeconds(60)).pollInterval(Duration.ofMillis(200)).untilAsserted(() -> {
      assertThat(scenario.allReady()).isTrue();
      assertThat(scenario.sinkHas("after the kill")).isTrue();
    });
    System.out.printf("worker loss: WorkerLost after %d ms; Ready again with the new line in the sink after %d ms%n",
        Duration.ofNanos(notReady - killed).toMillis(), Duration.ofNanos(System.nanoTime() - killed).toMillis());
    assertThat(scenario.pods()).anySatisfy(pod -> {
      assertThat(pod.name()).isEqualTo(victim.name());
      assertThat(pod.ip()).isEqualTo(victim.ip());
      assertThat(pod.restarts()).isEqualTo(1);
    });
  }
}
