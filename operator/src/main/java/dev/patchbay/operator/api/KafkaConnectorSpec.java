package dev.patchbay.operator.api;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonProperty;
import com.fasterxml.jackson.annotation.JsonPropertyDescription;
import io.fabric8.generator.annotation.Default;
import io.fabric8.generator.annotation.Min;
import io.fabric8.generator.annotation.Required;
import io.fabric8.generator.annotation.Size;
import io.fabric8.generator.annotation.ValidationRule;
import java.util.LinkedHashMap;
import java.util.Map;

/** Desired state of a connector. */
@JsonInclude(JsonInclude.Include.NON_NULL)
public class KafkaConnectorSpec {

  @JsonPropertyDescription("Name of the KafkaConnect in the same namespace this connector runs on.")
  @Required
  private String connectCluster;

  @JsonProperty("class")
  @JsonPropertyDescription("connector.class: a fully qualified class name or an alias Connect accepts, e.g. "
      + "FileStreamSource.")
  @Required
  private String connectorClass;

  @JsonPropertyDescription("connector.plugin.version: the version of the connector plugin to run, when the workers "
      + "offer several (Kafka Connect 4.1+, KIP-891). Unset: the newest installed. An unknown version is reported "
      + "as InvalidConfig.")
  @Size(max = 128)
  private String version;

  @JsonPropertyDescription("tasks.max: the most tasks Connect may create for this connector. Default 1.")
  @Default("1")
  @Min(1)
  private Integer tasksMax = 1;

  @JsonPropertyDescription("Desired state: running, paused (tasks stay assigned, no data moves) or stopped "
      + "(tasks are shut down). Default running.")
  @Default("running")
  private ConnectorState state = ConnectorState.RUNNING;

  @JsonPropertyDescription("Connector configuration (string to string), e.g. file and topic. name, connector.class "
      + "and tasks.max come from the resource and may not be set here. Values never appear in status, events or "
      + "logs.")
  @ValidationRule(value = "!self.exists(k, k in ['name', 'connector.class', 'tasks.max', 'connector.plugin.version'])",
      message = "spec.config may not contain name, connector.class, tasks.max or connector.plugin.version: use "
          + "metadata.name, spec.class, spec.tasksMax and spec.version")
  @Size(max = ApiLimits.MAX_CONFIG_ENTRIES)
  private Map<String, String> config = new LinkedHashMap<>();

  @JsonPropertyDescription("Automatic restart of a FAILED connector or tasks, with exponential backoff.")
  private AutoRestart autoRestart;

  @JsonPropertyDescription("Offsets to set when the patchbay.dev/alter-offsets annotation gets a new value.")
  private OffsetsSpec offsets;

  public String getConnectCluster() {
    return connectCluster;
  }

  public void setConnectCluster(String connectCluster) {
    this.connectCluster = connectCluster;
  }

  public String getConnectorClass() {
    return connectorClass;
  }

  public void setConnectorClass(String connectorClass) {
    this.connectorClass = connectorClass;
  }

  public Integer getTasksMax() {
    return tasksMax;
  }

  public void setTasksMax(Integer tasksMax) {
    this.tasksMax = tasksMax;
  }

  public ConnectorState getState() {
    return state;
  }

  public void setState(ConnectorState state) {
    this.state = state;
  }

  public Map<String, String> getConfig() {
    return config;
  }

  public void setConfig(Map<String, String> config) {
    this.config = config;
  }

  public String getVersion() {
    return version;
  }

  public void setVersion(String version) {
    this.version = version;
  }

  public OffsetsSpec getOffsets() {
    return offsets;
  }

  public void setOffsets(OffsetsSpec offsets) {
    this.offsets = offsets;
  }

  public AutoRestart getAutoRestart() {
    return autoRestart;
  }

  public void setAutoRestart(AutoRestart autoRestart) {
    this.autoRestart = autoRestart;
  }
}
