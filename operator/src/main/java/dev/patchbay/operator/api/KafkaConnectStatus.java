package dev.patchbay.operator.api;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonPropertyDescription;
import io.fabric8.kubernetes.model.annotation.LabelSelector;
import io.fabric8.kubernetes.model.annotation.StatusReplicas;
import java.util.ArrayList;
import java.util.List;

/** Observed state of a Kafka Connect cluster. */
@JsonInclude(JsonInclude.Include.NON_NULL)
public class KafkaConnectStatus extends JsonEquality {

  @JsonPropertyDescription("The metadata.generation this status was computed from.")
  private Long observedGeneration;

  @JsonPropertyDescription("Conditions; Ready tells whether the cluster's REST API answers with all workers up.")
  private List<Condition> conditions = new ArrayList<>();

  @JsonPropertyDescription("managed (Patchbay runs the workers) or external (restUrl).")
  private String mode;

  @JsonPropertyDescription("Current number of worker pods.")
  @StatusReplicas
  private Integer replicas;

  @JsonPropertyDescription("Worker pods that are ready.")
  private Integer readyReplicas;

  @JsonPropertyDescription("Label selector of the worker pods, for the scale subresource.")
  @LabelSelector
  private String selector;

  @JsonPropertyDescription("REST URL of the cluster as seen from inside the Kubernetes cluster.")
  private String restUrl;

  @JsonPropertyDescription("Kafka Connect version reported by GET /.")
  private String version;

  @JsonPropertyDescription("Kafka cluster id reported by GET /.")
  private String kafkaClusterId;

  @JsonPropertyDescription("Connector plugins installed on the workers (GET /connector-plugins).")
  private List<ConnectorPluginStatus> connectorPlugins;

  @JsonPropertyDescription("Connectors on this cluster: how many a KafkaConnector manages, and the names of those "
      + "no KafkaConnector owns (left alone).")
  private ConnectorsSummary connectors;

  public Long getObservedGeneration() {
    return observedGeneration;
  }

  public void setObservedGeneration(Long observedGeneration) {
    this.observedGeneration = observedGeneration;
  }

  public List<Condition> getConditions() {
    return conditions;
  }

  public void setConditions(List<Condition> conditions) {
    this.conditions = conditions;
  }

  public String getMode() {
    return mode;
  }

  public void setMode(String mode) {
    this.mode = mode;
  }

  public Integer getReplicas() {
    return replicas;
  }

  public void setReplicas(Integer replicas) {
    this.replicas = replicas;
  }

  public Integer getReadyReplicas() {
    return readyReplicas;
  }

  public void setReadyReplicas(Integer readyReplicas) {
    this.readyReplicas = readyReplicas;
  }

  public String getSelector() {
    return selector;
  }

  public void setSelector(String selector) {
    this.selector = selector;
  }

  public String getRestUrl() {
    return restUrl;
  }

  public void setRestUrl(String restUrl) {
    this.restUrl = restUrl;
  }

  public String getVersion() {
    return version;
  }

  public void setVersion(String version) {
    this.version = version;
  }

  public String getKafkaClusterId() {
    return kafkaClusterId;
  }

  public void setKafkaClusterId(String kafkaClusterId) {
    this.kafkaClusterId = kafkaClusterId;
  }

  public List<ConnectorPluginStatus> getConnectorPlugins() {
    return connectorPlugins;
  }

  public void setConnectorPlugins(List<ConnectorPluginStatus> connectorPlugins) {
    this.connectorPlugins = connectorPlugins;
  }

  public ConnectorsSummary getConnectors() {
    return connectors;
  }

  public void setConnectors(ConnectorsSummary connectors) {
    this.connectors = connectors;
  }
}
