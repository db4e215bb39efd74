package dev.patchbay.operator.api;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonPropertyDescription;

/** One offsets request (list, reset or alter) acted on: its token, how far it got, and what happened. */
@JsonInclude(JsonInclude.Include.NON_NULL)
public record OffsetsOperation(
    @JsonPropertyDescription("The annotation value this operation was started for; a new value starts a new one.")
    String token,
    @JsonPropertyDescription("Stopping, Resetting, Altering, Restoring (the connector goes back to spec.state), Done "
        + "or Failed.")
    String phase,
    @JsonPropertyDescription("What happened, in Connect's words where it answered.") String message,
    @JsonPropertyDescription("When the phase was entered (RFC 3339).") String time) {

  public static final String STOPPING = "Stopping";
  public static final String RESETTING = "Resetting";
  public static final String ALTERING = "Altering";
  public static final String RESTORING = "Restoring";
  public static final String DONE = "Done";
  public static final String FAILED = "Failed";

  /** Still moving: the connector is held stopped or being put back. */
  public boolean active() {
    return STOPPING.equals(phase) || RESETTING.equals(phase) || ALTERING.equals(phase) || RESTORING.equals(phase);
  }
}
