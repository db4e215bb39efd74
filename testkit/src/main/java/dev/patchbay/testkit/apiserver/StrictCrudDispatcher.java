package dev.patchbay.testkit.apiserver;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.fabric8.kubernetes.client.dsl.base.CustomResourceDefinitionContext;
import io.fabric8.kubernetes.client.server.mock.KubernetesCrudDispatcher;
import io.fabric8.kubernetes.client.utils.Serialization;
import io.fabric8.mockwebserver.http.Buffer;
import io.fabric8.mockwebserver.http.Headers;
import io.fabric8.mockwebserver.http.MockResponse;
import io.fabric8.mockwebserver.http.RecordedRequest;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;

/**
 * fabric8's CRUD mock dispatcher, made to refuse what a real API server refuses where Patchbay touches it. Every write
 * (create, update, patch) is turned into a complete object here, checked, and only then stored through the mock:
 * <ul>
 *   <li>JSON Patch by the letter of RFC 6902 and JSON merge patch by RFC 7386 ({@link Patches}); strategic merge
 *   patch refused with 415 for custom resources (as a real server does) and taken as a merge patch for built-in kinds;
 *   server-side apply refused with 415 (unsupported here, so Patchbay must not use it);</li>
 *   <li>custom resources validated against their CRD as the API server does ({@link CrdSchema#admit}: pruning of
 *   unknown fields, defaults, the structural schema, the CEL rules evaluated by a real CEL implementation);</li>
 *   <li>the status subresource contract: a write to the object ignores {@code status}, a write to {@code /status}
 *   ignores everything else, and {@code metadata.generation} moves only on a change outside metadata and status;</li>
 *   <li>optimistic concurrency: a write carrying a stale {@code resourceVersion} gets 409, and a PUT of a custom
 *   resource without one gets 422;</li>
 *   <li>object names, label keys and values and annotations by Kubernetes' rules ({@link ObjectRules});</li>
 *   <li>a CRD whose CEL rules reach unbounded maps, lists or strings is refused, as a real server's cost estimator
 *   refuses it ({@link CelCostLint}).</li>
 * </ul>
 * Writes are serialised, so the read-check-store sequence is atomic.
 */
public class StrictCrudDispatcher extends KubernetesCrudDispatcher {

  private static final ObjectMapper MAPPER = Serialization.jsonMapper();
  private static final String CRD_PLURAL = "customresourcedefinitions";

  /** Built-in kinds Patchbay writes that have a status subresource on a real server. */
  private static final List<CustomResourceDefinitionContext> BUILT_IN_STATUS = List.of(
      builtIn("apps", "v1", "deployments", "Deployment"),
      builtIn("", "v1", "services", "Service"),
      builtIn("", "v1", "pods", "Pod"),
      builtIn("policy", "v1", "poddisruptionbudgets", "PodDisruptionBudget"));

  /** One write the server answered: what a real API server's audit log would show. */
  public record Write(String method, String path, String contentType, String body, int code) {
  }

  private final Map<String, CrdSchema> schemas = new ConcurrentHashMap<>();
  private final java.util.Queue<Write> log = new java.util.concurrent.ConcurrentLinkedQueue<>();
  private final Object writes = new Object();

  public StrictCrudDispatcher() {
    super(BUILT_IN_STATUS);
  }

  private static CustomResourceDefinitionContext builtIn(String group, String version, String plural, String kind) {
    return new CustomResourceDefinitionContext.Builder().withGroup(group).withVersion(version).withPlural(plural)
        .withKind(kind).withScope("Namespaced").withStatusSubresource(true).build();
  }

  /** Every create, update, patch and delete so far, in order, with the code it got. */
  public List<Write> writes() {
    return List.copyOf(log);
  }

  /** The schema of a registered CRD, by group and plural. */
  public Optional<CrdSchema> schema(String group, String plural) {
    return Optional.ofNullable(schemas.get(group + "/" + plural));
  }

  @Override
  public MockResponse handleCreate(RecordedRequest request) {
    String body = request.getBody().readUtf8();
    return logged(request, body, () -> create(request.getPath(), body));
  }

  @Override
  public MockResponse handleUpdate(RecordedRequest request) {
    String body = request.getBody().readUtf8();
    return logged(request, body, () -> update(request.getPath(), body));
  }

  @Override
  public MockResponse handlePatch(RecordedRequest request) {
    String body = request.getBody().readUtf8();
    return logged(request, body, () -> patch(request.getPath(), request.getHeader("Content-Type"), body));
  }

  @Override
  public MockResponse handleDelete(String path) {
    synchronized (writes) {
      MockResponse response = super.handleDelete(path);
      log.add(new Write("DELETE", path, null, null, response.code()));
      return response;
    }
  }

  private interface Handler {
    MockResponse handle() throws ApiError;
  }

