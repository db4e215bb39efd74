package dev.patchbay.operator.api;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonPropertyDescription;
import java.util.List;

/** Connectors found on a Connect cluster. */
@JsonInclude(JsonInclude.Include.NON_NULL)
public record ConnectorsSummary(
    @JsonPropertyDescription("Connectors owned by a KafkaConnector resource.") Integer managed,
    @JsonPropertyDescription("Connectors running there that no KafkaConnector owns; Patchbay leaves them alone.")
    List<String> unmanaged) {
}
