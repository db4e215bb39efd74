package dev.patchbay.operator.api;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonPropertyDescription;
import io.fabric8.generator.annotation.Default;
import io.fabric8.generator.annotation.Required;

/** Where the offsets for an alter request come from. */
@JsonInclude(JsonInclude.Include.NON_NULL)
public record OffsetsSource(
    @Required @JsonPropertyDescription("A ConfigMap in the connector's namespace.") String configMap,
    @Default("offsets.json") @JsonPropertyDescription("The key holding the offsets, in Connect's own JSON shape "
        + "({\"offsets\": [{\"partition\": {...}, \"offset\": {...}}]}). Default offsets.json.") String key) {

  public String keyOrDefault() {
    return key == null || key.isBlank() ? "offsets.json" : key;
  }
}
