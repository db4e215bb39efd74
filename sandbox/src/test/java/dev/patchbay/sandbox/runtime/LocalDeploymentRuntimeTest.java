package dev.patchbay.sandbox.runtime;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import dev.patchbay.operator.Naming;
import dev.patchbay.sandbox.api.EmbeddedApiServer;
import io.fabric8.kubernetes.api.model.ConfigMapBuilder;
import io.fabric8.kubernetes.api.model.ContainerBuilder;
import io.fabric8.kubernetes.api.model.ContainerStatus;
import io.fabric8.kubernetes.api.model.Pod;
import io.fabric8.kubernetes.api.model.SecretBuilder;
import io.fabric8.kubernetes.api.model.ServiceBuilder;
import io.fabric8.kubernetes.api.model.apps.Deployment;
import io.fabric8.kubernetes.api.model.apps.DeploymentBuilder;
import io.fabric8.kubernetes.client.KubernetesClient;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestMethodOrder;
import org.junit.jupiter.api.io.TempDir;

/** The runtime on its own: a hand-made Deployment + ConfigMap + Service, pods as in-process fakes. */
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class LocalDeploymentRuntimeTest {

  static EmbeddedApiServer api;
  static KubernetesClient client;
  static LocalDeploymentRuntime runtime;
  static LoopbackServices services;
  static FakeWorkerLauncher launcher = new FakeWorkerLauncher();
  @TempDir
  static Path dir;

  @BeforeAll
  static void start() {
    api = EmbeddedApiServer.start();
    client = api.newClient("data");
    Endpoints endpoints = new Endpoints();
    PodMaterializer materializer = new PodMaterializer(dir.resolve("dist"), dir.resolve("secrets"),
        (ns, n) -> client.configMaps().inNamespace(ns).withName(n).get(),
        (ns, n) -> client.secrets().inNamespace(ns).withName(n).get());
    runtime = new LocalDeploymentRuntime(client, materializer, launcher, dir.resolve("pods"), endpoints).start();
    services = new LoopbackServices(client, endpoints);
  }

  @AfterAll
  static void stop() {
    runtime.close();
    services.close();
    client.close();
    api.close();
  }

  static Deployment deployment() {
    return client.apps().deployments().inNamespace("data").withName("c-connect").get();
  }

  static List<LocalDeploymentRuntime.PodInfo> livePods() {
    return runtime.pods().getOrDefault("data/c-connect", List.of()).stream()
        .filter(p -> !p.phase().equals("TERMINATING")).toList();
  }

  @Test
  @Order(1)
  void deploymentRunsAsReadyPodWithConfigFiles() throws Exception {
    client.configMaps().inNamespace("data").resource(new ConfigMapBuilder().withNewMetadata()
        .withName("c-connect-config").endMetadata()
        .addToData("worker.properties", "group.id=x\npassword=${dir:/opt/patchbay/secrets/creds:pw}\n").build())
        .create();
    client.secrets().inNamespace("data").resource(new SecretBuilder().withNewMetadata().withName("creds")
        .endMetadata().addToStringData("pw", "s3cret").build()).create();
    client.services().inNamespace("data").resource(new ServiceBuilder().withNewMetadata()
        .withName("c-connect-api").endMetadata().withNewSpec().addToSelector(Naming.LABEL_CLUSTER, "c")
        .addNewPort().withName("rest").withPort(8083).withNewTargetPort(8083).endPort().endSpec().build()).create();
    client.apps().deployments().inNamespace("data").resource(new DeploymentBuilder()
        .withNewMetadata().withName("c-connect").withLabels(Naming.clusterLabels("c")).endMetadata()
        .withNewSpec().withReplicas(1).withNewSelector().addToMatchLabels(Naming.LABEL_CLUSTER, "c").endSelector()
        .withNewTemplate().withNewMetadata().withLabels(Naming.clusterLabels("c"))
        .addToAnnotations(Naming.ANNOTATION_CONFIG_HASH, "h1").endMetadata()
        .withNewSpec().addNewContainer().withName("connect").withCommand("/opt/patchbay/worker/bin/patchbay-worker")
        .addNewEnv().withName("POD_IP").withNewValueFrom().withNewFieldRef().withFieldPath("status.podIP")
        .endFieldRef().endValueFrom().endEnv()
        .addNewEnv().withName("PATCHBAY_CONFIG_DIR").withValue(Naming.CONFIG_DIR).endEnv()
        .addNewEnv().withName("PW").withNewValueFrom().withNewSecretKeyRef("pw", "creds", false).endValueFrom()
        .endEnv()
        .addNewPort().withName("rest").withContainerPort(8083).endPort()
        .addNewVolumeMount().withName("config").withMountPath(Naming.CONFIG_DIR).endVolumeMount()
        .addNewVolumeMount().withName("secret-creds").withMountPath(Naming.SECRETS_DIR + "/creds").endVolumeMount()
        .endContainer()
        .addNewVolume().withName("config").withNewConfigMap().withName("c-connect-config").endConfigMap().endVolume()
        .addNewVolume().withName("secret-creds").withNewSecret().withSecretName("creds").endSecret().endVolume()
        .endSpec().endTemplate().endSpec().build()).create();

    await().atMost(Duration.ofSeconds(20)).untilAsserted(() -> {
      Deployment d = deployment();
      assertThat(d.getStatus()).isNotNull();
      assertThat(d.getStatus().getReadyReplicas()).isEqualTo(1);
      assertThat(d.getStatus().getObservedGeneration()).isEqualTo(d.getMetadata().getGeneration());
    });
    await().atMost(Duration.ofSeconds(20)).untilAsserted(() -> assertThat(client.pods().inNamespace("data").list()
        .getItems()).singleElement().satisfies(pod -> {
          assertThat(pod.getStatus().getPhase()).isEqualTo("Running");
          assertThat(pod.getStatus().getConditions().get(0).getStatus()).isEqualTo("True");
          assertThat(pod.getMetadata().getAnnotations()).containsKey(PodMirror.ANNOTATION_REST);
        }));
    LocalPodSpec spec = launcher.launched.get(0);
    assertThat(spec.env()).containsEntry("POD_IP", "127.0.0.1").containsEntry("PW", "s3cret")
        .containsEntry("PATCHBAY_CONFIG_DIR", spec.configDir().toString());
    String props = Files.readString(spec.configDir().resolve("worker.properties"));
    assertThat(props).contains("${dir:" + dir.resolve("secrets/data/creds") + ":pw}");
    assertThat(dir.resolve("secrets/data/creds/pw")).hasContent("s3cret");
  }

  @Test
  @Order(2)
  void serviceIsReachableOnLoopback() throws Exception {
    String url = services.rewrite("http://c-connect-api.data.svc:8083/");
    assertThat(url).startsWith("http://127.0.0.1:").doesNotContain(":8083");
    HttpResponse<String> r = HttpClient.newHttpClient().send(HttpRequest.newBuilder(URI.create(url)).build(),
        HttpResponse.BodyHandlers.ofString());
    assertThat(r.body()).contains(livePods().get(0).name());
    assertThat(services.rewrite("http://elsewhere:8083/x")).isEqualTo("http://elsewhere:8083/x");
  }

  @Test
  @Order(3)
  void scaleStartsAndStopsPods() {
    client.apps().deployments().inNamespace("data").withName("c-connect").scale(2);
    await().atMost(Duration.ofSeconds(20)).untilAsserted(() -> {
      assertThat(deployment().getStatus().getReadyReplicas()).isEqualTo(2);
      assertThat(livePods()).hasSize(2);
    });
    client.apps().deployments().inNamespace("data").withName("c-connect").scale(1);
    await().atMost(Duration.ofSeconds(20)).untilAsserted(() -> {
      assertThat(deployment().getStatus().getReplicas()).isEqualTo(1);
      assertThat(runtime.pods().get("data/c-connect")).hasSize(1);
    });
  }

  @Test
  @Order(4)
  void templateChangeRollsPods() {
    String before = livePods().get(0).name();
    client.apps().deployments().inNamespace("data").withName("c-connect").edit(d -> {
      d.getSpec().getTemplate().getMetadata().getAnnotations().put(Naming.ANNOTATION_CONFIG_HASH, "h2");
      return d;
    });
    await().atMost(Duration.ofSeconds(20)).untilAsserted(() -> {
      Deployment d = deployment();
      assertThat(d.getStatus().getObservedGeneration()).isEqualTo(d.getMetadata().getGeneration());
      assertThat(d.getStatus().getUpdatedReplicas()).isEqualTo(1);
      assertThat(d.getStatus().getReadyReplicas()).isEqualTo(1);
      assertThat(runtime.pods().get("data/c-connect")).hasSize(1);
      assertThat(livePods().get(0).name()).isNotEqualTo(before);
    });
  }

  @Test
  @Order(5)
  void aFailingInitContainerIsRestartedInItsPodAndMirroredAsAKubeletReportsIt() {
    launcher.failInitWith = "plugin x: HTTP 404 for http://repo.example/x.jar";
    client.apps().deployments().inNamespace("data").withName("c-connect").edit(d -> {
      d.getSpec().getTemplate().getMetadata().getAnnotations().put(Naming.ANNOTATION_CONFIG_HASH, "h3");
      d.getSpec().getTemplate().getSpec().getInitContainers().add(new ContainerBuilder().withName("fetch-plugins")
          .withCommand("/opt/patchbay/worker/bin/patchbay-worker").withArgs("fetch-plugins").build());
      return d;
    });

    await().ignoreExceptions().atMost(Duration.ofSeconds(20)).untilAsserted(() -> assertThat(newPod("h3")).satisfies(pod -> {
      assertThat(pod.getStatus().getPhase()).isEqualTo("Pending");
      ContainerStatus init = pod.getStatus().getInitContainerStatuses().get(0);
      assertThat(init.getRestartCount()).isZero();
      assertThat(init.getState().getTerminated().getExitCode()).isEqualTo(1);
      assertThat(init.getState().getTerminated().getReason()).isEqualTo("Error"); // kubectl: Init:Error
      assertThat(init.getState().getTerminated().getMessage()).isEqualTo(launcher.failInitWith);
      assertThat(pod.getStatus().getContainerStatuses().get(0).getState().getWaiting().getReason())
          .isEqualTo("PodInitializing");
    }));
    await().ignoreExceptions().atMost(Duration.ofSeconds(20)).untilAsserted(() -> assertThat(newPod("h3")).satisfies(pod -> {
      ContainerStatus init = pod.getStatus().getInitContainerStatuses().get(0);
      assertThat(init.getRestartCount()).isPositive();
      assertThat(init.getState().getWaiting().getReason()).isEqualTo("CrashLoopBackOff"); // Init:CrashLoopBackOff
      assertThat(init.getLastState().getTerminated().getMessage()).isEqualTo(launcher.failInitWith);
    }));
    assertThat(deployment().getStatus().getReadyReplicas()).as("the old pod keeps serving").isEqualTo(1);

    launcher.failInitWith = null;
    await().ignoreExceptions().atMost(Duration.ofSeconds(40)).untilAsserted(() -> {
      assertThat(client.pods().inNamespace("data").list().getItems()).singleElement().satisfies(pod -> {
        assertThat(pod.getMetadata().getAnnotations()).containsEntry(Naming.ANNOTATION_CONFIG_HASH, "h3");
        assertThat(pod.getStatus().getPhase()).isEqualTo("Running");
        ContainerStatus init = pod.getStatus().getInitContainerStatuses().get(0);
        assertThat(init.getState().getTerminated().getExitCode()).isZero();
        assertThat(init.getRestartCount()).isPositive();
        assertThat(pod.getStatus().getContainerStatuses().get(0).getReady()).isTrue();
      });
      assertThat(deployment().getStatus().getUpdatedReplicas()).isEqualTo(1);
    });
  }

  @Test
  @Order(6)
  void aWorkerThatExitsAtStartShowsTheTailOfItsLogAndIsRestartedInItsPod() {
    launcher.crashWithLog = "starting\nERROR Stopping due to error\nConfigException: bad worker config\n";
    client.apps().deployments().inNamespace("data").withName("c-connect").edit(d -> {
      d.getSpec().getTemplate().getMetadata().getAnnotations().put(Naming.ANNOTATION_CONFIG_HASH, "h4");
      d.getSpec().getTemplate().getSpec().getContainers().get(0).setTerminationMessagePolicy("FallbackToLogsOnError");
      return d;
    });

    await().ignoreExceptions().atMost(Duration.ofSeconds(30)).untilAsserted(() -> assertThat(newPod("h4")).satisfies(pod -> {
      assertThat(pod.getStatus().getPhase()).isEqualTo("Running");
      ContainerStatus worker = pod.getStatus().getContainerStatuses().get(0);
      assertThat(worker.getRestartCount()).isPositive();
      assertThat(worker.getReady()).isFalse();
      assertThat(worker.getState().getWaiting().getReason()).isEqualTo("CrashLoopBackOff");
      assertThat(worker.getLastState().getTerminated().getExitCode()).isEqualTo(1);
      assertThat(worker.getLastState().getTerminated().getMessage())
          .endsWith("ERROR Stopping due to error\nConfigException: bad worker config");
    }));

    launcher.crashWithLog = null;
    await().ignoreExceptions().atMost(Duration.ofSeconds(40)).untilAsserted(() -> assertThat(client.pods().inNamespace("data").list()
        .getItems()).singleElement().satisfies(pod -> {
          assertThat(pod.getMetadata().getAnnotations()).containsEntry(Naming.ANNOTATION_CONFIG_HASH, "h4");
          assertThat(pod.getStatus().getContainerStatuses().get(0).getReady()).isTrue();
        }));
  }

  /** The mirrored pod of the template with this config hash. */
  static Pod newPod(String configHash) {
    return client.pods().inNamespace("data").list().getItems().stream()
        .filter(p -> configHash.equals(p.getMetadata().getAnnotations().get(Naming.ANNOTATION_CONFIG_HASH)))
        .findFirst().orElseThrow();
  }

  @Test
  @Order(7)
  void deletingTheDeploymentStopsItsPods() {
    client.apps().deployments().inNamespace("data").withName("c-connect").delete();
    await().atMost(Duration.ofSeconds(20)).untilAsserted(() -> {
      assertThat(runtime.pods()).doesNotContainKey("data/c-connect");
      assertThat(runtime.endpoints().all()).isEmpty();
      assertThat(client.pods().inNamespace("data").list().getItems()).isEmpty();
    });
    assertThat(Map.of()).isEmpty();
  }
}
