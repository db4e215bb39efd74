package dev.patchbay.operator.api;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonPropertyDescription;
import io.fabric8.generator.annotation.Default;
import io.fabric8.generator.annotation.Min;

/** Automatic restart of failed connectors and tasks. */
@JsonInclude(JsonInclude.Include.NON_NULL)
public class AutoRestart {

  @JsonPropertyDescription("Restart a FAILED connector or task automatically, with exponential backoff (about 30 s "
      + "doubling up to about 30 min). Default true.")
  @Default("true")
  private Boolean enabled = true;

  @JsonPropertyDescription("Stop restarting after this many automatic restarts; unset means no limit. The count "
      + "resets once the connector has run healthy for a while.")
  @Min(0)
  private Integer maxRestarts;

  public AutoRestart() {
  }

  public AutoRestart(Boolean enabled, Integer maxRestarts) {
    this.enabled = enabled;
    this.maxRestarts = maxRestarts;
  }

  public Boolean getEnabled() {
    return enabled;
  }

  public void setEnabled(Boolean enabled) {
    this.enabled = enabled;
  }

  public Integer getMaxRestarts() {
    return maxRestarts;
  }

  public void setMaxRestarts(Integer maxRestarts) {
    this.maxRestarts = maxRestarts;
  }
}
