package dev.patchbay.sandbox.api;

import static org.assertj.core.api.Assertions.assertThat;

import dev.patchbay.operator.api.KafkaConnector;
import io.fabric8.kubernetes.api.model.GenericKubernetesResource;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.utils.Serialization;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.util.Map;
import com.fasterxml.jackson.databind.JsonNode;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

class EmbeddedApiServerTest {

  static EmbeddedApiServer api;
  static KubernetesClient client;
  static final HttpClient HTTP = HttpClient.newHttpClient();

  @BeforeAll
  static void start() {
    api = EmbeddedApiServer.start();
    client = api.newClient("data");
  }

  @AfterAll
  static void stop() {
    client.close();
    api.close();
  }

  static JsonNode get(String path, String accept) throws Exception {
    HttpResponse<String> r = HTTP.send(HttpRequest.newBuilder(URI.create(api.url() + path))
        .header("Accept", accept).build(), HttpResponse.BodyHandlers.ofString());
    assertThat(r.statusCode()).as(path + " -> " + r.body()).isEqualTo(200);
    assertThat(r.headers().firstValue("Content-Type")).hasValueSatisfying(ct -> assertThat(ct).contains("json"));
    return Serialization.jsonMapper().readTree(r.body());
  }

  @Test
  void discoveryListsPatchbayGroupAndResources() throws Exception {
    JsonNode groups = get("/apis", "application/json");
    assertThat(groups.path("groups").findValuesAsText("name")).contains("apps", "patchbay.dev");
    JsonNode resources = get("/apis/patchbay.dev/v1alpha1", "application/json");
    assertThat(resources.path("resources").findValuesAsText("name"))
        .contains("kafkaconnects", "kafkaconnects/status", "kafkaconnects/scale", "kafkaconnectors");
    assertThat(get("/api", "application/json").path("versions").get(0).asText()).isEqualTo("v1");
    assertThat(get("/api/v1", "application/json").path("resources").findValuesAsText("name")).contains("configmaps");
  }

  @Test
  void genericClientFindsCustomResourcesThroughDiscovery() {
    GenericKubernetesResource r = new GenericKubernetesResource();
    r.setApiVersion("patchbay.dev/v1alpha1");
    r.setKind("KafkaConnector");
    r.setMetadata(new io.fabric8.kubernetes.api.model.ObjectMetaBuilder().withName("generic").withNamespace("data")
        .build());
    r.setAdditionalProperties(Map.of("spec", Map.of("connectCluster", "c", "class", "X")));
    client.resource(r).create();
    assertThat(client.resources(KafkaConnector.class).inNamespace("data").withName("generic").get()).isNotNull();
  }

  @Test
  void tableUsesPrinterColumns() throws Exception {
    KafkaConnector c = new KafkaConnector();
    c.getMetadata().setName("file-source");
    c.getSpec().setConnectCluster("my-connect");
    c.getSpec().setConnectorClass("FileStreamSource");
    client.resource(c).inNamespace("data").create();
    JsonNode table = get("/apis/patchbay.dev/v1alpha1/namespaces/data/kafkaconnectors",
        "application/json;as=Table;v=v1;g=meta.k8s.io,application/json");
    assertThat(table.path("kind").asText()).isEqualTo("Table");
    assertThat(table.path("columnDefinitions").findValuesAsText("name")).contains("Name", "Cluster", "Class", "Ready");
    JsonNode single = get("/apis/patchbay.dev/v1alpha1/namespaces/data/kafkaconnectors/file-source",
        "application/json;as=Table;v=v1;g=meta.k8s.io,application/json");
    assertThat(single.path("rows")).hasSize(1);
    assertThat(single.path("rows").get(0).path("cells").get(0).asText()).isEqualTo("file-source");
    assertThat(single.path("rows").get(0).path("cells").toString()).contains("my-connect", "FileStreamSource");
  }

  @Test
  void scaleSubresourcePatchesSpecReplicas() throws Exception {
    GenericKubernetesResource kc = new GenericKubernetesResource();
    kc.setApiVersion("patchbay.dev/v1alpha1");
    kc.setKind("KafkaConnect");
    kc.setMetadata(new io.fabric8.kubernetes.api.model.ObjectMetaBuilder().withName("scaled").withNamespace("data")
        .build());
    kc.setAdditionalProperties(Map.of("spec", Map.of("replicas", 1, "bootstrapServers", "x:9092")));
    client.resource(kc).create();
    client.genericKubernetesResources("patchbay.dev/v1alpha1", "KafkaConnect").inNamespace("data")
        .withName("scaled").scale(3);
    GenericKubernetesResource scaled = client.genericKubernetesResources("patchbay.dev/v1alpha1", "KafkaConnect")
        .inNamespace("data").withName("scaled").get();
    assertThat(scaled.<Integer>get("spec", "replicas")).isEqualTo(3);
  }
}
