package dev.patchbay.sandbox.api;

import dev.patchbay.testkit.apiserver.ResourcePath;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.fabric8.kubernetes.client.server.mock.KubernetesCrudDispatcher;
import io.fabric8.kubernetes.client.utils.Serialization;
import io.fabric8.mockwebserver.dsl.HttpMethod;
import io.fabric8.mockwebserver.http.Buffer;
import io.fabric8.mockwebserver.http.Dispatcher;
import io.fabric8.mockwebserver.http.Headers;
import io.fabric8.mockwebserver.http.MockResponse;
import io.fabric8.mockwebserver.http.RecordedRequest;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.function.Supplier;

/**
 * Wraps the mock server's CRUD dispatcher with what {@code kubectl} needs and the mock lacks: API discovery, server-side
 * Table rendering with the CRDs' printer columns, the scale subresource, and {@code /version} and health paths. Every
 * read and write of an object goes to the strict dispatcher behind it.
 */
public final class SandboxDispatcher extends Dispatcher {

  private static final ObjectMapper MAPPER = Serialization.jsonMapper();
  private static final String CRD_PATH = "/apis/apiextensions.k8s.io/v1/customresourcedefinitions";
  static final String KUBERNETES_VERSION = "v1.32.0-patchbay-sandbox";

  private final KubernetesCrudDispatcher crud;
  private final Discovery discovery;
  private final TableRenderer tables;
  private final Supplier<String> serverAddress;

  /** @param serverAddress host:port of the server, for {@code /api}'s serverAddressByClientCIDRs */
  public SandboxDispatcher(KubernetesCrudDispatcher crud, Supplier<String> serverAddress) {
    this.crud = crud;
    this.serverAddress = serverAddress;
    this.discovery = new Discovery(this::storedCrds);
    this.tables = new TableRenderer(Clock.systemUTC());
  }

  @Override
  public MockResponse dispatch(RecordedRequest request) {
    String rawPath = request.getPath();
    String path = rawPath.contains("?") ? rawPath.substring(0, rawPath.indexOf('?')) : rawPath;
    String method = request.getMethod();
    if ("GET".equals(method)) {
      Optional<MockResponse> fixed = fixedPath(path);
      if (fixed.isPresent()) {
        return fixed.get();
      }
    }
    Optional<ResourcePath> resource = ResourcePath.parse(rawPath);
    if (resource.isPresent() && "scale".equals(resource.get().subresource())) {
      return scale(request, resource.get());
    }
    if ("GET".equals(method) && isWatch(rawPath) && request.getHeader("Upgrade") == null) {
      return httpStreamWatch();
    }
    if ("GET".equals(method) && resource.isPresent() && wantsTable(request) && !isWatch(rawPath)) {
      return table(rawPath, resource.get());
    }
    return withJsonContentType(crud.dispatch(request));
  }

  private Optional<MockResponse> fixedPath(String path) {
    if (path.equals("/version")) {
      return Optional.of(json(200, MAPPER.createObjectNode().put("major", "1").put("minor", "32")
          .put("gitVersion", KUBERNETES_VERSION).put("platform", System.getProperty("os.name"))));
    }
    if (path.equals("/") || path.isEmpty()) {
      ObjectNode root = MAPPER.createObjectNode();
      root.putArray("paths").add("/api").add("/api/v1").add("/apis").add("/version");
      return Optional.of(json(200, root));
    }
    if (path.equals("/healthz") || path.equals("/readyz") || path.equals("/livez")) {
      return Optional.of(new MockResponse().setResponseCode(200).setHeader("Content-Type", "text/plain")
          .setBody("ok"));
    }
    if (path.startsWith("/openapi/")) {
      // No OpenAPI: kubectl then skips client-side validation (--validate=false) and uses JSON merge patches.
      return Optional.of(status(404, "NotFound", "the sandbox API server does not serve OpenAPI"));
    }
    return discovery.document(path, serverAddress.get()).map(doc -> json(200, doc));
  }

  private static boolean isWatch(String rawPath) {
    return rawPath.contains("watch=true") || rawPath.contains("watch=1");
  }

  /**
   * kubectl watches over a streamed HTTP response, which the mock cannot produce (its watches are WebSockets, as
   * fabric8 uses them). Such a watch is answered after a short delay with a 410 Expired event: client-go's
   * reflector then lists again, so {@code kubectl wait} and {@code kubectl delete} (which waits) see changes by
   * polling twice a second. {@code kubectl get -w} ends on that event and is not supported.
   */
  private static MockResponse httpStreamWatch() {
    ObjectNode event = MAPPER.createObjectNode().put("type", "ERROR");
    ObjectNode status = event.putObject("object").put("kind", "Status").put("apiVersion", "v1")
        .put("status", "Failure").put("reason", "Expired").put("code", 410)
        .put("message", "the sandbox API server serves HTTP watches by polling: list again");
    status.putObject("metadata");
    return new MockResponse().setResponseCode(200).setHeader("Content-Type", "application/json")
        .setBody(event + "\n").setBodyDelay(java.time.Duration.ofMillis(500));
  }

  private static boolean wantsTable(RecordedRequest request) {
    String accept = request.getHeader("Accept");
    return accept != null && accept.contains("as=Table");
  }

