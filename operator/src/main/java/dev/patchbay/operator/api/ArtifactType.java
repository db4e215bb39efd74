package dev.patchbay.operator.api;

import com.fasterxml.jackson.annotation.JsonProperty;

/** How a plugin artifact is laid into the plugin directory. */
public enum ArtifactType {
  @JsonProperty("jar")
  JAR,
  @JsonProperty("zip")
  ZIP,
  @JsonProperty("tgz")
  TGZ
}
