package dev.patchbay.sandbox;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import com.fasterxml.jackson.databind.JsonNode;
import dev.patchbay.operator.Naming;
import dev.patchbay.sandbox.api.Kubectl;
import dev.patchbay.sandbox.runtime.LocalDeploymentRuntime;
import dev.patchbay.testkit.FileServer;
import io.fabric8.kubernetes.api.model.ContainerStatus;
import io.fabric8.kubernetes.api.model.Event;
import io.fabric8.kubernetes.api.model.Pod;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.time.Duration;
import java.util.Comparator;
import java.util.HexFormat;
import java.util.List;
import java.util.Optional;
import java.util.jar.JarOutputStream;
import java.util.jar.Manifest;
import java.util.zip.ZipEntry;
import org.awaitility.core.ConditionFactory;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestMethodOrder;
import org.junit.jupiter.api.io.TempDir;

/**
 * A plugin that cannot be fetched, end to end through the sandbox and {@code kubectl apply}: a KafkaConnect whose
 * maven artifact has a wrong sha512, then (applied again) one whose url answers 404, each says why in its Ready
 * message, in the mirrored pod's init container status and in one Warning event; applying the corrected file makes
 * it Ready with the plugin in place. The artifacts come from a local HTTP server laid out as a Maven repository. One
 * worker at a time, one sandbox for the class; the tests build on each other in order.
 */
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class PluginFetchFailureE2ETest {

  static final String CLUSTER = "plugged";
  static final String JAR_PATH = "/maven2/dev/patchbay/test/fake-plugin/1.0/fake-plugin-1.0.jar";
  static final byte[] JAR = jar();
  static final String WRONG_SHA512 = sha512("another release".getBytes(StandardCharsets.UTF_8));

  static Sandbox sandbox;
  static Kubectl kubectl;
  static FileServer repository;
  @TempDir
  static Path dir;

  @BeforeAll
  static void start() throws Exception {
    Lab.assumeWorkerDistribution();
    assumeTrue(Kubectl.binary() != null, "kubectl not installed");
    repository = new FileServer();
    repository.publish(JAR_PATH, JAR);
    repository.publish(JAR_PATH + ".sha512", (sha512(JAR) + "  fake-plugin-1.0.jar\n").getBytes(StandardCharsets.US_ASCII));
    sandbox = Sandbox.start(SandboxOptions.defaults().withWorkDir(dir.resolve("sandbox")).withNamespace("plugins")
        .withPollInterval(Duration.ofSeconds(2)));
    Path kubeconfig = dir.resolve("kubeconfig");
    sandbox.writeKubeconfig(kubeconfig);
    kubectl = new Kubectl(kubeconfig);
  }

  @AfterAll
  static void stop() {
    if (sandbox != null) {
      sandbox.close();
    }
    if (repository != null) {
      repository.close();
    }
  }

  static ConditionFactory eventually() {
    return await().atMost(Duration.ofSeconds(120)).pollInterval(Duration.ofMillis(250)).ignoreExceptions();
  }

  @Test
  @Order(1)
  void aWrongSha512IsTheReadyMessageThePodStatusAndOneEvent() throws Exception {
    apply("""
        - maven: {group: dev.patchbay.test, artifact: fake-plugin, version: "1.0"}
          repository: %s/maven2
          sha512: %s
        """.formatted(repositoryUrl(), WRONG_SHA512));
    String reason = "plugin fake: checksum mismatch for " + repositoryUrl() + JAR_PATH + ": expected sha512 "
        + WRONG_SHA512 + ", got " + sha512(JAR);

    eventually().untilAsserted(() -> {
      JsonNode ready = ready();
      assertThat(ready.path("status").asText()).isEqualTo("False");
      assertThat(ready.path("reason").asText()).isEqualTo("PluginFetchFailed");
      assertThat(ready.path("message").asText()).isEqualTo(reason);
    });
    // the kubelet's view: the init container failed with that message, and is retried in its pod
    eventually().untilAsserted(() -> assertThat(fetchPluginsStatus()).satisfies(init -> {
      assertThat(init.getRestartCount()).isGreaterThanOrEqualTo(2);
      assertThat(init.getState().getWaiting().getReason()).isEqualTo("CrashLoopBackOff");
      assertThat(init.getLastState().getTerminated().getExitCode()).isEqualTo(1);
      assertThat(init.getLastState().getTerminated().getMessage()).isEqualTo(reason);
    }));
    eventually().untilAsserted(() -> assertThat(kubectlOk("get", "pods").lines()
        .filter(l -> l.startsWith(Naming.deploymentName(CLUSTER)))).singleElement().asString()
        .containsAnyOf("Init:CrashLoopBackOff", "Init:Error"));
    assertThat(warnings()).as("one event, however often the fetch was retried").singleElement()
        .satisfies(e -> {
          assertThat(e.getReason()).isEqualTo("PluginFetchFailed");
          assertThat(e.getMessage()).isEqualTo(reason);
        });
    assertThat(StatusTable.rows(sandbox.client())).filteredOn(r -> r.name().equals("plugins/" + CLUSTER))
        .singleElement().satisfies(row -> {
          assertThat(row.state()).isEqualTo("PluginFetchFailed");
          assertThat(row.message()).startsWith("plugin fake: checksum mismatch for " + repositoryUrl());
        });
  }

  @Test
  @Order(2)
  void aMissingArtifactIsAnHttp404ForItsUrl() throws Exception {
    String missing = repositoryUrl() + "/files/missing-plugin-2.0.jar";
    apply("""
        - url: %s
          sha512: %s
        """.formatted(missing, sha512(JAR)));
    String reason = "plugin fake: HTTP 404 for " + missing;

    eventually().untilAsserted(() -> {
      JsonNode ready = ready();
      assertThat(ready.path("reason").asText()).isEqualTo("PluginFetchFailed");
      assertThat(ready.path("message").asText()).isEqualTo(reason);
    });
    eventually().untilAsserted(() -> assertThat(fetchPluginsStatus()).satisfies(init -> assertThat(
        Optional.ofNullable(init.getState().getTerminated()).orElse(init.getLastState().getTerminated()).getMessage())
        .isEqualTo(reason)));
    eventually().untilAsserted(() -> assertThat(warnings()).extracting(Event::getMessage).endsWith(reason));
  }

  @Test
  @Order(3)
  void theCorrectedFileAppliedAgainMakesTheClusterReadyWithThePlugin() throws Exception {
    apply("""
        - maven: {group: dev.patchbay.test, artifact: fake-plugin, version: "1.0"}
          repository: %s/maven2
        """.formatted(repositoryUrl()));

    eventually().untilAsserted(() -> {
      assertThat(ready().path("status").asText()).as("%s", ready()).isEqualTo("True");
      List<LocalDeploymentRuntime.PodInfo> pods = sandbox.runtime().pods()
          .getOrDefault("plugins/" + Naming.deploymentName(CLUSTER), List.of()).stream()
          .filter(p -> !p.phase().equals("TERMINATING")).toList();
      assertThat(pods).singleElement().satisfies(pod -> assertThat(
          pod.dir().resolve("volumes/plugins/fake/fake-plugin-1.0.jar")).hasBinaryContent(JAR));
    });
    eventually().untilAsserted(() -> assertThat(sandbox.client().pods().inNamespace("plugins").list().getItems())
        .singleElement().satisfies(pod -> assertThat(pod.getStatus().getInitContainerStatuses().get(0).getState()
            .getTerminated().getExitCode()).isZero()));
  }

  /** {@code kubectl apply -f} of the KafkaConnect with the given artifacts, as a user fixing the file would. */
  static void apply(String artifacts) throws Exception {
    Path file = dir.resolve("kafka-connect.yaml");
    Files.writeString(file, """
        apiVersion: patchbay.dev/v1alpha1
        kind: KafkaConnect
        metadata:
          name: %s
        spec:
          bootstrapServers: %s
          plugins:
            - name: fake
              artifacts:
        %s""".formatted(CLUSTER, sandbox.kafka().bootstrapServers(), artifacts.indent(8)));
    kubectlOk("apply", "--validate=false", "-f", file.toString());
  }

  static String kubectlOk(String... args) throws Exception {
    Kubectl.Result r = kubectl.run(args);
    assertThat(r.exitCode()).as(r.all()).isZero();
    return r.out();
  }

  static JsonNode ready() {
    JsonNode kc = Lab.json(sandbox.client().genericKubernetesResources("patchbay.dev/v1alpha1", "KafkaConnect")
        .inNamespace("plugins").withName(CLUSTER));
    for (JsonNode c : kc.path("status").path("conditions")) {
      if ("Ready".equals(c.path("type").asText())) {
        return c;
      }
    }
    return kc.path("status").path("missing-ready");
  }

  /** The fetch-plugins status of the newest mirrored pod. */
  static ContainerStatus fetchPluginsStatus() {
    List<Pod> pods = sandbox.client().pods().inNamespace("plugins").list().getItems();
    Pod newest = pods.stream().max(Comparator.comparingLong(p -> seq(p.getMetadata().getName()))).orElseThrow();
    return newest.getStatus().getInitContainerStatuses().get(0);
  }

  /** The sandbox names pods {@code <deployment>-<template hash>-<sequence number>}. */
  static long seq(String podName) {
    return Long.parseLong(podName.substring(podName.lastIndexOf('-') + 1));
  }

  static List<Event> warnings() {
    return sandbox.client().v1().events().inNamespace("plugins").list().getItems().stream()
        .filter(e -> CLUSTER.equals(e.getInvolvedObject().getName())
            && "KafkaConnect".equals(e.getInvolvedObject().getKind()) && "Warning".equals(e.getType()))
        .sorted(Comparator.comparing(Event::getLastTimestamp).thenComparing(e -> e.getMetadata().getName()))
        .toList();
  }

  static String repositoryUrl() {
    return repository.url("");
  }

  /** A jar with nothing for Connect to load: the fetcher only needs a valid archive. */
  static byte[] jar() {
    ByteArrayOutputStream bytes = new ByteArrayOutputStream();
    try (JarOutputStream jar = new JarOutputStream(bytes, new Manifest())) {
      jar.putNextEntry(new ZipEntry("README.txt"));
      jar.write("a plugin fetched by the end-to-end test".getBytes(StandardCharsets.UTF_8));
      jar.closeEntry();
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
    return bytes.toByteArray();
  }

  static String sha512(byte[] data) {
    try {
      return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-512").digest(data));
    } catch (Exception e) {
      throw new IllegalStateException(e);
    }
  }
}
