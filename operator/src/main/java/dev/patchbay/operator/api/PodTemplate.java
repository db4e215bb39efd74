package dev.patchbay.operator.api;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonPropertyDescription;
import io.fabric8.kubernetes.api.model.Affinity;
import io.fabric8.kubernetes.api.model.Toleration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/** Pod-level customisation of the workers. */
@JsonInclude(JsonInclude.Include.NON_EMPTY)
public class PodTemplate {

  @JsonPropertyDescription("Extra labels on the worker pods. Patchbay's own labels win on conflict.")
  private Map<String, String> labels = new LinkedHashMap<>();

  @JsonPropertyDescription("Extra annotations on the worker pods.")
  private Map<String, String> annotations = new LinkedHashMap<>();

  @JsonPropertyDescription("Node selector of the worker pods.")
  private Map<String, String> nodeSelector = new LinkedHashMap<>();

  @JsonPropertyDescription("Tolerations of the worker pods (core/v1 Toleration).")
  private List<Toleration> tolerations = new ArrayList<>();

  @JsonPropertyDescription("Affinity of the worker pods (core/v1 Affinity).")
  private Affinity affinity;

  @JsonPropertyDescription("Priority class of the worker pods.")
  private String priorityClassName;

  public Map<String, String> getLabels() {
    return labels;
  }

  public void setLabels(Map<String, String> labels) {
    this.labels = labels;
  }

  public Map<String, String> getAnnotations() {
    return annotations;
  }

  public void setAnnotations(Map<String, String> annotations) {
    this.annotations = annotations;
  }

  public Map<String, String> getNodeSelector() {
    return nodeSelector;
  }

  public void setNodeSelector(Map<String, String> nodeSelector) {
    this.nodeSelector = nodeSelector;
  }

  public List<Toleration> getTolerations() {
    return tolerations;
  }

  public void setTolerations(List<Toleration> tolerations) {
    this.tolerations = tolerations;
  }

  public Affinity getAffinity() {
    return affinity;
  }

  public void setAffinity(Affinity affinity) {
    this.affinity = affinity;
  }

  public String getPriorityClassName() {
    return priorityClassName;
  }

  public void setPriorityClassName(String priorityClassName) {
    this.priorityClassName = priorityClassName;
  }
}
