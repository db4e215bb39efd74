package dev.patchbay.operator.api;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonPropertyDescription;

/** The offsets requests acted on, one per kind of request. */
@JsonInclude(JsonInclude.Include.NON_NULL)
public record OffsetsStatus(
    @JsonPropertyDescription("The last patchbay.dev/list-offsets request: offsets written to the ConfigMap "
        + "<connector>-offsets, key offsets.json.") OffsetsOperation list,
    @JsonPropertyDescription("The last patchbay.dev/reset-offsets request: stop, DELETE the offsets, restore "
        + "spec.state.") OffsetsOperation reset,
    @JsonPropertyDescription("The last patchbay.dev/alter-offsets request: stop, PATCH the offsets from "
        + "spec.offsets.from, restore spec.state.") OffsetsOperation alter) {

  public OffsetsStatus withList(OffsetsOperation op) {
    return new OffsetsStatus(op, reset, alter);
  }

  public OffsetsStatus withReset(OffsetsOperation op) {
    return new OffsetsStatus(list, op, alter);
  }

  public OffsetsStatus withAlter(OffsetsOperation op) {
    return new OffsetsStatus(list, reset, op);
  }
}
