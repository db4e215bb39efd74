package dev.patchbay.testkit.apiserver;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.util.List;
import java.util.Optional;

/** PLACEHOLDER until the schema branch lands. */
public final class CrdSchema {
  private final JsonNode crd;
  private CrdSchema(JsonNode crd) { this.crd = crd; }
  public static CrdSchema of(JsonNode crd) { return new CrdSchema(crd); }
  public String group() { return crd.path("spec").path("group").asText(); }
  public String plural() { return crd.path("spec").path("names").path("plural").asText(); }
  public String kind() { return crd.path("spec").path("names").path("kind").asText(); }
  public String version() { return crd.path("spec").path("versions").path(0).path("name").asText(); }
  public boolean namespaced() { return "Namespaced".equals(crd.path("spec").path("scope").asText()); }
  public boolean hasStatusSubresource() { return crd.path("spec").path("versions").path(0).path("subresources").has("status"); }
  public Optional<JsonNode> scaleSubresource() { return Optional.ofNullable(crd.path("spec").path("versions").path(0).path("subresources").get("scale")); }
  public Admission admit(ObjectNode object, ObjectNode oldObject) { return new Admission(object.deepCopy(), List.of()); }
}
