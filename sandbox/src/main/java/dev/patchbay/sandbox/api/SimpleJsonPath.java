package dev.patchbay.sandbox.api;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.MissingNode;
import java.util.ArrayList;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The subset of Kubernetes JSONPath that printer columns use: field steps ({@code .spec.replicas}), array indexes
 * ({@code .items[0]}) and equality filters ({@code .status.conditions[?(@.type=="Ready")].status}). The first match
 * wins, as in the API server's column rendering.
 */
final class SimpleJsonPath {

  private static final Pattern STEP = Pattern.compile(
      "\\.([^.\\[]+)|\\[\\?\\(@\\.([^=!<>]+)==[\"']([^\"']*)[\"']\\)]|\\[(\\d+)]|\\[\\*]");

  private SimpleJsonPath() {
  }

  /** Evaluates {@code path} on {@code root}; a missing node when nothing matches or the path is not understood. */
  static JsonNode first(JsonNode root, String path) {
    String p = path.trim();
    if (p.startsWith("{") && p.endsWith("}")) {
      p = p.substring(1, p.length() - 1);
    }
    if (p.startsWith("$")) {
      p = p.substring(1);
    }
    List<JsonNode> current = List.of(root);
    Matcher m = STEP.matcher(p);
    int pos = 0;
    while (pos < p.length()) {
      if (!m.find(pos) || m.start() != pos) {
        return MissingNode.getInstance();
      }
      current = step(current, m);
      pos = m.end();
    }
    return current.stream().filter(n -> !n.isMissingNode() && !n.isNull()).findFirst()
        .orElse(MissingNode.getInstance());
  }

  private static List<JsonNode> step(List<JsonNode> nodes, Matcher m) {
    List<JsonNode> next = new ArrayList<>();
    for (JsonNode node : nodes) {
      if (m.group(1) != null) {
        next.add(node.path(m.group(1)));
      } else if (m.group(2) != null) {
        for (JsonNode element : node) {
          if (element.path(m.group(2).trim()).asText().equals(m.group(3))) {
            next.add(element);
          }
        }
      } else if (m.group(4) != null) {
        next.add(node.path(Integer.parseInt(m.group(4))));
      } else {
        node.forEach(next::add);
      }
    }
    return next;
  }
}