  /** Runs a write alone (so its read-check-store is atomic), answers every failure, and logs it. */
  private MockResponse logged(RecordedRequest request, String body, Handler handler) {
    synchronized (writes) {
      MockResponse response;
      try {
        response = handler.handle();
      } catch (ApiError e) {
        response = e.toResponse();
      } catch (RuntimeException | LinkageError e) {
        response = internalError(e);
      }
      log.add(new Write(request.getMethod(), request.getPath(), request.getHeader("Content-Type"), body,
          response.code()));
      return response;
    }
  }

  private MockResponse create(String rawPath, String body) throws ApiError {
    ResourcePath path = parsePath(rawPath);
    ObjectNode object = readObject(body);
    if (path.plural().equals("selfsubjectrulesreviews")) {
      return json(201, SelfSubjectRules.allowAll(object));
    }
    String name = object.path("metadata").path("name").asText("");
    String kind = object.path("kind").asText(path.plural());
    if (path.plural().equals(CRD_PLURAL)) {
      registerCrd(path, object);
      return forward("POST", rawPath, object);
    }
    if (!name.isEmpty() && lookup(itemPath(path, name)).isPresent()) {
      throw ApiError.alreadyExists(path, name);
    }
    List<FieldError> errors = new ArrayList<>(ObjectRules.check(path.plural(), object));
    Optional<CrdSchema> schema = schema(path.group(), path.plural());
    if (schema.isPresent()) {
      if (schema.get().hasStatusSubresource()) {
        object.remove("status"); // a real server resets status on create
      }
      Admission admission = schema.get().admit(object, null);
      errors.addAll(admission.errors());
      object = admission.object();
    }
    if (!errors.isEmpty()) {
      throw ApiError.invalid(path, kind, name, errors);
    }
    return forward("POST", rawPath, object);
  }

  private MockResponse update(String rawPath, String body) throws ApiError {
    ResourcePath path = parsePath(rawPath);
    ObjectNode incoming = readObject(body);
    if (path.plural().equals(CRD_PLURAL)) {
      registerCrd(path, incoming);
      return forward("PUT", rawPath, incoming);
    }
    ObjectNode current = lookup(path.objectPath()).orElseThrow(() -> ApiError.notFound(path, path.name()));
    String version = incoming.path("metadata").path("resourceVersion").asText("");
    if (version.isEmpty() && schema(path.group(), path.plural()).isPresent()) {
      throw ApiError.invalid(path, kindOf(current, path), path.name(), List.of(new FieldError(
          "metadata.resourceVersion", "FieldValueInvalid", "Invalid value: 0x0: must be specified for an update")));
    }
    return store(rawPath, path, current, incoming);
  }

  private MockResponse patch(String rawPath, String contentType, String body) throws ApiError {
    ResourcePath path = parsePath(rawPath);
    ObjectNode current = lookup(path.objectPath()).orElseThrow(() -> ApiError.notFound(path, path.name()));
    String type = contentType == null ? "" : contentType.split(";")[0].trim();
    boolean custom = schema(path.group(), path.plural()).isPresent();
    ObjectNode patched = switch (type) {
      case "application/json-patch+json" -> Patches.jsonPatch(current.deepCopy(), body);
      case "application/merge-patch+json" -> Patches.mergePatch(current.deepCopy(), body);
      case "application/strategic-merge-patch+json" -> {
        if (custom) {
          throw ApiError.unsupportedMediaType(type);
        }
        JsonNode smp = readObject(body);
        Patches.stripDirectives(smp);
        yield Patches.mergePatch(current.deepCopy(), smp.toString());
      }
      default -> throw ApiError.unsupportedMediaType(type);
    };
    return store(rawPath, path, current, patched);
  }

  /**
   * The common end of an update or a patch: the resourceVersion precondition, the status subresource contract, the
   * checks, then the store (a PUT of the complete object at the current resourceVersion, which the mock keeps).
   */
  private MockResponse store(String rawPath, ResourcePath path, ObjectNode current,
      ObjectNode updated) throws ApiError {
    String currentVersion = current.path("metadata").path("resourceVersion").asText("");
    String version = updated.path("metadata").path("resourceVersion").asText("");
    if (!version.isEmpty() && !version.equals(currentVersion)) {
      throw ApiError.conflict(path, path.name());
    }
    String name = path.name();
    String updatedName = updated.path("metadata").path("name").asText("");
    if (!updatedName.isEmpty() && !updatedName.equals(name)) {
      throw ApiError.badRequest("the name of the object (" + updatedName + ") does not match the name on the URL ("
          + name + ")");
    }
    Optional<CrdSchema> schema = schema(path.group(), path.plural());
    boolean statusSubresource = schema.map(CrdSchema::hasStatusSubresource)
        .orElseGet(() -> isStatusSubresourceEnabledForResource(path.objectPath()));
    ObjectNode result;
    if ("status".equals(path.subresource())) {
      result = current.deepCopy();
      setOrRemove(result, "status", updated.get("status"));
    } else if (path.subresource() != null) {
      throw ApiError.badRequest("subresource " + path.subresource() + " is not supported by the test API server");
    } else {
      result = updated;
      if (statusSubresource) {
        setOrRemove(result, "status", current.get("status"));
      }
    }
    List<FieldError> errors = new ArrayList<>();
    if (!"status".equals(path.subresource())) {
      errors.addAll(ObjectRules.check(path.plural(), result));
    }
    if (schema.isPresent()) {
      Admission admission = schema.get().admit(result, current);
      errors.addAll(admission.errors());
      result = admission.object();
    }
    if (!errors.isEmpty()) {
      throw ApiError.invalid(path, kindOf(current, path), name, errors);
    }
    metadata(result).put("resourceVersion", currentVersion);
    return forward("PUT", rawPath, result);
  }

