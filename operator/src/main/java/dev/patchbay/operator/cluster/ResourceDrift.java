package dev.patchbay.operator.cluster;

import com.fasterxml.jackson.databind.JsonNode;
import io.fabric8.kubernetes.api.model.ConfigMap;
import io.fabric8.kubernetes.api.model.HasMetadata;
import io.fabric8.kubernetes.api.model.ObjectMeta;
import io.fabric8.kubernetes.api.model.OwnerReference;
import io.fabric8.kubernetes.api.model.Quantity;
import io.fabric8.kubernetes.client.utils.Serialization;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import java.util.Objects;

/**
 * Decides whether a live object still matches the desired one, looking only at what Patchbay sets: our labels,
 * annotations and owner reference, and every field of the desired spec (a ConfigMap's data exactly). Fields the API
 * server fills in (defaults, status, uid, resourceVersion...) are ignored, so a freshly read object matches; a field
 * someone edited by hand does not, and is put back.
 */
public final class ResourceDrift {

  private ResourceDrift() {
  }

  public static boolean matches(HasMetadata desired, HasMetadata live) {
    if (!metadataMatches(desired.getMetadata(), live.getMetadata())) {
      return false;
    }
    if (desired instanceof ConfigMap desiredConfigMap && live instanceof ConfigMap liveConfigMap) {
      return Objects.equals(orEmpty(desiredConfigMap.getData()), orEmpty(liveConfigMap.getData()));
    }
    JsonNode desiredTree = Serialization.jsonMapper().valueToTree(desired);
    JsonNode liveTree = Serialization.jsonMapper().valueToTree(live);
    return isSubset(desiredTree.get("spec"), liveTree.get("spec"), "spec");
  }

  static boolean metadataMatches(ObjectMeta desired, ObjectMeta live) {
    return containsAll(live.getLabels(), desired.getLabels())
        && containsAll(live.getAnnotations(), desired.getAnnotations())
        && orEmpty(desired.getOwnerReferences()).stream().allMatch(ref -> hasOwnerReference(live, ref));
  }

  private static boolean hasOwnerReference(ObjectMeta live, OwnerReference wanted) {
    return orEmpty(live.getOwnerReferences()).stream().anyMatch(ref -> Objects.equals(ref.getUid(), wanted.getUid())
        && Objects.equals(ref.getKind(), wanted.getKind())
        && Objects.equals(ref.getApiVersion(), wanted.getApiVersion())
        && Objects.equals(ref.getController(), wanted.getController()));
  }

  /**
   * True when every field set in {@code desired} has the same value in {@code live}. Arrays must have the same
   * length and match element by element. A desired zero value (false, 0, "", {}, []) matches an absent live field,
   * because the API server drops omitempty fields. Resource quantities compare by amount ("1000m" equals "1").
   */
  static boolean isSubset(JsonNode desired, JsonNode live, String path) {
    if (desired == null || desired.isNull() || desired.isMissingNode()) {
      return true;
    }
    if (live == null || live.isNull() || live.isMissingNode()) {
      return isZero(desired);
    }
    if (desired.isObject()) {
      if (!live.isObject()) {
        return false;
      }
      Iterator<Map.Entry<String, JsonNode>> fields = desired.fields();
      while (fields.hasNext()) {
        Map.Entry<String, JsonNode> field = fields.next();
        if (!isSubset(field.getValue(), live.get(field.getKey()), path + "." + field.getKey())) {
          return false;
        }
      }
      return true;
    }
    if (desired.isArray()) {
      if (!live.isArray() || live.size() != desired.size()) {
        return false;
      }
      for (int i = 0; i < desired.size(); i++) {
        if (!isSubset(desired.get(i), live.get(i), path + "[" + i + "]")) {
          return false;
        }
      }
      return true;
    }
    return scalarEquals(desired, live, path);
  }

  private static boolean scalarEquals(JsonNode desired, JsonNode live, String path) {
    if (desired.isNumber() && live.isNumber()) {
      return desired.decimalValue().compareTo(live.decimalValue()) == 0;
    }
    if (isQuantityPath(path) && (desired.isValueNode() && live.isValueNode())) {
      try {
        return Quantity.getAmountInBytes(new Quantity(desired.asText()))
            .compareTo(Quantity.getAmountInBytes(new Quantity(live.asText()))) == 0;
      } catch (IllegalArgumentException e) {
        return desired.asText().equals(live.asText());
      }
    }
    return desired.equals(live);
  }

  private static boolean isQuantityPath(String path) {
    return path.contains(".limits.") || path.contains(".requests.");
  }

  private static boolean isZero(JsonNode node) {
    if (node.isBoolean()) {
      return !node.booleanValue();
    }
    if (node.isNumber()) {
      return node.decimalValue().signum() == 0;
    }
    if (node.isTextual()) {
      return node.textValue().isEmpty();
    }
    return node.isContainerNode() && node.isEmpty();
  }

  private static boolean containsAll(Map<String, String> live, Map<String, String> desired) {
    return orEmpty(live).entrySet().containsAll(orEmpty(desired).entrySet());
  }

  private static <K, V> Map<K, V> orEmpty(Map<K, V> map) {
    return map == null ? Map.of() : map;
  }

  private static <T> List<T> orEmpty(List<T> list) {
    return list == null ? List.of() : list;
  }
}
