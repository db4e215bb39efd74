package dev.patchbay.operator.api;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonPropertyDescription;
import io.fabric8.generator.annotation.Pattern;
import java.util.ArrayList;
import java.util.List;

/** JVM settings of the workers. */
@JsonInclude(JsonInclude.Include.NON_EMPTY)
public class JvmOptions {

  @JsonPropertyDescription("Initial heap (-Xms), e.g. 512m.")
  @Pattern("^[0-9]+[kKmMgG]?$")
  private String xms;

  @JsonPropertyDescription("Maximum heap (-Xmx), e.g. 1g.")
  @Pattern("^[0-9]+[kKmMgG]?$")
  private String xmx;

  @JsonPropertyDescription("Further JVM options, passed as they are.")
  private List<String> options = new ArrayList<>();

  public String getXms() {
    return xms;
  }

  public void setXms(String xms) {
    this.xms = xms;
  }

  public String getXmx() {
    return xmx;
  }

  public void setXmx(String xmx) {
    this.xmx = xmx;
  }

  public List<String> getOptions() {
    return options;
  }

  public void setOptions(List<String> options) {
    this.options = options;
  }
}
