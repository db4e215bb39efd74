package dev.patchbay.operator.cluster;

import static org.assertj.core.api.Assertions.assertThat;

import dev.patchbay.operator.Naming;
import dev.patchbay.operator.OperatorSettings;
import dev.patchbay.operator.api.KafkaConnect;
import dev.patchbay.operator.api.LogLevel;
import dev.patchbay.operator.api.Logging;
import io.fabric8.kubernetes.api.model.Container;
import io.fabric8.kubernetes.api.model.HasMetadata;
import io.fabric8.kubernetes.api.model.apps.Deployment;
import io.fabric8.kubernetes.client.utils.Serialization;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;
import org.junit.jupiter.api.Test;

class ClusterResourcesTest {

  private static final OperatorSettings SETTINGS = OperatorSettings.defaults();

  static List<String> scenarios() {
    return Golden.scenarios().toList();
  }

  @ParameterizedTest
  @MethodSource("scenarios")
  void builtObjectsMatchGoldenFiles(String scenario) throws IOException {
    Golden.check(scenario, ClusterResources.desired(Golden.input(scenario), SETTINGS));
  }

  @ParameterizedTest
  @MethodSource("scenarios")
  void builtObjectsRoundTripThroughTheModelAndAreValidForARealApiServer(String scenario) {
    for (HasMetadata object : ClusterResources.desired(Golden.input(scenario), SETTINGS)) {
      HasMetadata copy = Serialization.unmarshal(Serialization.asYaml(object), object.getClass());
      assertThat(copy).as("%s round trip", object.getKind()).isEqualTo(object);
      KubernetesValidity.assertValid(object);
    }
  }

  @Test
  void everyExampleClusterIsValidAndBuildsValidObjects() throws IOException {
    Path examples = Path.of(System.getProperty("patchbay.repo.root", "..")).resolve("examples");
    List<Path> files;
    try (Stream<Path> walk = Files.walk(examples)) {
      files = walk.filter(p -> p.toString().endsWith(".yaml")).sorted().toList();
    }
    int clusters = 0;
    for (Path file : files) {
      for (String doc : Files.readString(file).split("(?m)^---\\s*$")) {
        if (!doc.contains("kind: KafkaConnect\n")) {
          continue;
        }
        KafkaConnect kc = Serialization.unmarshal(doc, KafkaConnect.class);
        kc.getMetadata().setNamespace("data");
        kc.getMetadata().setUid("00000000-0000-0000-0000-000000000001");
        assertThat(SpecValidator.problems(kc)).as(file.toString()).isEmpty();
        if (kc.isManaged()) {
          ClusterResources.desired(kc, SETTINGS).forEach(KubernetesValidity::assertValid);
        }
        clusters++;
      }
    }
    assertThat(clusters).as("KafkaConnects in examples/").isPositive();
  }

  @Test
  void longestAllowedNameGivesValidObjects() {
    KafkaConnect kc = Golden.input("full");
    kc.getMetadata().setName("c".repeat(Naming.MAX_CLUSTER_NAME_LENGTH));
    assertThat(SpecValidator.problems(kc)).isEmpty();
    ClusterResources.desired(kc, SETTINGS).forEach(KubernetesValidity::assertValid);
  }

  @Test
  void everyObjectIsLabelledAndOwnedByTheKafkaConnect() {
    KafkaConnect kc = Golden.input("minimal");
    for (HasMetadata object : ClusterResources.desired(kc, SETTINGS)) {
      assertThat(object.getMetadata().getLabels()).containsAllEntriesOf(Naming.clusterLabels("my-connect"));
      assertThat(object.getMetadata().getNamespace()).isEqualTo("data");
      assertThat(object.getMetadata().getOwnerReferences()).singleElement().satisfies(ref -> {
        assertThat(ref.getUid()).isEqualTo(kc.getMetadata().getUid());
        assertThat(ref.getKind()).isEqualTo("KafkaConnect");
        assertThat(ref.getApiVersion()).isEqualTo("patchbay.dev/v1alpha1");
        assertThat(ref.getController()).isTrue();
      });
    }
  }

  @Test
  void workerRunsAsNonRootWithReadOnlyRootFileSystem() {
    Deployment deployment = deployment(Golden.input("minimal"));
    Container worker = deployment.getSpec().getTemplate().getSpec().getContainers().get(0);
    assertThat(worker.getSecurityContext().getReadOnlyRootFilesystem()).isTrue();
    assertThat(worker.getSecurityContext().getAllowPrivilegeEscalation()).isFalse();
    assertThat(worker.getSecurityContext().getCapabilities().getDrop()).containsExactly("ALL");
    assertThat(deployment.getSpec().getTemplate().getSpec().getSecurityContext().getRunAsNonRoot()).isTrue();
    assertThat(deployment.getSpec().getTemplate().getSpec().getSecurityContext().getSeccompProfile().getType())
        .isEqualTo("RuntimeDefault");
    assertThat(deployment.getSpec().getTemplate().getSpec().getInitContainers()).isEmpty();
  }

