package dev.patchbay.operator.api;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.MappingIterator;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.patchbay.testkit.apiserver.Admission;
import dev.patchbay.testkit.apiserver.CrdSchema;
import dev.patchbay.testkit.apiserver.ObjectRules;
import dev.patchbay.testkit.apiserver.StrictApiServer;
import io.fabric8.kubernetes.api.model.HasMetadata;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.Map;

/**
 * Checks a Patchbay resource the way the API server does, with the test API server's own admission: the committed
 * CRD's structural schema and its CEL rules evaluated by a real CEL implementation ({@link CrdSchema}), and metadata
 * by Kubernetes' rules ({@link ObjectRules}). A field the schema does not declare, which a real server would prune
 * silently, is reported as a problem too: an example must not carry fields that vanish.
 */
final class ResourceValidator {

  private final Map<String, CrdSchema> schemas = new java.util.HashMap<>();

  ResourceValidator() {
    for (JsonNode crd : StrictApiServer.repoCrds()) {
      CrdSchema schema = CrdSchema.of(crd);
      schemas.put(schema.kind(), schema);
    }
  }

  static boolean isPatchbayKind(JsonNode document) {
    return (document.path("kind").asText().equals(HasMetadata.getKind(KafkaConnect.class))
        || document.path("kind").asText().equals(HasMetadata.getKind(KafkaConnector.class)))
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

  /** What the API server would reject (or silently drop) in this KafkaConnect or KafkaConnector; empty if none. */
  List<String> problems(JsonNode document) {
    String kind = document.path("kind").asText();
    CrdSchema schema = schemas.get(kind);
    if (schema == null || !isPatchbayKind(document)) {
      return List.of("not a Patchbay resource: apiVersion " + document.path("apiVersion").asText() + ", kind " + kind);
    }
    ObjectNode object = ((ObjectNode) document).deepCopy();
    object.remove("status");
    List<String> problems = new ArrayList<>();
    ObjectRules.check(schema.plural(), object).forEach(e -> problems.add(e.text()));
    Admission admission = schema.admit(object, null);
    admission.errors().forEach(e -> problems.add(e.text()));
    pruned("", object, admission.object(), problems);
    return problems;
  }

  /** Reports every field of {@code given} that the admitted object lost to pruning. */
  private static void pruned(String path, JsonNode given, JsonNode admitted, List<String> problems) {
    if (given.isObject()) {
      for (Iterator<Map.Entry<String, JsonNode>> it = given.fields(); it.hasNext(); ) {
        Map.Entry<String, JsonNode> e = it.next();
        String child = path.isEmpty() ? e.getKey() : path + "." + e.getKey();
        if (admitted == null || !admitted.has(e.getKey())) {
          if (!e.getValue().isNull()) {
            problems.add(child + ": unknown field (a real API server drops it silently)");
          }
        } else {
          pruned(child, e.getValue(), admitted.get(e.getKey()), problems);
        }
      }
    } else if (given.isArray() && admitted != null && admitted.isArray()) {
      for (int i = 0; i < given.size(); i++) {
        pruned(path + "[" + i + "]", given.get(i), admitted.get(i), problems);
      }
    }
  }
}
