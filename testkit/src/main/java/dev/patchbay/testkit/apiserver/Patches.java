package dev.patchbay.testkit.apiserver;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.fabric8.kubernetes.client.utils.Serialization;
import jakarta.json.Json;
import jakarta.json.JsonArray;
import jakarta.json.JsonException;
import jakarta.json.JsonReader;
import jakarta.json.JsonStructure;
import jakarta.json.JsonValue;
import java.io.IOException;
import java.io.StringReader;
import java.util.Iterator;
import java.util.Map;

/**
 * Patches applied by the letter of their RFCs with Jakarta JSON-P (Parsson): JSON Patch (RFC 6902: the parent of an
 * {@code add} target must exist, {@code remove}/{@code replace} need an existing target, {@code test} must hold) and
 * JSON merge patch (RFC 7386: lists are replaced, {@code null} deletes).
 */
public final class Patches {

  private static final ObjectMapper MAPPER = Serialization.jsonMapper();

  private Patches() {
  }

  public static ObjectNode jsonPatch(ObjectNode target, String patch) throws ApiError {
    JsonValue ops = parse(patch);
    if (!(ops instanceof JsonArray array)) {
      throw ApiError.badRequest("json: cannot unmarshal object into Go value of type jsonpatch.Patch");
    }
    try {
      return toJackson(Json.createPatch(array).apply(toJsonP(target)));
    } catch (JsonException | ClassCastException e) {
      throw ApiError.unprocessable("the server rejected our request due to an error in our request: "
          + e.getMessage());
    }
  }

  public static ObjectNode mergePatch(ObjectNode target, String patch) throws ApiError {
    JsonValue value = parse(patch);
    if (value.getValueType() != JsonValue.ValueType.OBJECT) {
      throw ApiError.badRequest("json: cannot unmarshal " + value.getValueType().name().toLowerCase()
          + " into Go value of type map[string]interface {}");
    }
    JsonValue merged = Json.createMergePatch(value).apply(toJsonP(target));
    return toJackson((JsonStructure) merged);
  }

  /** Removes strategic-merge directives ({@code $patch}, {@code $setElementOrder/...}, ...) in place. */
  public static void stripDirectives(JsonNode node) {
    if (node.isObject()) {
      for (Iterator<Map.Entry<String, JsonNode>> it = node.fields(); it.hasNext(); ) {
        Map.Entry<String, JsonNode> e = it.next();
        if (e.getKey().startsWith("$")) {
          it.remove();
        } else {
          stripDirectives(e.getValue());
        }
      }
    } else if (node.isArray()) {
      node.forEach(Patches::stripDirectives);
    }
  }

  private static JsonValue parse(String body) throws ApiError {
    try (JsonReader reader = Json.createReader(new StringReader(body))) {
      return reader.readValue();
    } catch (JsonException e) {
      throw ApiError.badRequest("error decoding patch: " + e.getMessage());
    }
  }

  private static JsonStructure toJsonP(JsonNode node) {
    try (JsonReader reader = Json.createReader(new StringReader(node.toString()))) {
      return reader.read();
    }
  }

  private static ObjectNode toJackson(JsonStructure value) throws ApiError {
    try {
      JsonNode node = MAPPER.readTree(value.toString());
      if (!(node instanceof ObjectNode object)) {
        throw ApiError.unprocessable("the patched document is not an object");
      }
      return object;
    } catch (IOException e) {
      throw ApiError.unprocessable(e.getMessage());
    }
  }
}
