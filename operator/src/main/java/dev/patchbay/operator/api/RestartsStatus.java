package dev.patchbay.operator.api;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonPropertyDescription;

/** Restart annotation values already acted on. */
@JsonInclude(JsonInclude.Include.NON_NULL)
public record RestartsStatus(
    @JsonPropertyDescription("Last value of patchbay.dev/restart acted on.") String restart,
    @JsonPropertyDescription("Last value of patchbay.dev/restart-failed acted on.") String restartFailed,
    @JsonPropertyDescription("Last value of patchbay.dev/restart-task acted on.") String restartTask) {
}
