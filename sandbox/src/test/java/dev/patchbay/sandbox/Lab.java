package dev.patchbay.sandbox;

import com.fasterxml.jackson.databind.JsonNode;
import dev.patchbay.operator.Naming;
import dev.patchbay.operator.api.ApiGroup;
import io.fabric8.kubernetes.api.model.GenericKubernetesResource;
import io.fabric8.kubernetes.client.dsl.Resource;
import io.fabric8.kubernetes.client.dsl.base.PatchContext;
import io.fabric8.kubernetes.client.dsl.base.PatchType;
import io.fabric8.kubernetes.client.utils.Serialization;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Assumptions;

/** What the lab does by hand, as calls: read and patch resources, talk to Connect through the Service, files. */
final class Lab {

  private static final HttpClient HTTP = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(2)).build();

  private final Sandbox sandbox;

  Lab(Sandbox sandbox) {
    this.sandbox = sandbox;
  }

  /** Skips the calling tests when the worker distribution has not been built (saying so on stdout). */
  static void assumeWorkerDistribution() {
    try {
      Sandbox.locateDistribution(null);
    } catch (IllegalStateException e) {
      System.out.println("SKIPPED: " + e.getMessage());
      Assumptions.assumeTrue(false, e.getMessage());
    }
  }

  Resource<GenericKubernetesResource> connect(String name) {
    return sandbox.client().genericKubernetesResources(ApiGroup.API_VERSION, "KafkaConnect")
        .inNamespace(sandbox.namespace()).withName(name);
  }

  Resource<GenericKubernetesResource> connector(String name) {
    return sandbox.client().genericKubernetesResources(ApiGroup.API_VERSION, "KafkaConnector")
        .inNamespace(sandbox.namespace()).withName(name);
  }

  List<GenericKubernetesResource> connectors() {
    return sandbox.client().genericKubernetesResources(ApiGroup.API_VERSION, "KafkaConnector")
        .inNamespace(sandbox.namespace()).list().getItems();
  }

  /** {@code kubectl patch --type=merge}. */
  static void mergePatch(Resource<GenericKubernetesResource> r, String json) {
    r.patch(PatchContext.of(PatchType.JSON_MERGE), json);
  }

  /** The resource as JSON (status and all), or a missing node when it does not exist. */
  static JsonNode json(Resource<GenericKubernetesResource> r) {
    GenericKubernetesResource g = r.get();
    return g == null ? Serialization.jsonMapper().missingNode() : Serialization.jsonMapper().valueToTree(g);
  }

  static boolean ready(Resource<GenericKubernetesResource> r) {
    GenericKubernetesResource g = r.get();
    return g != null && StatusTable.isReady(g);
  }

  /** The in-cluster Connect REST URL of a cluster, rewritten to its loopback Service. */
  String restUrl(String cluster) {
    return sandbox.services().rewrite(Naming.serviceRestUrl(cluster, sandbox.namespace()));
  }

  /** GET on Connect's REST API through the cluster's Service; the status code and the JSON body. */
  Response get(String cluster, String path) {
    HttpRequest request = HttpRequest.newBuilder(URI.create(restUrl(cluster) + path))
        .timeout(Duration.ofSeconds(10)).GET().build();
    try {
      HttpResponse<String> r = HTTP.send(request, HttpResponse.BodyHandlers.ofString());
      JsonNode body = r.body().isBlank() ? Serialization.jsonMapper().missingNode()
          : Serialization.jsonMapper().readTree(r.body());
      return new Response(r.statusCode(), body);
    } catch (IOException e) {
      return new Response(-1, Serialization.jsonMapper().missingNode());
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IllegalStateException(e);
    }
  }

  record Response(int status, JsonNode body) {
  }

  /** The sandbox-local path of a FileStream connector's file (as the applier rewrote it). */
  Path dataFile(String connector) {
    return sandbox.applier().dataFiles().stream().filter(f -> f.connector().equals(connector)).findFirst()
        .orElseThrow().path();
  }

  static List<String> lines(Path file) {
    try {
      return Files.exists(file) ? Files.readAllLines(file, StandardCharsets.UTF_8) : List.of();
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  static void append(Path file, String... lines) {
    try {
      Files.writeString(file, String.join("\n", lines) + "\n", StandardCharsets.UTF_8, StandardOpenOption.CREATE,
          StandardOpenOption.APPEND);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  /** Live worker pods of a cluster (not terminating) as the local runtime runs them. */
  List<dev.patchbay.sandbox.runtime.LocalDeploymentRuntime.PodInfo> pods(String cluster) {
    return sandbox.runtime().pods()
        .getOrDefault(sandbox.namespace() + "/" + Naming.deploymentName(cluster), List.of()).stream()
        .filter(p -> !p.phase().equals("TERMINATING")).toList();
  }

  static Map<String, String> stringMap(JsonNode node) {
    Map<String, String> out = new java.util.LinkedHashMap<>();
    node.fields().forEachRemaining(e -> out.put(e.getKey(), e.getValue().asText()));
    return out;
  }
}
