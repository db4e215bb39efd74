package dev.patchbay.operator.api;

import dev.patchbay.operator.Naming;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.regex.Pattern;

/**
 * The validation rules of the CRDs (their CEL rules and the schema constraints a Java object can break) as plain
 * Java, with the same meaning. The API server enforces them on admission; reconcilers use this class for objects
 * that reached them anyway (e.g. created before a CRD upgrade, or through a server without CEL), and tests use it
 * to check the examples. An empty list means valid; each violation names the field.
 *
 * <p>One difference from CEL: an empty {@code bootstrapServers} or {@code restUrl} counts as unset here.
 */
public final class ApiRules {

  /** Worker properties Patchbay sets itself; {@code spec.config} of a KafkaConnect may not hold them. */
  public static final List<String> OPERATOR_OWNED_WORKER_KEYS = List.of(
      "group.id", "bootstrap.servers", "config.storage.topic", "offset.storage.topic", "status.storage.topic",
      "listeners", "rest.advertised.host.name", "rest.advertised.port", "rest.advertised.listener", "rest.port",
      "rest.host.name", "plugin.path", "config.providers");

  /** Prefixes of worker properties Patchbay owns (the config provider definitions). */
  public static final List<String> OPERATOR_OWNED_WORKER_KEY_PREFIXES = List.of("config.providers.");

  /** Connector properties that come from the resource itself; {@code spec.config} of a KafkaConnector may not hold them. */
  public static final List<String> RESERVED_CONNECTOR_KEYS = List.of("name", "connector.class", "tasks.max");

  /** DNS-1035 label: the KafkaConnect name becomes part of a Service name. */
  public static final String DNS_1035_LABEL = "^[a-z]([-a-z0-9]*[a-z0-9])?$";

  private static final Pattern DNS_1035 = Pattern.compile(DNS_1035_LABEL);
  private static final Pattern HTTP_URL = Pattern.compile("^https?://.+");
  private static final Pattern SHA512 = Pattern.compile("^[0-9a-fA-F]{128}$");
  private static final Pattern PLUGIN_NAME = Pattern.compile("^[a-z0-9]([-a-z0-9_.]*[a-z0-9])?$");
  private static final Pattern SECRET_NAME = Pattern.compile("^[a-z0-9]([-a-z0-9.]*[a-z0-9])?$");

  private ApiRules() {
  }

  /** True when the key may not appear in a KafkaConnect's {@code spec.config}. */
  public static boolean isOperatorOwnedWorkerKey(String key) {
    return OPERATOR_OWNED_WORKER_KEYS.contains(key)
        || OPERATOR_OWNED_WORKER_KEY_PREFIXES.stream().anyMatch(key::startsWith);
  }

  /** Every rule the KafkaConnect breaks; empty when it is valid. */
  public static List<String> violations(KafkaConnect resource) {
    List<String> violations = new ArrayList<>();
    String name = resource.getMetadata() == null ? null : resource.getMetadata().getName();
    if (name == null || name.length() > Naming.MAX_CLUSTER_NAME_LENGTH || !DNS_1035.matcher(name).matches()) {
      violations.add("metadata.name must be a DNS-1035 label of at most " + Naming.MAX_CLUSTER_NAME_LENGTH
          + " characters (lower case letters, digits and '-', starting with a letter), so that the Service "
          + "<name>-connect-api is a valid name");
    }
    KafkaConnectSpec spec = resource.getSpec();
    if (spec == null) {
      violations.add("spec is required");
      return violations;
    }
    if (isSet(spec.getBootstrapServers()) == isSet(spec.getRestUrl())) {
      violations.add("spec: set exactly one of bootstrapServers (managed mode: Patchbay runs the workers) or "
          + "restUrl (external mode: an existing Connect cluster)");
    }
    if (isSet(spec.getRestUrl()) && !HTTP_URL.matcher(spec.getRestUrl()).matches()) {
      violations.add("spec.restUrl must be an http:// or https:// URL");
    }
    if (spec.getReplicas() != null && spec.getReplicas() < 0) {
      violations.add("spec.replicas must be 0 or more");
    }
    List<String> owned = keys(spec.getConfig()).stream().filter(ApiRules::isOperatorOwnedWorkerKey).toList();
    if (!owned.isEmpty()) {
      violations.add("spec.config may not set keys that Patchbay owns: " + String.join(", ", owned));
    }
    pluginViolations(spec.getPlugins(), violations);
    List<SecretReference> secrets = spec.getSecrets() == null ? List.of() : spec.getSecrets();
    for (int i = 0; i < secrets.size(); i++) {
      String secret = secrets.get(i) == null ? null : secrets.get(i).getName();
      if (secret == null || !SECRET_NAME.matcher(secret).matches()) {
        violations.add("spec.secrets[" + i + "].name must be the name of a Secret");
      }
    }
    if (spec.getTopics() != null && spec.getTopics().getReplicationFactor() != null
        && spec.getTopics().getReplicationFactor() < -1) {
      violations.add("spec.topics.replicationFactor must be -1 (broker default) or more");
    }
    return violations;
  }

