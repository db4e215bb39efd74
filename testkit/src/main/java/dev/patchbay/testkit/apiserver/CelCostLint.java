package dev.patchbay.testkit.apiserver;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Checks that a CRD's x-kubernetes-validations rules can be cost-bounded by a real API server and explain themselves:
 * <ol>
 *   <li>the node a rule sits on is bounded: a map has maxProperties (and, if the rule reads values, string values
 *       maxLength), an array maxItems
 *       (and string items maxLength), a string maxLength;</li>
 *   <li>on an object, every property a rule reads as {@code self.<prop>} (not only inside {@code has(self.<prop>)}) is
 *       bounded the same way if it is a string, array or map ({@code self.metadata.name} at the root is exempt:
 *       Kubernetes bounds it);</li>
 *   <li>every rule has a message (or messageExpression) of at least 20 characters that says what to do.</li>
 * </ol>
 * Without the bounds, the API server estimates each rule's cost from the largest possible request and rejects the
 * CRD (or the rule) once it exceeds the per-rule or per-CRD cost limit.
 */
public final class CelCostLint {

  private static final Pattern SELF_PROP = Pattern.compile("(?<![A-Za-z0-9_.])self\\.([A-Za-z_][A-Za-z0-9_]*)");
  private static final Pattern GUIDANCE = Pattern.compile("\\b(must|may not|may only|may be|use|set|should|only|"
      + "required|cannot|can't|not allowed|remove|add|change|choose|specify|delete|recreate|needs?|at most|at least)\\b");

  private CelCostLint() {}

  /** Human sentences, one per problem, each naming the schema's JSON path and the rule. Empty when clean. */
  public static List<String> problems(JsonNode crd) {
    List<String> problems = new ArrayList<>();
    JsonNode versions = crd.path("spec").path("versions");
    for (int i = 0; i < versions.size(); i++) {
      JsonNode schema = versions.get(i).path("schema").path("openAPIV3Schema");
      String base = "spec.versions[" + i + "].schema.openAPIV3Schema";
      CrdSchema.walk(schema, base, (path, node) -> check(path, node, path.equals(base), problems));
    }
    return problems;
  }

  private static void check(String path, JsonNode node, boolean root, List<String> problems) {
    JsonNode vals = node.get("x-kubernetes-validations");
    if (vals == null || !vals.isArray()) {
      return;
    }
    for (JsonNode v : vals) {
      String rule = v.path("rule").asText("");
      String quoted = "\"" + rule + "\"";
      // (a) the node itself
      String unbounded = unbounded(node, readsMapValues(rule));
      if (unbounded != null) {
        problems.add(path + " carries rule " + quoted + " but " + unbounded
            + ", so the API server cannot bound the rule's cost; declare it.");
      }
      // (b) properties the rule reads
      if ("object".equals(node.path("type").asText()) || node.has("properties")) {
        Matcher m = SELF_PROP.matcher(rule);
        Set<String> seen = new LinkedHashSet<>();
        while (m.find()) {
          seen.add(m.group(1));
        }
        for (String prop : seen) {
          if (root && prop.equals("metadata")) {
            continue;
          }
          JsonNode ps = node.path("properties").get(prop);
          if (ps == null || !readsBeyondHas(rule, prop)) {
            continue;
          }
          String propUnbounded = unbounded(ps, true);
          if (propUnbounded != null) {
            problems.add(path + ".properties." + prop + " is read by rule " + quoted + " on " + path + " but "
                + propUnbounded + ", so the API server cannot bound the rule's cost; declare it.");
          }
        }
      }
      // (c) the message
      String message = v.path("message").asText("").trim();
      String messageExpression = v.path("messageExpression").asText("").trim();
      if (message.isEmpty() && messageExpression.isEmpty()) {
        problems.add(path + " rule " + quoted + " has no message; add one that says what to do, so that users do not "
            + "see only \"failed rule: " + rule + "\".");
      } else if (messageExpression.isEmpty()) {
        if (message.length() < 20) {
          problems.add(path + " rule " + quoted + " has the message \"" + message + "\" of " + message.length()
              + " characters; write at least 20 that say what to do.");
        } else if (!GUIDANCE.matcher(message.toLowerCase(Locale.ROOT)).find()) {
          problems.add(path + " rule " + quoted + " has the message \"" + message + "\", which does not say what to "
              + "do (e.g. what must or may not be set); rephrase it.");
        }
      }
    }
  }

  /** Whether the rule reads self.prop somewhere other than as the argument of has(). */
  private static boolean readsBeyondHas(String rule, String prop) {
    String p = Pattern.quote(prop);
    int all = count(Pattern.compile("(?<![A-Za-z0-9_.])self\\." + p + "(?![A-Za-z0-9_])"), rule);
    int inHas = count(Pattern.compile("\\bhas\\(\\s*self\\." + p + "\\s*\\)"), rule);
    return all > inHas;
  }

  private static int count(Pattern p, String s) {
    Matcher m = p.matcher(s);
    int n = 0;
    while (m.find()) {
      n++;
    }
    return n;
  }

  /**
   * Whether a rule on a map reads its values ({@code self[k]}, {@code self.all(k, self[k] ...)}), not only its keys:
   * iterating the keys costs by {@code maxProperties} alone.
   */
  private static boolean readsMapValues(String rule) {
    return rule.contains("self[");
  }

  /**
   * What bound a string, array or map schema lacks, or null if it is bounded (or is none of those); a map's string
   * values need {@code maxLength} only when {@code values} are read.
   */
  private static String unbounded(JsonNode s, boolean values) {
    String type = s.path("type").asText("");
    JsonNode add = s.get("additionalProperties");
    List<String> missing = new ArrayList<>();
    String what;
    if ("object".equals(type) && add != null && add.isObject()) {
      what = "the map";
      if (!s.has("maxProperties")) {
        missing.add("maxProperties");
      }
      if (values && "string".equals(add.path("type").asText()) && !add.has("maxLength")) {
        missing.add("maxLength on its values (additionalProperties)");
      }
    } else if ("array".equals(type)) {
      what = "the array";
      if (!s.has("maxItems")) {
        missing.add("maxItems");
      }
      JsonNode items = s.path("items");
      if ("string".equals(items.path("type").asText()) && !items.has("maxLength")) {
        missing.add("maxLength on its items");
      }
    } else if ("string".equals(type)) {
      what = "the string";
      if (!s.has("maxLength")) {
        missing.add("maxLength");
      }
    } else {
      return null;
    }
    return missing.isEmpty() ? null : what + " has no " + String.join(" and no ", missing);
  }
}
