package dev.patchbay.operator.api;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonPropertyDescription;
import io.fabric8.generator.annotation.Default;

/** Prometheus metrics of the workers. */
@JsonInclude(JsonInclude.Include.NON_EMPTY)
public class Metrics {

  @JsonPropertyDescription("Serve the workers' Connect metrics in Prometheus text format on port 9404. Default true.")
  @Default("true")
  private Boolean enabled = true;

  public Boolean getEnabled() {
    return enabled;
  }

  public void setEnabled(Boolean enabled) {
    this.enabled = enabled;
  }
}
