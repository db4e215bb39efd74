package dev.patchbay.operator.api;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonPropertyDescription;

/** Automatic restarts made by Patchbay. */
@JsonInclude(JsonInclude.Include.NON_NULL)
public record AutoRestartStatus(
    @JsonPropertyDescription("Automatic restarts since the connector last ran healthy for a while.") Integer count,
    @JsonPropertyDescription("When the last automatic restart was made (RFC 3339).") String lastRestartTime,
    @JsonPropertyDescription("When the next automatic restart is due if still failed (RFC 3339).")
    String nextRestartTime) {
}
