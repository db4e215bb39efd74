package dev.patchbay.testkit.apiserver;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.List;

/** PLACEHOLDER until the schema branch lands. */
public final class CelCostLint {
  private CelCostLint() {
  }

  public static List<String> problems(JsonNode crd) {
    return List.of();
  }
}
