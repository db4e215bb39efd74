package dev.patchbay.operator.api;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonPropertyDescription;

/** A task as Connect reports it. */
@JsonInclude(JsonInclude.Include.NON_NULL)
public record TaskStatus(
    @JsonPropertyDescription("Task id, 0-based.") Integer id,
    @JsonPropertyDescription("UNASSIGNED, RUNNING, PAUSED, FAILED or RESTARTING.") String state,
    @JsonPropertyDescription("The worker (host:port) running the task.") String workerId,
    @JsonPropertyDescription("Stack trace of the failure, when FAILED.") String trace) {
}
