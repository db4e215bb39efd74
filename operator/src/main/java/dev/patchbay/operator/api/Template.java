package dev.patchbay.operator.api;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonPropertyDescription;
import io.fabric8.kubernetes.api.model.EnvVar;
import java.util.ArrayList;
import java.util.List;

/** Customisation of the worker pods. */
@JsonInclude(JsonInclude.Include.NON_EMPTY)
public class Template {

  @JsonPropertyDescription("Pod-level settings: labels, annotations, scheduling.")
  private PodTemplate pod;

  @JsonPropertyDescription("Extra environment variables of the worker container (core/v1 EnvVar), e.g. for "
      + "${env:...} config provider references.")
  private List<EnvVar> env = new ArrayList<>();

  public PodTemplate getPod() {
    return pod;
  }

  public void setPod(PodTemplate pod) {
    this.pod = pod;
  }

  public List<EnvVar> getEnv() {
    return env;
  }

  public void setEnv(List<EnvVar> env) {
    this.env = env;
  }
}
