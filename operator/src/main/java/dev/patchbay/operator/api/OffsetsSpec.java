package dev.patchbay.operator.api;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonPropertyDescription;

/** Offsets to apply when the patchbay.dev/alter-offsets annotation gets a new value. */
@JsonInclude(JsonInclude.Include.NON_NULL)
public record OffsetsSpec(
    @JsonPropertyDescription("The ConfigMap and key holding the offsets to set.") OffsetsSource from) {
}
