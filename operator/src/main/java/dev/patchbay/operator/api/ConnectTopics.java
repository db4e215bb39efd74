package dev.patchbay.operator.api;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonPropertyDescription;
import io.fabric8.generator.annotation.Default;
import io.fabric8.generator.annotation.Min;

/** Connect's internal topics. */
@JsonInclude(JsonInclude.Include.NON_EMPTY)
public class ConnectTopics {

  @JsonPropertyDescription("Topic holding connector configs (config.storage.topic). Default <groupId>.configs.")
  private String config;

  @JsonPropertyDescription("Topic holding source offsets (offset.storage.topic). Default <groupId>.offsets.")
  private String offset;

  @JsonPropertyDescription("Topic holding connector and task states (status.storage.topic). Default <groupId>.status.")
  private String status;

  @JsonPropertyDescription("Replication factor of the three internal topics; -1 uses the broker default.")
  @Default("-1")
  @Min(-1)
  private Integer replicationFactor = -1;

  public String getConfig() {
    return config;
  }

  public void setConfig(String config) {
    this.config = config;
  }

  public String getOffset() {
    return offset;
  }

  public void setOffset(String offset) {
    this.offset = offset;
  }

  public String getStatus() {
    return status;
  }

  public void setStatus(String status) {
    this.status = status;
  }

  public Integer getReplicationFactor() {
    return replicationFactor;
  }

  public void setReplicationFactor(Integer replicationFactor) {
    this.replicationFactor = replicationFactor;
  }
}
