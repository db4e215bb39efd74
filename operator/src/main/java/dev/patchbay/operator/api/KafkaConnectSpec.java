package dev.patchbay.operator.api;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonPropertyDescription;
import io.fabric8.generator.annotation.Default;
import io.fabric8.generator.annotation.Min;
import io.fabric8.generator.annotation.Pattern;
import io.fabric8.generator.annotation.Size;
import io.fabric8.generator.annotation.ValidationRule;
import io.fabric8.kubernetes.api.model.ResourceRequirements;
import io.fabric8.kubernetes.model.annotation.SpecReplicas;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/** Desired state of a Kafka Connect worker cluster. */
@JsonInclude(JsonInclude.Include.NON_EMPTY)
@ValidationRule(value = "has(self.bootstrapServers) != has(self.restUrl)",
    message = "set exactly one of bootstrapServers (managed mode: Patchbay runs the workers) "
        + "or restUrl (external mode: an existing Connect cluster), not both")
public class KafkaConnectSpec {

  @JsonPropertyDescription("Number of Connect workers (managed mode). Defaults to 1. Backs the scale subresource, "
      + "so `kubectl scale` and HorizontalPodAutoscalers work.")
  @Default("1")
  @Min(0)
  @SpecReplicas
  private Integer replicas = 1;

  @JsonPropertyDescription("Kafka bootstrap servers the workers connect to, e.g. my-kafka:9092. Required in managed "
      + "mode; exclusive with restUrl.")
  private String bootstrapServers;

  @JsonPropertyDescription("Worker container image. Defaults to the Patchbay worker image that matches the operator "
      + "version.")
  private String image;

  @JsonPropertyDescription("Connect group.id of the workers. Defaults to <namespace>.<name>.")
  private String groupId;

  @JsonPropertyDescription("Connect's internal topics (configs, offsets, status). Names default to <groupId>.configs, "
      + "<groupId>.offsets and <groupId>.status.")
  private ConnectTopics topics;

  @JsonPropertyDescription("Worker properties (string to string), e.g. key.converter. Keys that Patchbay owns ("
      + OwnedWorkerKeys.SUMMARY + ") are not allowed.")
  @ValidationRule(value = OwnedWorkerKeys.CEL_RULE,
      message = "spec.config may not set keys that Patchbay owns: " + OwnedWorkerKeys.SUMMARY
          + "; remove them (Patchbay sets them from the resource)")
  @Size(max = ApiLimits.MAX_CONFIG_ENTRIES)
  private Map<String, String> config = new LinkedHashMap<>();

  @JsonPropertyDescription("Extra connector plugins, downloaded at pod start by an init container (from a URL or "
      + "by Maven coordinates), checked against their sha512 and unpacked into the plugin path. A failed fetch "
      + "turns Ready False with reason PluginFetchFailed and says why.")
  @Size(max = ApiLimits.MAX_PLUGINS)
  private List<ConnectPlugin> plugins = new ArrayList<>();

  @JsonPropertyDescription("Secrets mounted read-only at /opt/patchbay/secrets/<name>; reference a key in connector "
      + "config as ${dir:/opt/patchbay/secrets/<name>:<key>}.")
  private List<SecretReference> secrets = new ArrayList<>();

  @JsonPropertyDescription("CPU and memory requests and limits of the worker container.")
  private ResourceRequirements resources;

  @JsonPropertyDescription("JVM heap and options of the workers.")
  private JvmOptions jvmOptions;

  @JsonPropertyDescription("Log levels of the workers. Logger changes are also applied live, without a restart.")
  private Logging logging;

  @JsonPropertyDescription("Prometheus metrics of the workers (text format on port 9404).")
  private Metrics metrics;

  @JsonPropertyDescription("Customisation of the worker pods.")
  private Template template;

  @JsonPropertyDescription("External mode: the REST URL of an existing Connect cluster, e.g. "
      + "http://legacy-connect:8083. No workers are created; connectors are managed on that cluster. Exclusive with "
      + "bootstrapServers.")
  @Pattern(ApiLimits.REST_URL_PATTERN)
  @Size(max = ApiLimits.MAX_URL_LENGTH)
  private String restUrl;

  public Integer getReplicas() {
    return replicas;
  }

  public void setReplicas(Integer replicas) {
    this.replicas = replicas;
  }

  public String getBootstrapServers() {
    return bootstrapServers;
  }

  public void setBootstrapServers(String bootstrapServers) {
    this.bootstrapServers = bootstrapServers;
  }

  public String getImage() {
    return image;
  }

  public void setImage(String image) {
    this.image = image;
  }

  public String getGroupId() {
    return groupId;
  }

  public void setGroupId(String groupId) {
    this.groupId = groupId;
  }

  public ConnectTopics getTopics() {
    return topics;
  }

  public void setTopics(ConnectTopics topics) {
    this.topics = topics;
  }

  public Map<String, String> getConfig() {
    return config;
  }

  public void setConfig(Map<String, String> config) {
    this.config = config;
  }

  public List<ConnectPlugin> getPlugins() {
    return plugins;
  }

  public void setPlugins(List<ConnectPlugin> plugins) {
    this.plugins = plugins;
  }

  public List<SecretReference> getSecrets() {
    return secrets;
  }

  public void setSecrets(List<SecretReference> secrets) {
    this.secrets = secrets;
  }

  public ResourceRequirements getResources() {
    return resources;
  }

  public void setResources(ResourceRequirements resources) {
    this.resources = resources;
  }

  public JvmOptions getJvmOptions() {
    return jvmOptions;
  }

  public void setJvmOptions(JvmOptions jvmOptions) {
    this.jvmOptions = jvmOptions;
  }

  public Logging getLogging() {
    return logging;
  }

  public void setLogging(Logging logging) {
    this.logging = logging;
  }

  public Metrics getMetrics() {
    return metrics;
  }

  public void setMetrics(Metrics metrics) {
    this.metrics = metrics;
  }

  public Template getTemplate() {
    return template;
  }

  public void setTemplate(Template template) {
    this.template = template;
  }

  public String getRestUrl() {
    return restUrl;
  }

  public void setRestUrl(String restUrl) {
    this.restUrl = restUrl;
  }
}
