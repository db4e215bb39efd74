package dev.patchbay.operator.process;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import dev.patchbay.testkit.apiserver.StrictApiServer;
import io.fabric8.kubernetes.api.model.ConfigMapBuilder;
import io.fabric8.kubernetes.api.model.coordination.v1.Lease;
import io.fabric8.kubernetes.client.KubernetesClient;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicReference;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** Two operator processes on one API server with leader election: one reconciles, the other takes over. */
class LeaderElectionTest {

  private static final LeaseTimings SHORT =
      new LeaseTimings(Duration.ofSeconds(2), Duration.ofMillis(1500), Duration.ofMillis(200));

  private StrictApiServer api;
  private final List<KubernetesClient> clients = new ArrayList<>();
  private final List<OperatorProcess> processes = new ArrayList<>();
  private final AtomicBoolean lostLeadership = new AtomicBoolean();

  @BeforeEach
  void startApiServer() {
    api = StrictApiServer.start();
  }

  @AfterEach
  void stop() {
    processes.forEach(OperatorProcess::close);
    clients.forEach(KubernetesClient::close);
    api.close();
  }

  private record Instance(OperatorProcess process, ProbeReconciler probe) {
  }

  private Instance start(String identity) {
    KubernetesClient client = api.newClient("test");
    clients.add(client);
    ProcessSettings settings = ProcessSettings.fromEnv(Map.of(
        "PATCHBAY_HTTP_PORT", "0",
        "PATCHBAY_LEADER_ELECTION", "true",
        "POD_NAME", identity,
        "POD_NAMESPACE", "test"));
    AtomicReference<ProbeReconciler> probe = new AtomicReference<>();
    OperatorProcess process = new OperatorProcess(settings, client, SHORT,
        operator -> probe.set(ProbeReconciler.registerOn(operator)), () -> lostLeadership.set(true));
    processes.add(process);
    process.start();
    return new Instance(process, probe.get());
  }

  private void createProbe(KubernetesClient client, String name) {
    client.configMaps().resource(new ConfigMapBuilder().withNewMetadata().withName(name)
        .addToLabels(ProbeReconciler.LABEL, "x").endMetadata().build()).create();
  }

  private String holder(KubernetesClient client) {
    Lease lease = client.leases().inNamespace("test").withName(ProcessSettings.LEASE_NAME).get();
    return lease == null ? null : lease.getSpec().getHolderIdentity();
  }

  @Test
  void onlyTheLeaderReconcilesAndTheOtherTakesOverWhenItStops() {
    Instance a = start("operator-a");
    await().atMost(Duration.ofSeconds(10)).until(() -> a.process().isLeader());
    Instance b = start("operator-b");
    KubernetesClient client = clients.get(0);
    assertThat(holder(client)).isEqualTo("operator-a");

    createProbe(client, "first");
    await().atMost(Duration.ofSeconds(10)).until(() -> a.probe().seen.contains("first"));
    // b is ready (warm informers) but never reconciles while a holds the Lease
    assertThat(b.process().isReady()).isTrue();
    await().during(Duration.ofSeconds(1)).atMost(Duration.ofSeconds(3))
        .until(() -> b.probe().reconciliations.get() == 0 && !b.process().isLeader());
    assertThat(OperatorProcessTest.get(b.process().httpPort(), "/metrics").body()).contains("patchbay_leader 0.0\n");
    assertThat(OperatorProcessTest.get(b.process().httpPort(), "/readyz").statusCode()).isEqualTo(200);

    a.process().close();
    // a gave the Lease up on its way out (b may already have taken it): no waiting for the Lease to expire
    Lease released = client.leases().inNamespace("test").withName(ProcessSettings.LEASE_NAME).get();
    assertThat(released.getSpec().getHolderIdentity()).isNotEqualTo("operator-a");

    await().atMost(Duration.ofSeconds(15)).until(() -> b.process().isLeader());
    assertThat(holder(client)).isEqualTo("operator-b");
    await().atMost(Duration.ofSeconds(10)).until(() -> b.probe().seen.contains("first"));
    createProbe(client, "second");
    await().atMost(Duration.ofSeconds(10)).until(() -> b.probe().seen.contains("second"));
    assertThat(a.probe().seen).doesNotContain("second");
    assertThat(OperatorProcessTest.get(b.process().httpPort(), "/metrics").body()).contains("patchbay_leader 1.0\n");
    assertThat(lostLeadership).as("a stepped down on close, which is not a lost Lease").isFalse();
  }

  @Test
  void leaderThatLosesItsLeaseWhileRunningGivesUp() {
    Instance a = start("operator-a");
    await().atMost(Duration.ofSeconds(10)).until(() -> a.process().isLeader());
    KubernetesClient client = clients.get(0);

    // another holder takes the Lease (a merge patch without resourceVersion, so a's renewals cannot conflict)
    client.leases().inNamespace("test").withName(ProcessSettings.LEASE_NAME).patch(
        io.fabric8.kubernetes.client.dsl.base.PatchContext.of(io.fabric8.kubernetes.client.dsl.base.PatchType.JSON_MERGE),
        "{\"spec\":{\"holderIdentity\":\"intruder\",\"leaseDurationSeconds\":600,\"renewTime\":\""
            + java.time.format.DateTimeFormatter.ofPattern("yyyy-MM-dd'T'HH:mm:ss.SSSSSSXXX")
                .withZone(java.time.ZoneOffset.UTC).format(java.time.Instant.now())
            + "\"}}");

    await().atMost(Duration.ofSeconds(10)).untilTrue(lostLeadership);
    assertThat(a.process().isLeader()).isFalse();
  }
}
