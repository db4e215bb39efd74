package dev.patchbay.operator.api;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonProperty;
import com.fasterxml.jackson.annotation.JsonPropertyDescription;

/** A connector plugin as GET /connector-plugins reports it. */
@JsonInclude(JsonInclude.Include.NON_NULL)
public record ConnectorPluginStatus(
    @JsonProperty("class") @JsonPropertyDescription("Fully qualified connector class.") String className,
    @JsonPropertyDescription("source or sink.") String type,
    @JsonPropertyDescription("Plugin version.") String version) {
}
