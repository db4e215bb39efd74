package dev.patchbay.operator.api;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.MappingIterator;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.networknt.schema.JsonSchema;
import com.networknt.schema.JsonSchemaFactory;
import com.networknt.schema.SpecVersion;
import com.networknt.schema.ValidationMessage;
import io.fabric8.kubernetes.api.model.HasMetadata;
import io.fabric8.kubernetes.client.utils.Serialization;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * Checks a Patchbay resource the way the API server would: the committed CRD's openAPIV3Schema (made strict, so an
 * unknown field is an error rather than silently pruned) and the CEL rules, through {@link ApiRules}.
 */
final class ResourceValidator {

  private static final Map<String, Class<? extends HasMetadata>> KINDS = Map.of(
      HasMetadata.getKind(KafkaConnect.class), KafkaConnect.class,
      HasMetadata.getKind(KafkaConnector.class), KafkaConnector.class);

  private final Map<String, JsonSchema> schemas = new java.util.HashMap<>();

  ResourceValidator() {
    JsonSchemaFactory factory = JsonSchemaFactory.getInstance(SpecVersion.VersionFlag.V4);
    for (Map.Entry<String, Class<? extends HasMetadata>> kind : KINDS.entrySet()) {
      ObjectNode schema = CrdFiles.committedSchema(kind.getValue()).deepCopy();
      ObjectNode properties = (ObjectNode) schema.get("properties");
      properties.putObject("apiVersion").put("type", "string").putArray("enum").add(ApiGroup.API_VERSION);
      properties.putObject("kind").put("type", "string");
      properties.putObject("metadata").put("type", "object");
      strict(schema);
      schemas.put(kind.getKey(), factory.getSchema(schema));
    }
  }

  static boolean isPatchbayKind(JsonNode document) {
    return KINDS.containsKey(document.path("kind").asText())
        && document.path("apiVersion").asText().startsWith(ApiGroup.GROUP + "/");
  }

  /** Every YAML document in the text. */
  static List<JsonNode> documents(String yaml) {
    try (MappingIterator<JsonNode> it = CrdFiles.YAML.readerFor(JsonNode.class).readValues(yaml)) {
      List<JsonNode> documents = new ArrayList<>();
      while (it.hasNext()) {
        JsonNode document = it.next();
        if (document != null && !document.isNull() && !document.isMissingNode()) {
          documents.add(document);
        }
      }
      return documents;
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  /** What the API server would reject in this KafkaConnect or KafkaConnector; empty when it is accepted. */
  List<String> problems(JsonNode document) {
    String kind = document.path("kind").asText();
    JsonSchema schema = schemas.get(kind);
    if (schema == null || !isPatchbayKind(document)) {
      return List.of("not a Patchbay resource: apiVersion " + document.path("apiVersion").asText() + ", kind " + kind);
    }
    List<String> problems = new ArrayList<>();
    for (ValidationMessage message : schema.validate(document)) {
      problems.add(message.getMessage());
    }
    if (!problems.isEmpty()) {
      return problems;
    }
    HasMetadata resource = Serialization.unmarshal(document.toString(), KINDS.get(kind));
    if (resource instanceof KafkaConnect connect) {
      problems.addAll(ApiRules.violations(connect));
    } else if (resource instanceof KafkaConnector connector) {
      problems.addAll(ApiRules.violations(connector));
    }
    return problems;
  }

  /** Adds additionalProperties: false to every object schema with fixed properties. */
  private static void strict(JsonNode schema) {
    if (schema instanceof ObjectNode object) {
      if (object.has("properties") && !object.has("additionalProperties")
          && !object.path("x-kubernetes-preserve-unknown-fields").asBoolean(false)) {
        object.put("additionalProperties", false);
      }
      object.forEach(ResourceValidator::strict);
    } else if (schema != null && schema.isArray()) {
      schema.forEach(ResourceValidator::strict);
    }
  }
}
