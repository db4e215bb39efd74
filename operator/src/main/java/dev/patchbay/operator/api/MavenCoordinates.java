package dev.patchbay.operator.api;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonPropertyDescription;
import io.fabric8.generator.annotation.Pattern;
import io.fabric8.generator.annotation.Required;
import io.fabric8.generator.annotation.Size;

/**
 * Maven coordinates of a plugin artifact. The worker's init container turns them into the repository path
 * {@code <group with / for .>/<artifact>/<version>/<artifact>-<version>[-<classifier>].<type>}.
 */
@JsonInclude(JsonInclude.Include.NON_EMPTY)
public class MavenCoordinates {

  /** Letters, digits, '.', '_' and '-', starting with a letter or digit: a path segment that cannot climb up. */
  static final String SEGMENT = "^[A-Za-z0-9][A-Za-z0-9._-]*$";
  /** Versions may also hold '+' (build metadata). */
  static final String VERSION = "^[A-Za-z0-9][A-Za-z0-9._+-]*$";

  @JsonPropertyDescription("groupId, e.g. io.debezium.")
  @Required
  @Pattern(SEGMENT)
  @Size(max = 256)
  private String group;

  @JsonPropertyDescription("artifactId, e.g. debezium-connector-postgres.")
  @Required
  @Pattern(SEGMENT)
  @Size(max = 256)
  private String artifact;

  @JsonPropertyDescription("Version, e.g. 3.6.1.Final. Exact: no ranges, no LATEST or RELEASE.")
  @Required
  @Pattern(VERSION)
  @Size(max = 128)
  private String version;

  @JsonPropertyDescription("Classifier, e.g. plugin for Debezium's plugin archive. Optional.")
  @Pattern(SEGMENT)
  @Size(max = 128)
  private String classifier;

  @JsonPropertyDescription("Packaging extension of the file: jar (default, copied as is), zip, tar.gz or tgz "
      + "(unpacked into the plugin directory).")
  private MavenType type;

  public MavenCoordinates() {
  }

  public MavenCoordinates(String group, String artifact, String version) {
    this.group = group;
    this.artifact = artifact;
    this.version = version;
  }

  public String getGroup() {
    return group;
  }

  public void setGroup(String group) {
    this.group = group;
  }

  public String getArtifact() {
    return artifact;
  }

  public void setArtifact(String artifact) {
    this.artifact = artifact;
  }

  public String getVersion() {
    return version;
  }

  public void setVersion(String version) {
    this.version = version;
  }

  public String getClassifier() {
    return classifier;
  }

  public void setClassifier(String classifier) {
    this.classifier = classifier;
  }

  public MavenType getType() {
    return type;
  }

  public void setType(MavenType type) {
    this.type = type;
  }
}
