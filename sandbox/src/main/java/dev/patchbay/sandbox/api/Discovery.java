package dev.patchbay.sandbox.api;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.function.Supplier;

/**
 * API discovery documents ({@code /api}, {@code /apis}, {@code /api/v1}, {@code /apis/<group>/<version>}), which the
 * mock server does not serve but {@code kubectl} and fabric8's generic client need. Built-in kinds come from a fixed
 * table of what the sandbox uses; custom resources from the CRDs stored in the API server at the time of the request.
 */
final class Discovery {

  private static final JsonNodeFactory JSON = JsonNodeFactory.instance;
  private static final List<String> ALL_VERBS =
      List.of("create", "delete", "deletecollection", "get", "list", "patch", "update", "watch");
  private static final List<String> SUB_VERBS = List.of("get", "patch", "update");

  /** A kind the embedded API serves. */
  record Resource(String group, String version, String plural, String singular, String kind, boolean namespaced,
      List<String> shortNames, List<String> categories, List<String> subresources) {

    String groupVersion() {
      return group.isEmpty() ? version : group + "/" + version;
    }
  }

  private static final List<Resource> BUILT_IN = List.of(
      core("namespaces", "namespace", "Namespace", false, List.of("ns")),
      core("configmaps", "configmap", "ConfigMap", true, List.of("cm")),
      core("secrets", "secret", "Secret", true, List.of()),
      core("services", "service", "Service", true, List.of("svc")),
      core("pods", "pod", "Pod", true, List.of("po")),
      core("serviceaccounts", "serviceaccount", "ServiceAccount", true, List.of("sa")),
      core("events", "event", "Event", true, List.of("ev")),
      new Resource("apps", "v1", "deployments", "deployment", "Deployment", true, List.of("deploy"), List.of("all"),
          List.of("status", "scale")),
      new Resource("networking.k8s.io", "v1", "networkpolicies", "networkpolicy", "NetworkPolicy", true,
          List.of("netpol"), List.of(), List.of()),
      new Resource("policy", "v1", "poddisruptionbudgets", "poddisruptionbudget", "PodDisruptionBudget", true,
          List.of("pdb"), List.of(), List.of("status")),
      new Resource("coordination.k8s.io", "v1", "leases", "lease", "Lease", true, List.of(), List.of(), List.of()),
      new Resource("events.k8s.io", "v1", "events", "event", "Event", true, List.of("ev"), List.of(), List.of()),
      new Resource("apiextensions.k8s.io", "v1", "customresourcedefinitions", "customresourcedefinition",
          "CustomResourceDefinition", false, List.of("crd", "crds"), List.of(), List.of("status")));

  private final Supplier<List<JsonNode>> crds;

  /** @param crds the CustomResourceDefinitions currently stored, as JSON */
  Discovery(Supplier<List<JsonNode>> crds) {
    this.crds = crds;
  }

  private static Resource core(String plural, String singular, String kind, boolean namespaced, List<String> shorts) {
    return new Resource("", "v1", plural, singular, kind, namespaced, shorts,
        kind.equals("Pod") || kind.equals("Service") ? List.of("all") : List.of(), List.of());
  }

  /** Every resource: the built-in table plus one entry per served version of each stored CRD. */
  List<Resource> resources() {
    List<Resource> all = new ArrayList<>(BUILT_IN);
    for (JsonNode crd : crds.get()) {
      JsonNode spec = crd.path("spec");
      JsonNode names = spec.path("names");
      for (JsonNode v : spec.path("versions")) {
        if (!v.path("served").asBoolean(true)) {
          continue;
        }
        List<String> subresources = new ArrayList<>();
        v.path("subresources").fieldNames().forEachRemaining(subresources::add);
        all.add(new Resource(spec.path("group").asText(), v.path("name").asText(), names.path("plural").asText(),
            names.path("singular").asText(names.path("kind").asText().toLowerCase()), names.path("kind").asText(),
            !"Cluster".equals(spec.path("scope").asText()), strings(names.path("shortNames")),
            strings(names.path("categories")), subresources));
      }
    }
    return all;
  }

  /** Finds the resource a request path names, e.g. {@code /apis/patchbay.dev/v1alpha1/namespaces/x/kafkaconnectors}. */
  Optional<Resource> find(String group, String version, String plural) {
    return resources().stream()
        .filter(r -> r.group().equals(group) && r.version().equals(version) && r.plural().equals(plural))
        .findFirst();
  }

