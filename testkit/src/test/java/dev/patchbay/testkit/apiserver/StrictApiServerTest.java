package dev.patchbay.testkit.apiserver;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.util.List;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;

/**
 * The strict test API server refuses what a real API server refuses, over plain HTTP as any client sees it: patches
 * by the letter of RFC 6902 and RFC 7386, the status subresource contract, resourceVersion preconditions, name and
 * label rules, and the media types a real server refuses.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class StrictApiServerTest {

  private static final ObjectMapper JSON = new ObjectMapper();
  private static final String WIDGETS = "/apis/example.dev/v1/namespaces/test/widgets";
  private static final String CONFIGMAPS = "/api/v1/namespaces/test/configmaps";

  private StrictApiServer api;
  private final HttpClient http = HttpClient.newHttpClient();

  @BeforeAll
  void start() throws IOException {
    api = StrictApiServer.start(List.of(JSON.readTree("""
        {"apiVersion": "apiextensions.k8s.io/v1", "kind": "CustomResourceDefinition",
         "metadata": {"name": "widgets.example.dev"},
         "spec": {"group": "example.dev", "scope": "Namespaced",
           "names": {"plural": "widgets", "singular": "widget", "kind": "Widget"},
           "versions": [{"name": "v1", "served": true, "storage": true, "subresources": {"status": {}},
             "schema": {"openAPIV3Schema": {"type": "object", "properties": {
               "spec": {"type": "object", "properties": {
                 "size": {"type": "integer"},
                 "tags": {"type": "array", "items": {"type": "string"}}}},
               "status": {"type": "object", "properties": {
                 "observedGeneration": {"type": "integer"},
                 "phase": {"type": "string"}}}}}}}]}}
        """)));
  }

  @AfterAll
  void stop() {
    api.close();
  }

  @Test
  void jsonPatchAddingBelowAMissingStatusIsRefusedAndAddOfTheWholeStatusIsAccepted() throws Exception {
    create(WIDGETS, widget("w1", "{\"size\": 1}"));

    HttpResponse<String> below = send("PATCH", WIDGETS + "/w1/status", "application/json-patch+json",
        "[{\"op\":\"add\",\"path\":\"/status/observedGeneration\",\"value\":1}]");
    assertThat(below.statusCode()).isEqualTo(422);
    assertThat(read(below).path("reason").asText()).isEqualTo("Invalid");

    HttpResponse<String> whole = send("PATCH", WIDGETS + "/w1/status", "application/json-patch+json",
        "[{\"op\":\"add\",\"path\":\"/status\",\"value\":{\"observedGeneration\":1,\"phase\":\"Ready\"}}]");
    assertThat(whole.statusCode()).isEqualTo(200);
    assertThat(read(get(WIDGETS + "/w1")).path("status").path("phase").asText()).isEqualTo("Ready");

    HttpResponse<String> replaced = send("PATCH", WIDGETS + "/w1/status", "application/json-patch+json",
        "[{\"op\":\"add\",\"path\":\"/status\",\"value\":{\"phase\":\"Again\"}}]");
    assertThat(replaced.statusCode()).isEqualTo(200);
    JsonNode status = read(get(WIDGETS + "/w1")).path("status");
    assertThat(status.path("phase").asText()).isEqualTo("Again");
    assertThat(status.has("observedGeneration")).as("add /status replaces the status whole").isFalse();
  }

  @Test
  void jsonPatchTestAndRemoveOfAMissingMemberAreRefused() throws Exception {
    create(CONFIGMAPS, configMap("cm-test", "{\"a\":\"1\"}"));
    assertThat(send("PATCH", CONFIGMAPS + "/cm-test", "application/json-patch+json",
        "[{\"op\":\"test\",\"path\":\"/data/a\",\"value\":\"2\"}]").statusCode()).isEqualTo(422);
    assertThat(send("PATCH", CONFIGMAPS + "/cm-test", "application/json-patch+json",
        "[{\"op\":\"remove\",\"path\":\"/data/b\"}]").statusCode()).isEqualTo(422);
    assertThat(read(get(CONFIGMAPS + "/cm-test")).path("data").path("a").asText()).isEqualTo("1");
  }

  @Test
  void mergePatchReplacesListsAndNullDeletes() throws Exception {
    create(WIDGETS, widget("w2", "{\"size\": 1, \"tags\": [\"a\", \"b\"]}"));
    assertThat(send("PATCH", WIDGETS + "/w2", "application/merge-patch+json",
        "{\"spec\":{\"tags\":[\"c\"]}}").statusCode()).isEqualTo(200);
    assertThat(read(get(WIDGETS + "/w2")).path("spec").path("tags").toString()).isEqualTo("[\"c\"]");

    assertThat(send("PATCH", WIDGETS + "/w2", "application/merge-patch+json",
        "{\"spec\":{\"size\":null}}").statusCode()).isEqualTo(200);
    assertThat(read(get(WIDGETS + "/w2")).path("spec").has("size")).isFalse();
  }

  @Test
  void statusSubresourceContractAndGeneration() throws Exception {
    JsonNode created = read(create(WIDGETS, widget("w3", "{\"size\": 1}")));
    assertThat(created.path("metadata").path("generation").asLong()).isEqualTo(1);

    // a write to the object ignores status
    send("PATCH", WIDGETS + "/w3", "application/merge-patch+json", "{\"status\":{\"phase\":\"Sneaky\"}}");
    JsonNode afterMain = read(get(WIDGETS + "/w3"));
    assertThat(afterMain.has("status")).isFalse();
    assertThat(afterMain.path("metadata").path("generation").asLong()).isEqualTo(1);

    // a write to /status ignores everything else and does not move the generation
    send("PATCH", WIDGETS + "/w3/status", "application/merge-patch+json",
        "{\"spec\":{\"size\":9},\"metadata\":{\"labels\":{\"x\":\"y\"}},\"status\":{\"phase\":\"Ready\"}}");
    JsonNode afterStatus = read(get(WIDGETS + "/w3"));
    assertThat(afterStatus.path("spec").path("size").asInt()).isEqualTo(1);
    assertThat(afterStatus.path("metadata").has("labels")).isFalse();
    assertThat(afterStatus.path("status").path("phase").asText()).isEqualTo("Ready");
    assertThat(afterStatus.path("metadata").path("generation").asLong()).isEqualTo(1);

    // a spec change moves it
    send("PATCH", WIDGETS + "/w3", "application/merge-patch+json", "{\"spec\":{\"size\":2}}");
    assertThat(read(get(WIDGETS + "/w3")).path("metadata").path("generation").asLong()).isEqualTo(2);
  }

  @Test
  void staleResourceVersionIsAConflictAndAPutOfACustomResourceNeedsOne() throws Exception {
    JsonNode created = read(create(WIDGETS, widget("w4", "{\"size\": 1}")));
    String version = created.path("metadata").path("resourceVersion").asText();
    send("PATCH", WIDGETS + "/w4", "application/merge-patch+json", "{\"spec\":{\"size\":2}}");

    ObjectNode stale = (ObjectNode) created.deepCopy();
    ((ObjectNode) stale.path("spec")).put("size", 3);
    HttpResponse<String> put = send("PUT", WIDGETS + "/w4", "application/json", stale.toString());
    assertThat(put.statusCode()).isEqualTo(409);
    assertThat(read(put).path("message").asText()).isEqualTo("Operation cannot be fulfilled on widgets.example.dev "
        + "\"w4\": the object has been modified; please apply your changes to the latest version and try again");

    HttpResponse<String> patch = send("PATCH", WIDGETS + "/w4", "application/merge-patch+json",
        "{\"metadata\":{\"resourceVersion\":\"" + version + "\"},\"spec\":{\"size\":4}}");
    assertThat(patch.statusCode()).isEqualTo(409);

    ((ObjectNode) stale.path("metadata")).remove("resourceVersion");
    HttpResponse<String> unconditional = send("PUT", WIDGETS + "/w4", "application/json", stale.toString());
    assertThat(unconditional.statusCode()).isEqualTo(422);
    assertThat(read(unconditional).path("message").asText()).isEqualTo("Widget.example.dev \"w4\" is invalid: "
        + "metadata.resourceVersion: Invalid value: 0x0: must be specified for an update");
    assertThat(read(get(WIDGETS + "/w4")).path("spec").path("size").asInt()).isEqualTo(2);
  }

  @Test
  void namesAndLabelsFollowKubernetesRules() throws Exception {
    HttpResponse<String> badName = send("POST", CONFIGMAPS, "application/json", configMap("Bad_Name", "{}"));
    assertThat(badName.statusCode()).isEqualTo(422);
    assertThat(read(badName).path("message").asText()).startsWith("ConfigMap \"Bad_Name\" is invalid: "
        + "metadata.name: Invalid value: \"Bad_Name\": a lowercase RFC 1123 subdomain must consist of");

    ObjectNode labelled = (ObjectNode) JSON.readTree(configMap("labelled", "{}"));
    ((ObjectNode) labelled.path("metadata")).putObject("labels").put("app", "x".repeat(64));
    HttpResponse<String> longLabel = send("POST", CONFIGMAPS, "application/json", labelled.toString());
    assertThat(longLabel.statusCode()).isEqualTo(422);
    assertThat(read(longLabel).path("message").asText()).contains("metadata.labels: Invalid value: \""
        + "x".repeat(64) + "\": must be no more than 63 characters");

    HttpResponse<String> badService = send("POST", "/api/v1/namespaces/test/services", "application/json",
        "{\"apiVersion\":\"v1\",\"kind\":\"Service\",\"metadata\":{\"name\":\"1-api\"},\"spec\":{}}");
    assertThat(badService.statusCode()).as("Service names are DNS-1035 labels").isEqualTo(422);
  }

  @Test
  void mediaTypesARealServerRefuses() throws Exception {
    create(WIDGETS, widget("w5", "{\"size\": 1}"));
    assertThat(send("PATCH", WIDGETS + "/w5", "application/strategic-merge-patch+json",
        "{\"spec\":{\"size\":2}}").statusCode()).as("no strategic merge patch for custom resources").isEqualTo(415);
    assertThat(send("PATCH", WIDGETS + "/w5", "application/apply-patch+yaml",
        "spec:\n  size: 2\n").statusCode()).isEqualTo(415);

    create(CONFIGMAPS, configMap("cm-smp", "{\"a\":\"1\"}"));
    assertThat(send("PATCH", CONFIGMAPS + "/cm-smp", "application/strategic-merge-patch+json",
        "{\"data\":{\"b\":\"2\"}}").statusCode()).as("built-in kinds take strategic merge patches").isEqualTo(200);
    assertThat(read(get(CONFIGMAPS + "/cm-smp")).path("data").size()).isEqualTo(2);
  }

  @Test
  void createOfAnExistingNameIsAlreadyExists() throws Exception {
    create(CONFIGMAPS, configMap("twice", "{}"));
    HttpResponse<String> again = send("POST", CONFIGMAPS, "application/json", configMap("twice", "{}"));
    assertThat(again.statusCode()).isEqualTo(409);
    assertThat(read(again).path("reason").asText()).isEqualTo("AlreadyExists");
  }

  @Test
  void aCrdWhoseRuleReachesAnUnboundedMapIsRefusedAsARealServerRefusesIt() throws Exception {
    String crd = """
        {"apiVersion": "apiextensions.k8s.io/v1", "kind": "CustomResourceDefinition",
         "metadata": {"name": "gadgets.example.dev"},
         "spec": {"group": "example.dev", "scope": "Namespaced",
           "names": {"plural": "gadgets", "singular": "gadget", "kind": "Gadget"},
           "versions": [{"name": "v1", "served": true, "storage": true,
             "schema": {"openAPIV3Schema": {"type": "object", "properties": {
               "spec": {"type": "object", "properties": {
                 "config": {"type": "object", "additionalProperties": {"type": "string"},
                   "x-kubernetes-validations": [{"rule": "!self.exists(k, k == 'name')",
                     "message": "spec.config may not contain name: use metadata.name"}]}}}}}}}]}}
        """;
    HttpResponse<String> refused = send("POST", "/apis/apiextensions.k8s.io/v1/customresourcedefinitions",
        "application/json", crd);
    assertThat(refused.statusCode()).isEqualTo(422);
    assertThat(read(refused).path("message").asText()).contains("estimated rule cost exceeds budget")
        .contains("maxProperties");
    assertThat(send("POST", "/apis/apiextensions.k8s.io/v1/customresourcedefinitions", "application/json",
        crd.replace("\"type\": \"object\", \"additionalProperties\"",
            "\"type\": \"object\", \"maxProperties\": 64, \"additionalProperties\"")).statusCode())
        .isEqualTo(201);
  }

  @Test
  void customResourcesAreValidatedPrunedAndDefaultedByTheirCrd() throws Exception {
    HttpResponse<String> badType = send("POST", WIDGETS, "application/json", widget("w6", "{\"size\": \"big\"}"));
    assertThat(badType.statusCode()).isEqualTo(422);
    assertThat(read(badType).path("message").asText()).startsWith("Widget.example.dev \"w6\" is invalid: spec.size");

    JsonNode created = read(create(WIDGETS, widget("w7", "{\"size\": 1, \"colour\": \"red\"}")));
    assertThat(created.path("spec").has("colour")).as("unknown fields are pruned").isFalse();
    assertThat(read(get(WIDGETS + "/w7")).path("spec").has("colour")).isFalse();
  }

  private static String widget(String name, String spec) {
    return "{\"apiVersion\":\"example.dev/v1\",\"kind\":\"Widget\",\"metadata\":{\"name\":\"" + name
        + "\",\"namespace\":\"test\"},\"spec\":" + spec + "}";
  }

  private static String configMap(String name, String data) {
    return "{\"apiVersion\":\"v1\",\"kind\":\"ConfigMap\",\"metadata\":{\"name\":\"" + name
        + "\",\"namespace\":\"test\"},\"data\":" + data + "}";
  }

  private HttpResponse<String> create(String collection, String body) throws Exception {
    HttpResponse<String> response = send("POST", collection, "application/json", body);
    assertThat(response.statusCode()).as(response.body()).isEqualTo(201);
    return response;
  }

  private HttpResponse<String> get(String path) throws Exception {
    return http.send(HttpRequest.newBuilder(URI.create(api.url() + path)).GET().build(),
        HttpResponse.BodyHandlers.ofString());
  }

  private HttpResponse<String> send(String method, String path, String contentType, String body) throws Exception {
    return http.send(HttpRequest.newBuilder(URI.create(api.url() + path)).header("Content-Type", contentType)
        .method(method, HttpRequest.BodyPublishers.ofString(body)).build(), HttpResponse.BodyHandlers.ofString());
  }

  private static JsonNode read(HttpResponse<String> response) throws IOException {
    return JSON.readTree(response.body());
  }
}
