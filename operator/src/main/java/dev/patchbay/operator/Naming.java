package dev.patchbay.operator;

import dev.patchbay.operator.api.ApiGroup;
import java.util.LinkedHashMap;
import java.util.Map;

/** Owns every name, label and annotation key Patchbay puts on Kubernetes objects. */
public final class Naming {

  public static final String DOMAIN = ApiGroup.GROUP;

  public static final String LABEL_NAME = "app.kubernetes.io/name";
  public static final String LABEL_INSTANCE = "app.kubernetes.io/instance";
  public static final String LABEL_MANAGED_BY = "app.kubernetes.io/managed-by";
  public static final String LABEL_CLUSTER = DOMAIN + "/cluster";
  public static final String APP_NAME = "kafka-connect";
  public static final String MANAGED_BY = "patchbay";

  /** Annotation on the worker pod template: hash of the rendered worker config, so a change rolls the workers. */
  public static final String ANNOTATION_CONFIG_HASH = DOMAIN + "/config-hash";

  public static final String ANNOTATION_RESTART = DOMAIN + "/restart";
  public static final String ANNOTATION_RESTART_FAILED = DOMAIN + "/restart-failed";
  public static final String ANNOTATION_RESTART_TASK = DOMAIN + "/restart-task";

  public static final String CONNECTOR_FINALIZER = DOMAIN + "/connector";

  public static final int REST_PORT = 8083;
  public static final String REST_PORT_NAME = "rest";
  public static final int METRICS_PORT = 9404;
  public static final String METRICS_PORT_NAME = "metrics";

  public static final String SECRETS_DIR = "/opt/patchbay/secrets";
  public static final String PLUGINS_DIR = "/opt/patchbay/plugins";
  public static final String CONFIG_DIR = "/opt/patchbay/config";

  /** The worker image's entrypoint; with argument {@code fetch-plugins} it fills the plugin directory and exits. */
  public static final String WORKER_ENTRYPOINT = "/opt/patchbay/worker/bin/patchbay-worker";
  public static final String WORKER_CONTAINER = "connect";
  public static final String FETCH_PLUGINS_CONTAINER = "fetch-plugins";
  /** Keys of the worker ConfigMap, i.e. file names in {@link #CONFIG_DIR}. */
  public static final String WORKER_PROPERTIES_FILE = "worker.properties";
  /** {@code <logger>=<LEVEL>} lines (and {@code root=<LEVEL>}) the worker image appends to its Log4j2 config. */
  public static final String LOGGERS_FILE = "loggers.properties";
  public static final String PLUGINS_FILE = "plugins.json";
  /** {@code app.kubernetes.io/name} of the operator's own pods: the only pods (besides workers) allowed on 8083. */
  public static final String OPERATOR_APP_NAME = "patchbay-operator";

  /**
   * Longest KafkaConnect name whose derived names stay valid: the Service {@code <name>-connect-api} must be a
   * DNS-1035 label of at most 63 characters.
   */
  public static final int MAX_CLUSTER_NAME_LENGTH = 63 - "-connect-api".length();

  private Naming() {
  }

  public static String configMapName(String cluster) {
    return cluster + "-connect-config";
  }

  public static String deploymentName(String cluster) {
    return cluster + "-connect";
  }

  public static String serviceName(String cluster) {
    return cluster + "-connect-api";
  }

  public static String networkPolicyName(String cluster) {
    return cluster + "-connect";
  }

  public static String podDisruptionBudgetName(String cluster) {
    return cluster + "-connect";
  }

  /** In-cluster REST URL of a managed cluster's Service. */
  public static String serviceRestUrl(String cluster, String namespace) {
    return "http://" + serviceName(cluster) + "." + namespace + ".svc:" + REST_PORT;
  }

  public static String defaultGroupId(String cluster, String namespace) {
    return namespace + "." + cluster;
  }

  /** Labels on every object Patchbay creates for a cluster; also the pod selector. */
  public static Map<String, String> clusterLabels(String cluster) {
    Map<String, String> labels = new LinkedHashMap<>();
    labels.put(LABEL_NAME, APP_NAME);
    labels.put(LABEL_INSTANCE, cluster);
    labels.put(LABEL_MANAGED_BY, MANAGED_BY);
    labels.put(LABEL_CLUSTER, cluster);
    return labels;
  }

  /** Label selector of a cluster's worker pods (Deployment, Service, NetworkPolicy, PDB). */
  public static Map<String, String> selectorLabels(String cluster) {
    return Map.of(LABEL_CLUSTER, cluster);
  }

  /** Selector of a cluster's worker pods, in the form the scale subresource wants. */
  public static String selector(String cluster) {
    return LABEL_CLUSTER + "=" + cluster;
  }
}
