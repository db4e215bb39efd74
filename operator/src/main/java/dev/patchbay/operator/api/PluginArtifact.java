package dev.patchbay.operator.api;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonPropertyDescription;
import io.fabric8.generator.annotation.Pattern;
import io.fabric8.generator.annotation.Required;

/** One downloadable artifact of a plugin. */
@JsonInclude(JsonInclude.Include.NON_EMPTY)
public class PluginArtifact {

  @JsonPropertyDescription("Where to download the artifact from (http or https). A .jar is copied, a .zip or "
      + ".tgz/.tar.gz is unpacked.")
  @Required
  @Pattern("^https?://.+")
  private String url;

  @JsonPropertyDescription("Expected SHA-512 of the downloaded file, 128 hex digits. The pod does not start when "
      + "it differs.")
  @Required
  @Pattern("^[0-9a-fA-F]{128}$")
  private String sha512;

  @JsonPropertyDescription("Archive type when the URL does not end in .jar, .zip, .tgz or .tar.gz: jar, zip or tgz.")
  private ArtifactType type;

  public PluginArtifact() {
  }

  public PluginArtifact(String url, String sha512) {
    this.url = url;
    this.sha512 = sha512;
  }

  public String getUrl() {
    return url;
  }

  public void setUrl(String url) {
    this.url = url;
  }

  public String getSha512() {
    return sha512;
  }

  public void setSha512(String sha512) {
    this.sha512 = sha512;
  }

  public ArtifactType getType() {
    return type;
  }

  public void setType(ArtifactType type) {
    this.type = type;
  }
}
