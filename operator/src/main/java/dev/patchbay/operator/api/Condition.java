package dev.patchbay.operator.api;

import com.fasterxml.jackson.annotation.JsonIgnore;
import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonPropertyDescription;
import io.fabric8.generator.annotation.Required;

/** A status condition in the Kubernetes convention (metav1.Condition). */
@JsonInclude(JsonInclude.Include.NON_NULL)
public record Condition(
    @Required @JsonPropertyDescription("Condition type, e.g. Ready.") String type,
    @Required @JsonPropertyDescription("True, False or Unknown.") String status,
    @JsonPropertyDescription("One CamelCase word saying why, e.g. Running, InvalidConfig, TasksFailed.") String reason,
    @JsonPropertyDescription("A short human explanation; never contains config values.") String message,
    @JsonPropertyDescription("When status last changed (RFC 3339).") String lastTransitionTime,
    @JsonPropertyDescription("The metadata.generation the condition was computed from.") Long observedGeneration) {

  public static final String READY = "Ready";

  @JsonIgnore
  public boolean isTrue() {
    return "True".equals(status);
  }
}
