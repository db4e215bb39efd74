package dev.patchbay.operator.cluster;

import dev.patchbay.operator.Naming;
import dev.patchbay.operator.OperatorSettings;
import dev.patchbay.operator.api.KafkaConnect;
import dev.patchbay.operator.api.Metrics;
import io.fabric8.kubernetes.api.model.ConfigMap;
import io.fabric8.kubernetes.api.model.ConfigMapBuilder;
import io.fabric8.kubernetes.api.model.HasMetadata;
import io.fabric8.kubernetes.api.model.IntOrString;
import io.fabric8.kubernetes.api.model.LabelSelector;
import io.fabric8.kubernetes.api.model.LabelSelectorBuilder;
import io.fabric8.kubernetes.api.model.ObjectMeta;
import io.fabric8.kubernetes.api.model.ObjectMetaBuilder;
import io.fabric8.kubernetes.api.model.OwnerReference;
import io.fabric8.kubernetes.api.model.OwnerReferenceBuilder;
import io.fabric8.kubernetes.api.model.Service;
import io.fabric8.kubernetes.api.model.ServiceBuilder;
import io.fabric8.kubernetes.api.model.ServicePort;
import io.fabric8.kubernetes.api.model.ServicePortBuilder;
import io.fabric8.kubernetes.api.model.networking.v1.NetworkPolicy;
import io.fabric8.kubernetes.api.model.networking.v1.NetworkPolicyBuilder;
import io.fabric8.kubernetes.api.model.networking.v1.NetworkPolicyIngressRule;
import io.fabric8.kubernetes.api.model.networking.v1.NetworkPolicyIngressRuleBuilder;
import io.fabric8.kubernetes.api.model.networking.v1.NetworkPolicyPeerBuilder;
import io.fabric8.kubernetes.api.model.networking.v1.NetworkPolicyPortBuilder;
import io.fabric8.kubernetes.api.model.policy.v1.PodDisruptionBudget;
import io.fabric8.kubernetes.api.model.policy.v1.PodDisruptionBudgetBuilder;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * Desired state of the objects Patchbay creates for a managed {@link KafkaConnect}: pure functions of the resource
 * (and the operator settings), no client calls. The reconciler only compares and writes.
 */
public final class ClusterResources {

  private ClusterResources() {
  }

  /** Every owned object of a managed cluster, in creation order (config before the workers that mount it). */
  public static List<HasMetadata> desired(KafkaConnect kc, OperatorSettings settings) {
    ConfigMap configMap = configMap(kc, settings);
    return List.of(configMap, WorkerDeployment.deployment(kc, settings, configMap), service(kc), networkPolicy(kc),
        podDisruptionBudget(kc));
  }

  public static ConfigMap configMap(KafkaConnect kc, OperatorSettings settings) {
    return new ConfigMapBuilder()
        .withMetadata(metadata(kc, Naming.configMapName(name(kc))))
        .withData(WorkerConfig.configMapData(kc, settings.mavenRepository()))
        .build();
  }

  public static Service service(KafkaConnect kc) {
    List<ServicePort> ports = new ArrayList<>();
    ports.add(servicePort(Naming.REST_PORT_NAME, Naming.REST_PORT));
    if (metricsEnabled(kc)) {
      ports.add(servicePort(Naming.METRICS_PORT_NAME, Naming.METRICS_PORT));
    }
    return new ServiceBuilder()
        .withMetadata(metadata(kc, Naming.serviceName(name(kc))))
        .withNewSpec()
        .withType("ClusterIP")
        .withSelector(Naming.selectorLabels(name(kc)))
        .withPorts(ports)
        .endSpec()
        .build();
  }

  private static ServicePort servicePort(String name, int port) {
    return new ServicePortBuilder()
        .withName(name)
        .withProtocol("TCP")
        .withPort(port)
        .withTargetPort(new IntOrString(port))
        .build();
  }

  /**
   * Ingress to the REST port only from the operator's pods (any namespace) and the cluster's own workers (they
   * forward requests to the leader); the metrics port is open to all.
   */
  public static NetworkPolicy networkPolicy(KafkaConnect kc) {
    List<NetworkPolicyIngressRule> rules = new ArrayList<>();
    rules.add(new NetworkPolicyIngressRuleBuilder()
        .addNewFrom()
        .withNamespaceSelector(new LabelSelector())
        .withPodSelector(matchLabels(Map.of(Naming.LABEL_NAME, Naming.OPERATOR_APP_NAME)))
        .endFrom()
        .addToFrom(new NetworkPolicyPeerBuilder().withPodSelector(selector(kc)).build())
        .addToPorts(new NetworkPolicyPortBuilder().withProtocol("TCP").withPort(new IntOrString(Naming.REST_PORT))
            .build())
        .build());
    if (metricsEnabled(kc)) {
      rules.add(new NetworkPolicyIngressRuleBuilder()
          .addToPorts(new NetworkPolicyPortBuilder().withProtocol("TCP")
              .withPort(new IntOrString(Naming.METRICS_PORT)).build())
          .build());
    }
    return new NetworkPolicyBuilder()
        .withMetadata(metadata(kc, Naming.networkPolicyName(name(kc))))
        .withNewSpec()
        .withPodSelector(selector(kc))
        .withPolicyTypes("Ingress")
        .withIngress(rules)
        .endSpec()
        .build();
  }

  public static PodDisruptionBudget podDisruptionBudget(KafkaConnect kc) {
    return new PodDisruptionBudgetBuilder()
        .withMetadata(metadata(kc, Naming.podDisruptionBudgetName(name(kc))))
        .withNewSpec()
        .withMaxUnavailable(new IntOrString(1))
        .withSelector(selector(kc))
        .endSpec()
        .build();
  }

  /** Name, namespace, labels and the controller owner reference every owned object carries. */
  static ObjectMeta metadata(KafkaConnect kc, String objectName) {
    return new ObjectMetaBuilder()
        .withName(objectName)
        .withNamespace(kc.getMetadata().getNamespace())
        .withLabels(Naming.clusterLabels(name(kc)))
        .withOwnerReferences(ownerReference(kc))
        .build();
  }

  /**
   * Controller reference to the KafkaConnect, so owned objects are garbage-collected with it. blockOwnerDeletion is
   * false: true would need update rights on kafkaconnects/finalizers and buys nothing here.
   */
  public static OwnerReference ownerReference(KafkaConnect kc) {
    return new OwnerReferenceBuilder()
        .withApiVersion(kc.getApiVersion())
        .withKind(kc.getKind())
        .withName(name(kc))
        .withUid(kc.getMetadata().getUid())
        .withController(true)
        .withBlockOwnerDeletion(false)
        .build();
  }

  static LabelSelector selector(KafkaConnect kc) {
    return matchLabels(Naming.selectorLabels(name(kc)));
  }

  private static LabelSelector matchLabels(Map<String, String> labels) {
    return new LabelSelectorBuilder().withMatchLabels(labels).build();
  }

  static boolean metricsEnabled(KafkaConnect kc) {
    Metrics metrics = kc.getSpec().getMetrics();
    return metrics == null || !Boolean.FALSE.equals(metrics.getEnabled());
  }

  static String name(KafkaConnect kc) {
    return kc.getMetadata().getName();
  }
}
