package dev.patchbay.sandbox.api;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestMethodOrder;
import org.junit.jupiter.api.io.TempDir;

/** The lab's kubectl commands against the embedded API server (no operator: status is written by hand). */
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class KubectlCompatibilityTest {

  static EmbeddedApiServer api;
  static Kubectl kubectl;
  @TempDir
  static Path dir;

  static final String CONNECTOR = """
      apiVersion: patchbay.dev/v1alpha1
      kind: KafkaConnector
      metadata:
        name: file-source
      spec:
        connectCluster: my-connect
        class: FileStreamSource
        tasksMax: 1
        config:
          file: /tmp/source.txt
          topic: file-topic
      """;

  @BeforeAll
  static void start() throws Exception {
    if (Kubectl.binary() == null) {
      System.out.println("kubectl not found on PATH: skipping kubectl compatibility tests");
    }
    assumeTrue(Kubectl.binary() != null, "kubectl not installed");
    api = EmbeddedApiServer.start();
    Path kubeconfig = dir.resolve("kubeconfig");
    api.writeKubeconfig(kubeconfig, "data");
    kubectl = new Kubectl(kubeconfig);
  }

  @AfterAll
  static void stop() {
    if (api != null) {
      api.close();
    }
  }

  static Kubectl.Result ok(Kubectl.Result r) {
    System.out.println(r.all());
    assertThat(r.exitCode()).as(r.all()).isZero();
    return r;
  }

  @Test
  @Order(1)
  void applyCreatesWithoutValidation() throws Exception {
    Path file = dir.resolve("connector.yaml");
    Files.writeString(file, CONNECTOR);
    ok(kubectl.run("apply", "--validate=false", "-f", file.toString()));
    ok(kubectl.run("apply", "--validate=false", "-f", file.toString()));
  }

  @Test
  @Order(2)
  void getListsWithPrinterColumns() throws Exception {
    Kubectl.Result r = ok(kubectl.run("get", "kafkaconnectors"));
    assertThat(r.out()).contains("NAME", "CLUSTER", "CLASS", "file-source", "my-connect", "FileStreamSource");
    assertThat(r.out().lines().findFirst().orElse("").split("\\s+"))
        .as("printer columns in the order DESIGN.md gives")
        .containsExactly("NAME", "CLUSTER", "CLASS", "STATE", "TASKS", "READY", "AGE");
    ok(kubectl.run("get", "kctr"));
    ok(kubectl.run("get", "patchbay"));
  }

  @Test
  @Order(3)
  void getYaml() throws Exception {
    Kubectl.Result r = ok(kubectl.run("get", "kafkaconnector", "file-source", "-o", "yaml"));
    assertThat(r.out()).contains("name: file-source", "topic: file-topic");
  }

  @Test
  @Order(4)
  void annotateAndPatch() throws Exception {
    ok(kubectl.run("annotate", "kafkaconnector", "file-source", "patchbay.dev/restart=1"));
    ok(kubectl.run("patch", "kafkaconnector", "file-source", "--type=merge", "-p", "{\"spec\":{\"state\":\"paused\"}}"));
    Kubectl.Result r = ok(kubectl.run("get", "kafkaconnector", "file-source", "-o", "yaml"));
    assertThat(r.out()).contains("patchbay.dev/restart: \"1\"", "state: paused");
  }

  @Test
  @Order(5)
  void applyConfigMapWithStrategicMerge() throws Exception {
    Path file = dir.resolve("cm.yaml");
    Files.writeString(file, "apiVersion: v1\nkind: ConfigMap\nmetadata:\n  name: cm\ndata:\n  a: \"1\"\n");
    ok(kubectl.run("apply", "--validate=false", "-f", file.toString()));
    Files.writeString(file, "apiVersion: v1\nkind: ConfigMap\nmetadata:\n  name: cm\ndata:\n  a: \"2\"\n");
    ok(kubectl.run("apply", "--validate=false", "-f", file.toString()));
    assertThat(ok(kubectl.run("get", "cm", "cm", "-o", "jsonpath={.data.a}")).out()).isEqualTo("2");
  }

  @Test
  @Order(6)
  void delete() throws Exception {
    ok(kubectl.run("delete", "kafkaconnector", "file-source"));
    Kubectl.Result r = kubectl.run("get", "kafkaconnectors");
    assertThat(r.all()).contains("No resources found");
  }
}