  /** The CRD (as stored) that defines the given group and plural, if any. */
  Optional<JsonNode> crd(String group, String plural) {
    return crds.get().stream()
        .filter(c -> c.path("spec").path("group").asText().equals(group)
            && c.path("spec").path("names").path("plural").asText().equals(plural))
        .findFirst();
  }

  /** The document for a discovery path, or empty when the path is not a discovery path. */
  Optional<JsonNode> document(String path, String serverAddress) {
    if (path.equals("/api")) {
      ObjectNode doc = JSON.objectNode().put("kind", "APIVersions");
      doc.putArray("versions").add("v1");
      doc.putArray("serverAddressByClientCIDRs").addObject().put("clientCIDR", "0.0.0.0/0")
          .put("serverAddress", serverAddress);
      return Optional.of(doc);
    }
    if (path.equals("/apis")) {
      return Optional.of(groupList());
    }
    String[] parts = path.substring(1).split("/");
    if (parts.length == 2 && parts[0].equals("api")) {
      return resourceList("", parts[1]);
    }
    if (parts.length == 2 && parts[0].equals("apis")) {
      return group(parts[1]);
    }
    if (parts.length == 3 && parts[0].equals("apis")) {
      return resourceList(parts[1], parts[2]);
    }
    return Optional.empty();
  }

  private Map<String, List<String>> versionsByGroup() {
    Map<String, List<String>> groups = new LinkedHashMap<>();
    for (Resource r : resources()) {
      if (!r.group().isEmpty()) {
        List<String> versions = groups.computeIfAbsent(r.group(), g -> new ArrayList<>());
        if (!versions.contains(r.version())) {
          versions.add(r.version());
        }
      }
    }
    return groups;
  }

  private JsonNode groupList() {
    ObjectNode doc = JSON.objectNode().put("kind", "APIGroupList").put("apiVersion", "v1");
    ArrayNode groups = doc.putArray("groups");
    versionsByGroup().forEach((name, versions) -> groups.add(groupNode(name, versions)));
    return doc;
  }

  private Optional<JsonNode> group(String name) {
    List<String> versions = versionsByGroup().get(name);
    if (versions == null) {
      return Optional.empty();
    }
    return Optional.of(groupNode(name, versions).put("kind", "APIGroup").put("apiVersion", "v1"));
  }

  private static ObjectNode groupNode(String name, List<String> versions) {
    ObjectNode group = JSON.objectNode().put("name", name);
    ArrayNode vs = group.putArray("versions");
    for (String v : versions) {
      vs.addObject().put("groupVersion", name + "/" + v).put("version", v);
    }
    group.putObject("preferredVersion").put("groupVersion", name + "/" + versions.get(0))
        .put("version", versions.get(0));
    return group;
  }

  private Optional<JsonNode> resourceList(String group, String version) {
    List<Resource> matching = resources().stream()
        .filter(r -> r.group().equals(group) && r.version().equals(version)).toList();
    if (matching.isEmpty()) {
      return Optional.empty();
    }
    ObjectNode doc = JSON.objectNode().put("kind", "APIResourceList").put("apiVersion", "v1")
        .put("groupVersion", matching.get(0).groupVersion());
    ArrayNode list = doc.putArray("resources");
    for (Resource r : matching) {
      ObjectNode node = list.addObject().put("name", r.plural()).put("singularName", r.singular())
          .put("namespaced", r.namespaced()).put("kind", r.kind());
      ArrayNode verbs = node.putArray("verbs");
      ALL_VERBS.forEach(verbs::add);
      if (!r.shortNames().isEmpty()) {
        ArrayNode shortNames = node.putArray("shortNames");
        r.shortNames().forEach(shortNames::add);
      }
      if (!r.categories().isEmpty()) {
        ArrayNode categories = node.putArray("categories");
        r.categories().forEach(categories::add);
      }
      for (String sub : r.subresources()) {
        ObjectNode subNode = list.addObject().put("name", r.plural() + "/" + sub).put("singularName", "")
            .put("namespaced", r.namespaced()).put("kind", sub.equals("scale") ? "Scale" : r.kind());
        if (sub.equals("scale")) {
          subNode.put("group", "autoscaling").put("version", "v1");
        }
        ArrayNode subVerbs = subNode.putArray("verbs");
        SUB_VERBS.forEach(subVerbs::add);
      }
    }
    return Optional.of(doc);
  }

  private static List<String> strings(JsonNode array) {
    List<String> out = new ArrayList<>();
    array.forEach(n -> out.add(n.asText()));
    return out;
  }
}
