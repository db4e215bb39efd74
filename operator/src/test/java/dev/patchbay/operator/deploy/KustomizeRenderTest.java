package dev.patchbay.operator.deploy;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import com.fasterxml.jackson.databind.JsonNode;
import dev.patchbay.operator.OperatorSettings;
import dev.patchbay.operator.Versions;
import dev.patchbay.operator.process.ProcessSettings;
import io.fabric8.kubernetes.api.model.Container;
import io.fabric8.kubernetes.api.model.EnvVar;
import io.fabric8.kubernetes.api.model.HasMetadata;
import io.fabric8.kubernetes.api.model.Namespace;
import io.fabric8.kubernetes.api.model.PodSpec;
import io.fabric8.kubernetes.api.model.ServiceAccount;
import io.fabric8.kubernetes.api.model.apps.Deployment;
import io.fabric8.kubernetes.api.model.rbac.ClusterRoleBinding;
import io.fabric8.kubernetes.api.model.rbac.RoleBinding;
import io.fabric8.kubernetes.api.model.rbac.Subject;
import io.fabric8.kubernetes.client.utils.Serialization;
import java.io.IOException;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.regex.Pattern;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** What {@code kubectl apply -k deploy/} and {@code deploy/namespaced/} would create. Skipped without kubectl. */
class KustomizeRenderTest {

  private static final Pattern DNS_1123_SUBDOMAIN =
      Pattern.compile("^[a-z0-9]([-a-z0-9]*[a-z0-9])?(\\.[a-z0-9]([-a-z0-9]*[a-z0-9])?)*$");
  private static final Pattern LABEL_VALUE = Pattern.compile("^(([A-Za-z0-9][-A-Za-z0-9_.]*)?[A-Za-z0-9])?$");
  private static final Pattern LABEL_NAME = Pattern.compile("^([a-z0-9.-]+/)?[A-Za-z0-9]([-A-Za-z0-9_.]*[A-Za-z0-9])?$");

  @BeforeEach
  void needsKubectl() {
    if (Kubectl.UNAVAILABLE != null) {
      System.out.println("KustomizeRenderTest skipped: " + Kubectl.UNAVAILABLE);
    }
    assumeTrue(Kubectl.UNAVAILABLE == null, () -> "skipped: " + Kubectl.UNAVAILABLE);
  }

  private static List<HasMetadata> render(String variant) throws IOException {
    String yaml = Kubectl.kustomize(DeployFiles.dir(variant));
    List<HasMetadata> objects = DeployFiles.parseYaml(yaml).stream()
        .map(JsonNode::toString)
        .map(json -> (HasMetadata) Serialization.unmarshal(json))
        .toList();
    for (HasMetadata object : objects) {
      assertThat(object).as("a known kind").isNotInstanceOf(io.fabric8.kubernetes.api.model.GenericKubernetesResource.class);
      assertThat(object.getMetadata().getName()).matches(DNS_1123_SUBDOMAIN).hasSizeLessThanOrEqualTo(63);
      Map<String, String> labels = object.getMetadata().getLabels();
      assertThat(labels).as("labels of %s", object.getMetadata().getName()).containsEntry("app.kubernetes.io/part-of", "patchbay");
      labels.forEach((k, v) -> {
        assertThat(k).matches(LABEL_NAME);
        assertThat(v).matches(LABEL_VALUE).hasSizeLessThanOrEqualTo(63);
      });
    }
    return objects;
  }

  private static <T extends HasMetadata> List<T> ofKind(List<HasMetadata> objects, Class<T> type) {
    return objects.stream().filter(type::isInstance).map(type::cast).toList();
  }

  @Test
  void clusterWideVariantCreatesTheOperatorInPatchbaySystem() throws IOException {
    List<HasMetadata> objects = render("deploy");
    assertThat(objects).extracting(o -> o.getKind() + "/" + o.getMetadata().getName()).containsExactlyInAnyOrder(
        "Namespace/patchbay-system",
        "ServiceAccount/patchbay-operator",
        "Role/patchbay-operator-leader-election",
        "RoleBinding/patchbay-operator-leader-election",
        "ClusterRole/patchbay-operator",
        "ClusterRoleBinding/patchbay-operator",
        "Service/patchbay-operator-metrics",
        "Deployment/patchbay-operator");
    for (HasMetadata object : objects) {
      if (!(object instanceof Namespace) && !object.getKind().startsWith("Cluster")) {
        assertThat(object.getMetadata().getNamespace()).as(object.getKind()).isEqualTo("patchbay-system");
      }
    }
    assertThat(ofKind(objects, ClusterRoleBinding.class).get(0).getSubjects())
        .extracting(Subject::getKind, Subject::getName, Subject::getNamespace)
        .containsExactly(org.assertj.core.groups.Tuple.tuple("ServiceAccount", "patchbay-operator", "patchbay-system"));

    Deployment deployment = ofKind(objects, Deployment.class).get(0);
    assertThat(deployment.getSpec().getReplicas()).isEqualTo(2);
    Map<String, String> env = env(deployment);
    assertThat(env).doesNotContainKey("WATCH_NAMESPACES").containsEntry("PATCHBAY_LEADER_ELECTION", "true");
    ProcessSettings settings = ProcessSettings.fromEnv(resolve(env, "patchbay-system"));
    assertThat(settings.operator().leaderElection()).isTrue();
    assertThat(settings.operator().watchNamespaces()).isEmpty();
    assertThat(settings.httpPort()).isEqualTo(8080);
    assertThat(settings.leaseNamespace()).isEqualTo("patchbay-system");
    assertOperatorPod(deployment);
  }