  private static void pluginViolations(List<ConnectPlugin> plugins, List<String> violations) {
    if (plugins == null) {
      return;
    }
    for (int i = 0; i < plugins.size(); i++) {
      ConnectPlugin plugin = plugins.get(i);
      String at = "spec.plugins[" + i + "]";
      if (plugin == null || plugin.getName() == null || !PLUGIN_NAME.matcher(plugin.getName()).matches()) {
        violations.add(at + ".name is required: lower case letters, digits, '-', '_' and '.'");
      }
      List<PluginArtifact> artifacts = plugin == null || plugin.getArtifacts() == null
          ? List.of() : plugin.getArtifacts();
      if (artifacts.isEmpty()) {
        violations.add(at + ".artifacts needs at least one artifact");
      }
      for (int j = 0; j < artifacts.size(); j++) {
        PluginArtifact artifact = artifacts.get(j);
        String art = at + ".artifacts[" + j + "]";
        if (artifact == null || artifact.getUrl() == null || !HTTP_URL.matcher(artifact.getUrl()).matches()) {
          violations.add(art + ".url must be an http:// or https:// URL");
        }
        if (artifact == null || artifact.getSha512() == null) {
          violations.add(art + ".sha512 is required: every plugin artifact is checked against its SHA-512");
        } else if (!SHA512.matcher(artifact.getSha512()).matches()) {
          violations.add(art + ".sha512 must be 128 hex digits");
        }
      }
    }
  }

  /** Every rule the KafkaConnector breaks; empty when it is valid. */
  public static List<String> violations(KafkaConnector resource) {
    List<String> violations = new ArrayList<>();
    String name = resource.getMetadata() == null ? null : resource.getMetadata().getName();
    if (name == null || name.isBlank()) {
      violations.add("metadata.name is required: it is the connector's name in Connect");
    }
    KafkaConnectorSpec spec = resource.getSpec();
    if (spec == null) {
      violations.add("spec is required");
      return violations;
    }
    if (!isSet(spec.getConnectCluster())) {
      violations.add("spec.connectCluster is required: the name of a KafkaConnect in the same namespace");
    }
    if (!isSet(spec.getConnectorClass())) {
      violations.add("spec.class is required: the connector class or an alias such as FileStreamSource");
    }
    if (spec.getTasksMax() != null && spec.getTasksMax() < 1) {
      violations.add("spec.tasksMax must be 1 or more");
    }
    List<String> reserved = keys(spec.getConfig()).stream().filter(RESERVED_CONNECTOR_KEYS::contains).toList();
    if (!reserved.isEmpty()) {
      violations.add("spec.config may not contain " + String.join(", ", reserved)
          + ": use metadata.name, spec.class and spec.tasksMax");
    }
    if (spec.getAutoRestart() != null && spec.getAutoRestart().getMaxRestarts() != null
        && spec.getAutoRestart().getMaxRestarts() < 0) {
      violations.add("spec.autoRestart.maxRestarts must be 0 or more");
    }
    return violations;
  }

  private static boolean isSet(String value) {
    return value != null && !value.isBlank();
  }

  private static List<String> keys(Map<String, String> config) {
    return config == null ? List.of() : List.copyOf(config.keySet());
  }
}
