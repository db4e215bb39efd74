package dev.patchbay.testkit.apiserver;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.fabric8.kubernetes.client.utils.Serialization;
import io.fabric8.mockwebserver.http.MockResponse;
import java.util.List;

/**
 * A refusal as a real API server sends it: a {@code Status} object with the HTTP code, the reason, a message worded as
 * kube-apiserver words it, and for 422 the causes field by field.
 */
public final class ApiError extends Exception {

  private static final ObjectMapper MAPPER = Serialization.jsonMapper();

  private final int code;
  private final String reason;
  private final ObjectNode details;

  private ApiError(int code, String reason, String message, ObjectNode details) {
    super(message, null, false, false);
    this.code = code;
    this.reason = reason;
    this.details = details;
  }

  public int code() {
    return code;
  }

  public String reason() {
    return reason;
  }

  /** 422 Invalid: {@code <Kind>.<group> "<name>" is invalid: <cause>} or {@code ...: [<cause>, <cause>]}. */
  public static ApiError invalid(ResourcePath path, String kind, String name, List<FieldError> errors) {
    String qualifiedKind = path.isCore() ? kind : kind + "." + path.group();
    List<String> texts = errors.stream().map(FieldError::text).toList();
    String joined = texts.size() == 1 ? texts.get(0) : "[" + String.join(", ", texts) + "]";
    ObjectNode details = details(name, path.group(), kind);
    ArrayNode causes = details.putArray("causes");
    for (FieldError e : errors) {
      String prefix = e.field() == null || e.field().isEmpty() ? "" : e.field() + ": ";
      String message = e.text().startsWith(prefix) ? e.text().substring(prefix.length()) : e.text();
      ObjectNode cause = causes.addObject().put("reason", e.reason()).put("message", message);
      if (e.field() != null && !e.field().isEmpty()) {
        cause.put("field", e.field());
      }
    }
    return new ApiError(422, "Invalid", qualifiedKind + " \"" + name + "\" is invalid: " + joined, details);
  }

  /** 409 Conflict on a stale resourceVersion. */
  public static ApiError conflict(ResourcePath path, String name) {
    return new ApiError(409, "Conflict", "Operation cannot be fulfilled on " + qualifiedPlural(path) + " \"" + name
        + "\": the object has been modified; please apply your changes to the latest version and try again",
        details(name, path.group(), path.plural()));
  }

  /** 409 AlreadyExists on a create of an existing name. */
  public static ApiError alreadyExists(ResourcePath path, String name) {
    return new ApiError(409, "AlreadyExists", qualifiedPlural(path) + " \"" + name + "\" already exists",
        details(name, path.group(), path.plural()));
  }

  public static ApiError notFound(ResourcePath path, String name) {
    return new ApiError(404, "NotFound", qualifiedPlural(path) + " \"" + name + "\" not found",
        details(name, path.group(), path.plural()));
  }

  public static ApiError badRequest(String message) {
    return new ApiError(400, "BadRequest", message, null);
  }

  /** 422 for a patch that cannot be applied (RFC 6902 by the letter, or a body that is no JSON). */
  public static ApiError unprocessable(String message) {
    return new ApiError(422, "Invalid", message, null);
  }

  public static ApiError unsupportedMediaType(String contentType) {
    return new ApiError(415, "UnsupportedMediaType", "the body of the request was in an unknown format - accepted "
        + "media types include: application/json-patch+json, application/merge-patch+json, "
        + "application/apply-patch+yaml" + (contentType == null ? "" : " (got " + contentType + ")"), null);
  }

  private static String qualifiedPlural(ResourcePath path) {
    return path.isCore() ? path.plural() : path.plural() + "." + path.group();
  }

  private static ObjectNode details(String name, String group, String kind) {
    ObjectNode details = MAPPER.createObjectNode();
    if (name != null) {
      details.put("name", name);
    }
    if (group != null && !group.isEmpty()) {
      details.put("group", group);
    }
    details.put("kind", kind);
    return details;
  }

  /** The Status body. */
  public ObjectNode toStatus() {
    ObjectNode status = MAPPER.createObjectNode().put("kind", "Status").put("apiVersion", "v1");
    status.putObject("metadata");
    status.put("status", "Failure").put("message", getMessage()).put("reason", reason);
    if (details != null) {
      status.set("details", details);
    }
    status.put("code", code);
    return status;
  }

  public MockResponse toResponse() {
    return new MockResponse().setResponseCode(code).setHeader("Content-Type", "application/json")
        .setBody(toStatus().toString());
  }
}