  @Test
  void namespacedVariantWatchesItsOwnNamespaceWithARole() throws IOException {
    List<HasMetadata> objects = render("deploy/namespaced");
    assertThat(objects).extracting(HasMetadata::getKind)
        .doesNotContain("Namespace", "ClusterRole", "ClusterRoleBinding")
        .contains("Role", "RoleBinding", "ServiceAccount", "Deployment");
    String namespace = ofKind(objects, ServiceAccount.class).get(0).getMetadata().getNamespace();
    assertThat(namespace).isNotBlank();
    assertThat(objects).allSatisfy(o -> assertThat(o.getMetadata().getNamespace()).isEqualTo(namespace));
    for (RoleBinding binding : ofKind(objects, RoleBinding.class)) {
      assertThat(binding.getSubjects()).allSatisfy(s -> assertThat(s.getNamespace()).isEqualTo(namespace));
    }
    Deployment deployment = ofKind(objects, Deployment.class).get(0);
    EnvVar watch = container(deployment).getEnv().stream()
        .filter(e -> e.getName().equals("WATCH_NAMESPACES")).findFirst().orElseThrow();
    assertThat(watch.getValueFrom().getFieldRef().getFieldPath()).isEqualTo("metadata.namespace");
    ProcessSettings settings = ProcessSettings.fromEnv(resolve(env(deployment), namespace));
    assertThat(settings.operator().watchNamespaces()).containsExactly(namespace);
    assertOperatorPod(deployment);
  }

  private static void assertOperatorPod(Deployment deployment) {
    PodSpec pod = deployment.getSpec().getTemplate().getSpec();
    assertThat(deployment.getSpec().getSelector().getMatchLabels())
        .isEqualTo(Map.of("app.kubernetes.io/name", "patchbay-operator"));
    assertThat(deployment.getSpec().getTemplate().getMetadata().getLabels())
        .containsAllEntriesOf(deployment.getSpec().getSelector().getMatchLabels());
    assertThat(pod.getServiceAccountName()).isEqualTo("patchbay-operator");
    assertThat(pod.getSecurityContext().getRunAsNonRoot()).isTrue();
    assertThat(pod.getSecurityContext().getSeccompProfile().getType()).isEqualTo("RuntimeDefault");
    Container c = container(deployment);
    assertThat(c.getImage()).isEqualTo("ghcr.io/patchbay-dev/patchbay-operator:" + Versions.PATCHBAY);
    assertThat(env(deployment)).containsEntry("PATCHBAY_WORKER_IMAGE", OperatorSettings.DEFAULT_WORKER_IMAGE);
    assertThat(c.getPorts()).singleElement().satisfies(p -> {
      assertThat(p.getName()).isEqualTo("http");
      assertThat(p.getContainerPort()).isEqualTo(ProcessSettings.DEFAULT_HTTP_PORT);
    });
    assertThat(c.getLivenessProbe().getHttpGet().getPath()).isEqualTo("/healthz");
    assertThat(c.getLivenessProbe().getHttpGet().getPort().getStrVal()).isEqualTo("http");
    assertThat(c.getReadinessProbe().getHttpGet().getPath()).isEqualTo("/readyz");
    assertThat(c.getReadinessProbe().getHttpGet().getPort().getStrVal()).isEqualTo("http");
    assertThat(c.getResources().getRequests()).containsOnlyKeys("cpu", "memory");
    assertThat(c.getResources().getRequests().get("cpu").toString()).isEqualTo("100m");
    assertThat(c.getResources().getRequests().get("memory").toString()).isEqualTo("256Mi");
    assertThat(c.getResources().getLimits().get("memory").toString()).isEqualTo("512Mi");
    assertThat(c.getSecurityContext().getAllowPrivilegeEscalation()).isFalse();
    assertThat(c.getSecurityContext().getReadOnlyRootFilesystem()).isTrue();
    assertThat(c.getSecurityContext().getRunAsNonRoot()).isTrue();
    assertThat(c.getSecurityContext().getCapabilities().getDrop()).containsExactly("ALL");
    assertThat(c.getVolumeMounts()).anySatisfy(m -> assertThat(m.getMountPath()).isEqualTo("/tmp"));
    assertThat(pod.getVolumes()).anySatisfy(v -> assertThat(v.getEmptyDir()).isNotNull());
    Map<String, String> fieldRefs = new HashMap<>();
    c.getEnv().stream().filter(e -> e.getValueFrom() != null)
        .forEach(e -> fieldRefs.put(e.getName(), e.getValueFrom().getFieldRef().getFieldPath()));
    assertThat(fieldRefs).containsEntry("POD_NAME", "metadata.name").containsEntry("POD_NAMESPACE",
        "metadata.namespace");
  }

  private static Container container(Deployment deployment) {
    return deployment.getSpec().getTemplate().getSpec().getContainers().get(0);
  }

  /** Literal env values; fieldRef ones as their field path. */
  private static Map<String, String> env(Deployment deployment) {
    Map<String, String> env = new HashMap<>();
    for (EnvVar var : container(deployment).getEnv()) {
      env.put(var.getName(), var.getValue() != null ? var.getValue()
          : "fieldRef:" + var.getValueFrom().getFieldRef().getFieldPath());
    }
    return env;
  }

  /** The environment the pod would see in this namespace. */
  private static Map<String, String> resolve(Map<String, String> env, String namespace) {
    Map<String, String> resolved = new HashMap<>();
    env.forEach((k, v) -> resolved.put(k, switch (v) {
      case "fieldRef:metadata.namespace" -> namespace;
      case "fieldRef:metadata.name" -> "patchbay-operator-abc";
      default -> v;
    }));
    return resolved;
  }
}