  private MockResponse table(String rawPath, ResourcePath resource) {
    if (resource.subresource() != null) {
      return withJsonContentType(crud.handleGet(rawPath));
    }
    MockResponse response = crud.handleGet(rawPath);
    if (response.code() != 200) {
      return withJsonContentType(response);
    }
    JsonNode body = read(response.getBody().getBytes());
    Optional<Discovery.Resource> kind = discovery.find(resource.group(), resource.version(), resource.plural());
    if (kind.isEmpty() || (!body.has("items") && !body.has("metadata"))) {
      return withJsonContentType(response);
    }
    JsonNode crd = discovery.crd(resource.group(), resource.plural()).orElse(null);
    List<TableRenderer.Column> columns = TableRenderer.columnsFor(crd, resource.version(), kind.get().kind());
    return json(200, tables.render(body, columns, queryParam(rawPath, "includeObject")));
  }

  /** The scale subresource, for CRDs that declare it and for Deployments: replicas live at {@code .spec.replicas}. */
  private MockResponse scale(RecordedRequest request, ResourcePath resource) {
    String objectPath = resource.objectPath();
    String method = request.getMethod();
    if ("PATCH".equals(method) || "PUT".equals(method)) {
      JsonNode body = read(request.getBody().getBytes());
      JsonNode replicas = body.path("spec").path("replicas");
      if (!replicas.isNumber()) {
        return status(422, "Invalid", "spec.replicas must be a number");
      }
      ObjectNode patch = MAPPER.createObjectNode();
      patch.putObject("spec").put("replicas", replicas.asInt());
      MockResponse patched = crud.dispatch(request(HttpMethod.PATCH, objectPath, "application/merge-patch+json",
          patch.toString().getBytes(StandardCharsets.UTF_8)));
      if (patched.code() >= 300) {
        return withJsonContentType(patched);
      }
    } else if (!"GET".equals(method)) {
      return status(405, "MethodNotAllowed", method + " is not supported on scale");
    }
    MockResponse current = crud.handleGet(objectPath);
    if (current.code() != 200) {
      return withJsonContentType(current);
    }
    return json(200, scaleOf(read(current.getBody().getBytes())));
  }

  private static JsonNode scaleOf(JsonNode object) {
    ObjectNode scale = MAPPER.createObjectNode().put("kind", "Scale").put("apiVersion", "autoscaling/v1");
    JsonNode meta = object.path("metadata");
    ObjectNode m = scale.putObject("metadata");
    for (String f : List.of("name", "namespace", "uid", "resourceVersion", "creationTimestamp")) {
      if (meta.has(f)) {
        m.set(f, meta.get(f));
      }
    }
    scale.putObject("spec").put("replicas", object.path("spec").path("replicas").asInt(1));
    ObjectNode status = scale.putObject("status").put("replicas", object.path("status").path("replicas").asInt(0));
    String selector = object.path("status").path("selector").asText("");
    if (selector.isEmpty() && object.path("spec").path("selector").has("matchLabels")) {
      List<String> terms = new ArrayList<>();
      object.path("spec").path("selector").path("matchLabels").fields()
          .forEachRemaining(e -> terms.add(e.getKey() + "=" + e.getValue().asText()));
      selector = String.join(",", terms);
    }
    if (!selector.isEmpty()) {
      status.put("selector", selector);
    }
    return scale;
  }

  private List<JsonNode> storedCrds() {
    MockResponse response = crud.handleGet(CRD_PATH);
    List<JsonNode> out = new ArrayList<>();
    if (response.code() == 200 && response.getBody() != null) {
      read(response.getBody().getBytes()).path("items").forEach(out::add);
    }
    return out;
  }

  private static RecordedRequest request(HttpMethod method, String path, String contentType, byte[] body) {
    Headers headers = Headers.builder().add("Content-Type", contentType).build();
    return new RecordedRequest(method + " " + path + " HTTP/1.1", method, path, headers, new Buffer(body));
  }

  private static String queryParam(String rawPath, String name) {
    int q = rawPath.indexOf('?');
    if (q < 0) {
      return null;
    }
    for (String kv : rawPath.substring(q + 1).split("&")) {
      if (kv.startsWith(name + "=")) {
        return kv.substring(name.length() + 1);
      }
    }
    return null;
  }

  private static MockResponse withJsonContentType(MockResponse response) {
    if (response.getWebSocketListener() == null && response.header("Content-Type") == null) {
      response.setHeader("Content-Type", "application/json");
    }
    return response;
  }

  private static MockResponse json(int code, JsonNode body) {
    return new MockResponse().setResponseCode(code).setHeader("Content-Type", "application/json")
        .setBody(body.toString());
  }

  private static MockResponse status(int code, String reason, String message) {
    ObjectNode status = MAPPER.createObjectNode().put("kind", "Status").put("apiVersion", "v1")
        .put("status", "Failure").put("message", message).put("reason", reason).put("code", code);
    status.putObject("metadata");
    return json(code, status);
  }

  private static JsonNode read(byte[] bytes) {
    try {
      return bytes.length == 0 ? MAPPER.createObjectNode() : MAPPER.readTree(bytes);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }
}
