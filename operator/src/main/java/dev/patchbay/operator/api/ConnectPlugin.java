package dev.patchbay.operator.api;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonPropertyDescription;
import io.fabric8.generator.annotation.Pattern;
import io.fabric8.generator.annotation.Required;
import io.fabric8.generator.annotation.Size;
import java.util.ArrayList;
import java.util.List;

/** A connector plugin fetched into the workers' plugin path. */
@JsonInclude(JsonInclude.Include.NON_EMPTY)
public class ConnectPlugin {

  @JsonPropertyDescription("Plugin name; the artifacts are unpacked into <plugin.path>/<name>/.")
  @Required
  @Pattern("^[a-z0-9]([-a-z0-9_.]*[a-z0-9])?$")
  private String name;

  @JsonPropertyDescription("Artifacts of the plugin (jar, zip or tgz), each given by url and sha512 or by Maven "
      + "coordinates, and checked before anything is unpacked.")
  @Required
  @Size(min = 1, max = ApiLimits.MAX_PLUGIN_ARTIFACTS)
  private List<PluginArtifact> artifacts = new ArrayList<>();

  public ConnectPlugin() {
  }

  public ConnectPlugin(String name, List<PluginArtifact> artifacts) {
    this.name = name;
    this.artifacts = artifacts;
  }

  public String getName() {
    return name;
  }

  public void setName(String name) {
    this.name = name;
  }

  public List<PluginArtifact> getArtifacts() {
    return artifacts;
  }

  public void setArtifacts(List<PluginArtifact> artifacts) {
    this.artifacts = artifacts;
  }
}
