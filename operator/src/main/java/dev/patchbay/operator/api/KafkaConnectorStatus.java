package dev.patchbay.operator.api;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonPropertyDescription;
import java.util.ArrayList;
import java.util.List;

/** Observed state of a connector. */
@JsonInclude(JsonInclude.Include.NON_NULL)
public class KafkaConnectorStatus extends JsonEquality {

  @JsonPropertyDescription("The metadata.generation this status was computed from.")
  private Long observedGeneration;

  @JsonPropertyDescription("Conditions; Ready means the connector runs in Connect with this generation's config and "
      + "the connector and all its tasks are in the desired state.")
  private List<Condition> conditions = new ArrayList<>();

  @JsonPropertyDescription("The connector's state as Connect reports it: UNASSIGNED, RUNNING, PAUSED, STOPPED, "
      + "FAILED or RESTARTING.")
  private String state;

  @JsonPropertyDescription("Tasks in the desired state / tasks, e.g. 1/1.")
  private String tasksReady;

  @JsonPropertyDescription("The connector instance's state, worker and failure trace.")
  private ConnectorInstanceStatus connector;

  @JsonPropertyDescription("Each task's state, worker and failure trace.")
  private List<TaskStatus> tasks;

  @JsonPropertyDescription("source or sink.")
  private String type;

  @JsonPropertyDescription("Topics the connector has used (GET /connectors/{name}/topics).")
  private List<String> topics;

  @JsonPropertyDescription("Automatic restarts made by Patchbay.")
  private AutoRestartStatus autoRestart;

  @JsonPropertyDescription("Restart annotation values already acted on; a new value triggers a new restart.")
  private RestartsStatus restarts;

  @JsonPropertyDescription("Offsets requests (list, reset, alter) acted on, each with its token and phase.")
  private OffsetsStatus offsets;

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

  public String getState() {
    return state;
  }

  public void setState(String state) {
    this.state = state;
  }

  public String getTasksReady() {
    return tasksReady;
  }

  public void setTasksReady(String tasksReady) {
    this.tasksReady = tasksReady;
  }

  public ConnectorInstanceStatus getConnector() {
    return connector;
  }

  public void setConnector(ConnectorInstanceStatus connector) {
    this.connector = connector;
  }

  public List<TaskStatus> getTasks() {
    return tasks;
  }

  public void setTasks(List<TaskStatus> tasks) {
    this.tasks = tasks;
  }

  public String getType() {
    return type;
  }

  public void setType(String type) {
    this.type = type;
  }

  public List<String> getTopics() {
    return topics;
  }

  public void setTopics(List<String> topics) {
    this.topics = topics;
  }

  public AutoRestartStatus getAutoRestart() {
    return autoRestart;
  }

  public void setAutoRestart(AutoRestartStatus autoRestart) {
    this.autoRestart = autoRestart;
  }

  public RestartsStatus getRestarts() {
    return restarts;
  }

  public void setRestarts(RestartsStatus restarts) {
    this.restarts = restarts;
  }

  public OffsetsStatus getOffsets() {
    return offsets;
  }

  public void setOffsets(OffsetsStatus offsets) {
    this.offsets = offsets;
  }
}
