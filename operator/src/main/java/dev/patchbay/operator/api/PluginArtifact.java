package dev.patchbay.operator.api;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonPropertyDescription;
import io.fabric8.generator.annotation.Pattern;
import io.fabric8.generator.annotation.Size;
import io.fabric8.generator.annotation.ValidationRule;

/**
 * One downloadable artifact of a plugin: a URL with its sha512, or Maven coordinates (checked against the sha512 when
 * given, else against the checksum the repository publishes).
 */
@JsonInclude(JsonInclude.Include.NON_EMPTY)
@ValidationRule(value = "has(self.url) != has(self.maven)",
    message = "set exactly one of url (with sha512) or maven (Maven coordinates) in each plugin artifact")
@ValidationRule(value = "!has(self.url) || has(self.sha512)",
    message = "an artifact given by url needs its sha512 (128 hex digits); only maven artifacts may leave it out, "
        + "they are checked against the repository's published checksum")
@ValidationRule(value = "!has(self.repository) || has(self.maven)",
    message = "repository applies to maven artifacts only: remove it, or give the artifact as maven coordinates")
@ValidationRule(value = "!has(self.type) || has(self.url)",
    message = "type applies to url artifacts only; for a maven artifact set maven.type (jar, zip, tar.gz or tgz)")
public class PluginArtifact {

  @JsonPropertyDescription("Where to download the artifact from (http or https). A .jar is copied, a .zip or "
      + ".tgz/.tar.gz is unpacked. Exclusive with maven.")
  @Pattern("^https?://.+")
  @Size(max = ApiLimits.MAX_URL_LENGTH)
  private String url;

  @JsonPropertyDescription("Maven coordinates of the artifact, fetched from repository (default Maven Central, or "
      + "the operator's PATCHBAY_MAVEN_REPOSITORY). Exclusive with url.")
  private MavenCoordinates maven;

  @JsonPropertyDescription("Maven repository of a maven artifact, e.g. https://repo1.maven.org/maven2 (http or "
      + "https). Defaults to the operator's PATCHBAY_MAVEN_REPOSITORY, else Maven Central.")
  @Pattern("^https?://.+")
  @Size(max = ApiLimits.MAX_URL_LENGTH)
  private String repository;

  @JsonPropertyDescription("Expected SHA-512 of the downloaded file, 128 hex digits; the pod does not start when it "
      + "differs. Required with url. Optional with maven: without it the file is checked against the repository's "
      + "<file>.sha512 (or .sha1).")
  @Pattern("^[0-9a-fA-F]{128}$")
  @Size(max = 128)
  private String sha512;

  @JsonPropertyDescription("Archive type of a url artifact when the URL does not end in .jar, .zip, .tgz or "
      + ".tar.gz: jar, zip or tgz.")
  private ArtifactType type;

  public PluginArtifact() {
  }

  public PluginArtifact(String url, String sha512) {
    this.url = url;
    this.sha512 = sha512;
  }

  /** An artifact given by Maven coordinates, from the default repository, checked against its published checksum. */
  public static PluginArtifact maven(MavenCoordinates coordinates) {
    PluginArtifact artifact = new PluginArtifact();
    artifact.setMaven(coordinates);
    return artifact;
  }

  public String getUrl() {
    return url;
  }

  public void setUrl(String url) {
    this.url = url;
  }

  public MavenCoordinates getMaven() {
    return maven;
  }

  public void setMaven(MavenCoordinates maven) {
    this.maven = maven;
  }

  public String getRepository() {
    return repository;
  }

  public void setRepository(String repository) {
    this.repository = repository;
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
