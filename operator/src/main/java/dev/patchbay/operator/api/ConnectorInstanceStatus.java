package dev.patchbay.operator.api;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonPropertyDescription;

/** The connector instance as Connect reports it. */
@JsonInclude(JsonInclude.Include.NON_NULL)
public record ConnectorInstanceStatus(
    @JsonPropertyDescription("UNASSIGNED, RUNNING, PAUSED, STOPPED, FAILED or RESTARTING.") String state,
    @JsonPropertyDescription("The worker (host:port) running the connector.") String workerId,
    @JsonPropertyDescription("Stack trace of the failure, when FAILED.") String trace) {
}
