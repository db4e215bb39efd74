package dev.patchbay.operator.api;

import com.fasterxml.jackson.annotation.JsonProperty;

/** The file extension (Maven packaging) of a plugin artifact given by Maven coordinates. */
public enum MavenType {
  @JsonProperty("jar")
  JAR("jar"),
  @JsonProperty("zip")
  ZIP("zip"),
  @JsonProperty("tar.gz")
  TAR_GZ("tar.gz"),
  @JsonProperty("tgz")
  TGZ("tgz");

  private final String extension;

  MavenType(String extension) {
    this.extension = extension;
  }

  /** As spelled in the resource and in the repository's file names. */
  public String extension() {
    return extension;
  }
}