  @Test
  void ourPodLabelsAnnotationsAndEnvWinOverTheTemplate() {
    Deployment deployment = deployment(Golden.input("full"));
    var podMeta = deployment.getSpec().getTemplate().getMetadata();
    assertThat(podMeta.getLabels()).containsEntry(Naming.LABEL_NAME, Naming.APP_NAME).containsEntry("team", "analytics");
    assertThat(podMeta.getAnnotations().get(Naming.ANNOTATION_CONFIG_HASH)).matches("[0-9a-f]{16}");
    Container worker = deployment.getSpec().getTemplate().getSpec().getContainers().get(0);
    assertThat(worker.getEnv()).filteredOn(e -> e.getName().equals("PATCHBAY_LOG_LEVEL")).singleElement()
        .satisfies(e -> assertThat(e.getValue()).isEqualTo("DEBUG"));
    assertThat(deployment.getSpec().getTemplate().getSpec().getInitContainers()).singleElement()
        .satisfies(c -> assertThat(c.getArgs()).containsExactly("fetch-plugins"));
  }

  @Test
  void workerPropertiesPutOwnedKeysFirstAndUserConfigSorted() {
    String properties = WorkerConfig.workerProperties(Golden.input("minimal"));
    assertThat(properties).contains("bootstrap.servers=my-kafka:9092\n", "group.id=data.my-connect\n",
        "config.storage.topic=data.my-connect.configs\n", "offset.storage.topic=data.my-connect.offsets\n",
        "status.storage.topic=data.my-connect.status\n", "config.storage.replication.factor=-1\n");
    String full = WorkerConfig.workerProperties(Golden.input("full"));
    assertThat(full).contains("value.converter=org.apache.kafka.connect.storage.StringConverter\n")
        .doesNotContain("value.converter=" + WorkerConfig.JSON_CONVERTER)
        .contains("key.converter=" + WorkerConfig.JSON_CONVERTER + "\n");
    assertThat(full.indexOf("key.converter.schemas.enable")).isLessThan(full.indexOf("offset.flush.interval.ms"));
  }

  @Test
  void configChangeChangesTheHash() {
    KafkaConnect kc = Golden.input("minimal");
    String before = hash(kc);
    kc.getSpec().getConfig().put("offset.flush.interval.ms", "5000");
    assertThat(hash(kc)).isNotEqualTo(before);
  }

  @Test
  void changesThatDoNotAlterTheRenderedConfigKeepTheHash() {
    KafkaConnect kc = Golden.input("minimal");
    String before = hash(kc);
    kc.getSpec().setReplicas(5);
    kc.getMetadata().setGeneration(2L);
    kc.getSpec().setGroupId("data.my-connect"); // the default, spelled out
    kc.getSpec().setLogging(new Logging());
    kc.getSpec().getLogging().setLoggers(Map.of("org.apache.kafka.connect", LogLevel.DEBUG));
    assertThat(hash(kc)).isEqualTo(before);
  }

  @Test
  void pluginChangeChangesTheHash() {
    KafkaConnect kc = Golden.input("full");
    String before = hash(kc);
    kc.getSpec().getPlugins().remove(1);
    assertThat(hash(kc)).isNotEqualTo(before);
  }

  @Test
  void secretNamesThatAreNotDnsLabelsGetAValidVolumeName() {
    assertThat(WorkerDeployment.secretVolumeName("db-credentials")).isEqualTo("secret-db-credentials");
    assertThat(WorkerDeployment.secretVolumeName("db.credentials")).matches("secret-db-credentials-[0-9a-f]{10}");
    assertThat(WorkerDeployment.secretVolumeName("x".repeat(200))).hasSizeLessThanOrEqualTo(63);
  }

  private static Deployment deployment(KafkaConnect kc) {
    return WorkerDeployment.deployment(kc, SETTINGS, ClusterResources.configMap(kc, SETTINGS));
  }

  private static String hash(KafkaConnect kc) {
    return deployment(kc).getSpec().getTemplate().getMetadata().getAnnotations().get(Naming.ANNOTATION_CONFIG_HASH);
  }
}
