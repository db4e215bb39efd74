package dev.patchbay.operator.api;

import com.fasterxml.jackson.annotation.JsonProperty;

/** Desired state of a connector. */
public enum ConnectorState {
  @JsonProperty("running")
  RUNNING,
  @JsonProperty("paused")
  PAUSED,
  @JsonProperty("stopped")
  STOPPED;

  /** The state name Connect reports for a connector in this state: RUNNING, PAUSED or STOPPED. */
  public String connectName() {
    return name();
  }
}