  private void registerCrd(ResourcePath path, ObjectNode crd) throws ApiError {
    List<String> problems = CelCostLint.problems(crd);
    String name = crd.path("metadata").path("name").asText("");
    if (!problems.isEmpty()) {
      List<FieldError> errors = problems.stream().map(p -> new FieldError("spec.validation.openAPIV3Schema",
          "FieldValueForbidden", "Forbidden: estimated rule cost exceeds budget: " + p)).toList();
      throw ApiError.invalid(path, "CustomResourceDefinition", name, errors);
    }
    CrdSchema schema = CrdSchema.of(crd);
    schemas.put(schema.group() + "/" + schema.plural(), schema);
  }

  private MockResponse forward(String method, String rawPath, ObjectNode object) {
    byte[] bytes = object.toString().getBytes(StandardCharsets.UTF_8);
    Headers headers = Headers.builder().add("Content-Type", "application/json").build();
    RecordedRequest request = new RecordedRequest(method + " " + rawPath + " HTTP/1.1",
        io.fabric8.mockwebserver.dsl.HttpMethod.valueOf(method), rawPath, headers, new Buffer(bytes));
    MockResponse response = switch (method) {
      case "POST" -> super.handleCreate(request);
      case "PUT" -> super.handleUpdate(request);
      default -> throw new IllegalArgumentException(method);
    };
    if (response.code() == 202) {
      response.setResponseCode(200); // a real server answers 200 to a patch
    }
    if (response.header("Content-Type") == null) {
      response.setHeader("Content-Type", "application/json");
    }
    return response;
  }

  private Optional<ObjectNode> lookup(String objectPath) {
    MockResponse response = super.handleGet(objectPath);
    if (response.code() != 200 || response.getBody() == null) {
      return Optional.empty();
    }
    try {
      JsonNode node = MAPPER.readTree(response.getBody().readUtf8());
      return node instanceof ObjectNode o && o.has("metadata") ? Optional.of(o) : Optional.empty();
    } catch (IOException e) {
      return Optional.empty();
    }
  }

  private static String itemPath(ResourcePath path, String name) {
    return new ResourcePath(path.group(), path.version(), path.namespace(), path.plural(), name, null).objectPath();
  }

  private static ResourcePath parsePath(String rawPath) throws ApiError {
    return ResourcePath.parse(rawPath).orElseThrow(() -> ApiError.badRequest("not a resource path: " + rawPath));
  }

  private static ObjectNode readObject(String body) throws ApiError {
    try {
      JsonNode node = MAPPER.readTree(body == null ? "" : body);
      if (!(node instanceof ObjectNode object)) {
        throw ApiError.badRequest("the request body is not a JSON object");
      }
      return object;
    } catch (IOException e) {
      throw ApiError.badRequest("error decoding the request body: " + e.getMessage());
    }
  }

  private static String kindOf(ObjectNode current, ResourcePath path) {
    return current.path("kind").asText(path.plural());
  }

  private static ObjectNode metadata(ObjectNode object) {
    if (!(object.get("metadata") instanceof ObjectNode)) {
      object.putObject("metadata");
    }
    return (ObjectNode) object.get("metadata");
  }

  private static void setOrRemove(ObjectNode object, String field, JsonNode value) {
    if (value == null || value.isNull() || value.isMissingNode()) {
      object.remove(field);
    } else {
      object.set(field, value.deepCopy());
    }
  }

  /** A bug here must answer, not leave the client waiting: 500 with the exception, which the test then shows. */
  private static MockResponse internalError(Throwable e) {
    java.io.StringWriter trace = new java.io.StringWriter();
    e.printStackTrace(new java.io.PrintWriter(trace));
    System.err.println("StrictCrudDispatcher: " + trace);
    ObjectNode status = MAPPER.createObjectNode().put("kind", "Status").put("apiVersion", "v1")
        .put("status", "Failure").put("reason", "InternalError").put("code", 500)
        .put("message", "test API server failure: " + e);
    return json(500, status);
  }

  private static MockResponse json(int code, JsonNode body) {
    return new MockResponse().setResponseCode(code).setHeader("Content-Type", "application/json")
        .setBody(body.toString());
  }
}
