package dev.patchbay.testkit.apiserver;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.cel.bundle.Cel;
import dev.cel.bundle.CelFactory;
import dev.cel.common.CelAbstractSyntaxTree;
import dev.cel.common.CelOptions;
import dev.cel.common.CelValidationResult;
import dev.cel.common.types.SimpleType;
import dev.cel.common.values.NullValue;
import dev.cel.extensions.CelExtensions;
import dev.cel.parser.CelStandardMacro;
import dev.cel.runtime.CelEvaluationException;
import dev.cel.runtime.CelRuntime;
import java.math.BigDecimal;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.IdentityHashMap;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.regex.Pattern;
import java.util.stream.Collectors;

/**
 * The structural schema of one custom resource kind (the storage version of an apiextensions.k8s.io/v1 CRD) and what
 * a real kube-apiserver (1.26–1.29 wording) does with a create or update of it: pruning, dropping non-nullable nulls,
 * defaulting, OpenAPI validation, list-type set/map checks and x-kubernetes-validations (CEL) rules.
 */
public final class CrdSchema {

  static final String REQUIRED = "FieldValueRequired";
  static final String NOT_SUPPORTED = "FieldValueNotSupported";
  static final String INVALID = "FieldValueInvalid";
  static final String TYPE_INVALID = "FieldValueTypeInvalid";
  static final String TOO_LONG = "FieldValueTooLong";
  static final String TOO_MANY = "FieldValueTooMany";
  static final String DUPLICATE = "FieldValueDuplicate";
  static final String FORBIDDEN = "FieldValueForbidden";

  private static final Pattern OLD_SELF = Pattern.compile("\\boldSelf\\b");
  private static final CelOptions CEL_OPTIONS =
      CelOptions.current().enableHeterogeneousNumericComparisons(true).build();
  private static final Cel CEL = CelFactory.standardCelBuilder()
      .setOptions(CEL_OPTIONS)
      .setStandardMacros(CelStandardMacro.STANDARD_MACROS)
      .addVar("self", SimpleType.DYN)
      .addVar("oldSelf", SimpleType.DYN)
      .addCompilerLibraries(CelExtensions.strings(), CelExtensions.sets(CEL_OPTIONS), CelExtensions.optional())
      .addRuntimeLibraries(CelExtensions.strings(), CelExtensions.sets(CEL_OPTIONS), CelExtensions.optional())
      .build();

  private final String group;
  private final String plural;
  private final String kind;
  private final String version;
  private final boolean namespaced;
  private final boolean status;
  private final JsonNode scale;
  private final JsonNode root;
  /** Compiled x-kubernetes-validations per schema node (by identity). */
  private final Map<JsonNode, List<Rule>> rules = new IdentityHashMap<>();

  private record Rule(String rule, String message, CelRuntime.Program program, CelRuntime.Program messageProgram,
                      boolean transition, String reason, String fieldPath) {}

  private CrdSchema(JsonNode crd) {
    JsonNode spec = crd.path("spec");
    group = spec.path("group").asText();
    plural = spec.path("names").path("plural").asText();
    kind = spec.path("names").path("kind").asText();
    namespaced = !"Cluster".equals(spec.path("scope").asText("Namespaced"));
    JsonNode storage = null;
    for (JsonNode v : spec.path("versions")) {
      if (v.path("storage").asBoolean(false) || spec.path("versions").size() == 1) {
        storage = v;
      }
    }
    if (storage == null) {
      throw new IllegalArgumentException("CRD " + crd.path("metadata").path("name").asText() + " has no storage version");
    }
    version = storage.path("name").asText();
    JsonNode sub = storage.path("subresources");
    status = sub.has("status");
    scale = sub.has("scale") ? sub.get("scale").deepCopy() : null;
    root = storage.path("schema").path("openAPIV3Schema").deepCopy();
    if (!root.isObject()) {
      throw new IllegalArgumentException("version " + version + " has no schema.openAPIV3Schema");
    }
    compile(root, "spec.validation.openAPIV3Schema");
  }

  /** From a CRD document (apiextensions.k8s.io/v1, Jackson tree) for its storage version. */
  public static CrdSchema of(JsonNode crd) {
    return new CrdSchema(crd);
  }

  public String group() {
    return group;
  }

  public String plural() {
    return plural;
  }

  public String kind() {
    return kind;
  }

  public String version() {
    return version;
  }

  public boolean namespaced() {
    return namespaced;
  }

  public boolean hasStatusSubresource() {
    return status;
  }

  /** The scale subresource's paths if declared (specReplicasPath etc.), else empty. */
  public Optional<JsonNode> scaleSubresource() {
    return Optional.ofNullable(scale).map(JsonNode::deepCopy);
  }

  /**
   * What a real API server does to a create/update of this kind before storing it: prune unknown fields, drop nulls of
   * non-nullable fields, apply schema defaults, validate against the structural schema, then evaluate every
   * x-kubernetes-validations rule with dev.cel (transition rules that use oldSelf only when oldObject has a value at
   * that path). Does not modify its arguments. oldObject is null on create.
   */
  public Admission admit(ObjectNode object, ObjectNode oldObject) {
    ObjectNode obj = object.deepCopy();
    prune(obj, root, true);
    dropNulls(obj, root);
    applyDefaults(obj, root);
    ObjectNode old = null;
    if (oldObject != null) {
      old = oldObject.deepCopy();
      dropNulls(old, root);
      applyDefaults(old, root);
    }
    List<FieldError> errors = new ArrayList<>();
    validate(obj, root, "", true, errors);
    validateLists(obj, root, "", errors);
    boolean blocked = errors.stream().map(FieldError::reason).anyMatch(r -> r.equals(NOT_SUPPORTED)
        || r.equals(REQUIRED) || r.equals(TOO_LONG) || r.equals(TOO_MANY) || r.equals(TYPE_INVALID));
    if (blocked && !rules.isEmpty()) {
      errors.add(new FieldError("", INVALID, "Invalid value: \"null\": some validation rules were not checked because "
          + "the object was invalid; correct the existing errors to complete validation"));
    } else if (!blocked) {
      evaluate(obj, old, root, "", true, errors);
    }
    return new Admission(obj, errors);
  }

  // ---------------------------------------------------------------------------------------------------- schema helpers

  private static String type(JsonNode s) {
    return s.path("type").asText("");
  }

  private static boolean flag(JsonNode s, String name) {
    return s.path(name).asBoolean(false);
  }

  /** The schema of a property of an object schema, or null if it is not declared. */
  private static JsonNode property(JsonNode s, String name) {
    JsonNode p = s.path("properties").get(name);
    return p != null && p.isObject() ? p : null;
  }

  /** additionalProperties as a schema, or null. */
  private static JsonNode additional(JsonNode s) {
    JsonNode a = s.get("additionalProperties");
    return a != null && a.isObject() ? a : null;
  }

  private static boolean isRootMeta(String name) {
    return name.equals("apiVersion") || name.equals("kind") || name.equals("metadata");
  }

  static String child(String path, String name) {
    return path.isEmpty() ? name : path + "." + name;
  }

  // ------------------------------------------------------------------------------------------------------- pruning

  private static void prune(JsonNode value, JsonNode s, boolean rootOrEmbedded) {
    if (s == null) {
      return;
    }
    if (value.isObject()) {
      JsonNode add = additional(s);
      boolean keepUnknown = flag(s, "x-kubernetes-preserve-unknown-fields") || s.path("additionalProperties").asBoolean(false);
      Iterator<Map.Entry<String, JsonNode>> it = value.fields();
      while (it.hasNext()) {
        Map.Entry<String, JsonNode> e = it.next();
        String name = e.getKey();
        if (rootOrEmbedded && isRootMeta(name)) {
          continue; // apiVersion, kind and metadata are kept (ObjectMeta is handled by its own code)
        }
        JsonNode ps = property(s, name);
        if (ps != null) {
          prune(e.getValue(), ps, flag(ps, "x-kubernetes-embedded-resource"));
        } else if (add != null) {
          prune(e.getValue(), add, flag(add, "x-kubernetes-embedded-resource"));
        } else if (!keepUnknown) {
          it.remove();
        }
      }
    } else if (value.isArray()) {
      JsonNode items = s.get("items");
      if (items != null && items.isObject()) {
        for (JsonNode v : value) {
          prune(v, items, flag(items, "x-kubernetes-embedded-resource"));
        }
      }
    }
  }

  // --------------------------------------------------------------------------------------------- nulls and defaults

  private static void dropNulls(JsonNode value, JsonNode s) {
    if (s == null) {
      return;
    }
    if (value.isObject()) {
      JsonNode add = additional(s);
      Iterator<Map.Entry<String, JsonNode>> it = value.fields();
      while (it.hasNext()) {
        Map.Entry<String, JsonNode> e = it.next();
        JsonNode ps = property(s, e.getKey());
        if (ps == null) {
          ps = add;
        }
        if (ps == null) {
          continue;
        }
        if (e.getValue().isNull()) {
          if (!flag(ps, "nullable") && !ps.has("default")) {
            it.remove();
          }
        } else {
          dropNulls(e.getValue(), ps);
        }
      }
    } else if (value.isArray()) {
      JsonNode items = s.get("items");
      if (items != null && items.isObject()) {
        for (JsonNode v : value) {
          dropNulls(v, items);
        }
      }
    }
  }

  private static void applyDefaults(JsonNode value, JsonNode s) {
    if (s == null) {
      return;
    }
    if (value.isObject()) {
      ObjectNode o = (ObjectNode) value;
      JsonNode props = s.path("properties");
      Iterator<Map.Entry<String, JsonNode>> pit = props.fields();
      while (pit.hasNext()) {
        Map.Entry<String, JsonNode> p = pit.next();
        JsonNode def = p.getValue().get("default");
        if (def == null) {
          continue;
        }
        JsonNode cur = o.get(p.getKey());
        if (cur == null || (cur.isNull() && !flag(p.getValue(), "nullable"))) {
          o.set(p.getKey(), def.deepCopy());
        }
      }
      JsonNode add = additional(s);
      o.fields().forEachRemaining(e -> {
        JsonNode ps = property(s, e.getKey());
        applyDefaults(e.getValue(), ps != null ? ps : add);
      });
    } else if (value.isArray()) {
      JsonNode items = s.get("items");
      if (items != null && items.isObject()) {
        for (JsonNode v : value) {
          applyDefaults(v, items);
        }
      }
    }
  }

  // --------------------------------------------------------------------------------------------- OpenAPI validation

  /** The JSON type kube-openapi names a value by. */
  private static String jsonType(JsonNode v) {
    if (v == null || v.isNull()) {
      return "null";
    }
    if (v.isTextual()) {
      return "string";
    }
    if (v.isIntegralNumber()) {
      return "integer";
    }
    if (v.isNumber()) {
      return "number";
    }
    if (v.isBoolean()) {
      return "boolean";
    }
    return v.isArray() ? "array" : "object";
  }

  private static boolean isInteger(JsonNode v) {
    if (v.isIntegralNumber()) {
      return true;
    }
    if (v.isNumber()) {
      double d = v.doubleValue();
      return !Double.isInfinite(d) && d == Math.rint(d);
    }
    return false;
  }

  private static boolean typeMatches(String t, JsonNode v) {
    return switch (t) {
      case "object" -> v.isObject();
      case "array" -> v.isArray();
      case "string" -> v.isTextual();
      case "integer" -> isInteger(v);
      case "number" -> v.isNumber();
      case "boolean" -> v.isBoolean();
      default -> true;
    };
  }

  private static void err(List<FieldError> errors, String path, String reason, String body) {
    errors.add(new FieldError(path, reason, body));
  }

  private static void validate(JsonNode v, JsonNode s, String path, boolean rootOrEmbedded, List<FieldError> errors) {
    if (s == null) {
      return;
    }
    String name = path.isEmpty() ? "" : path;
    if (v.isNull()) {
      if (flag(s, "nullable") || type(s).isEmpty()) {
        return;
      }
      err(errors, path, TYPE_INVALID, "Invalid value: \"null\": " + name + " in body must be of type " + type(s)
          + ": \"null\"");
      return;
    }
    if (flag(s, "x-kubernetes-int-or-string")) {
      if (!(v.isTextual() || isInteger(v))) {
        err(errors, path, TYPE_INVALID, "Invalid value: " + GoFormat.quote(jsonType(v)) + ": " + name
            + " in body must be of type integer or string: " + GoFormat.quote(jsonType(v)));
        return;
      }
    } else if (!type(s).isEmpty() && !typeMatches(type(s), v)) {
      err(errors, path, TYPE_INVALID, "Invalid value: " + GoFormat.quote(jsonType(v)) + ": " + name
          + " in body must be of type " + type(s) + ": " + GoFormat.quote(jsonType(v)));
      return;
    }
    JsonNode en = s.get("enum");
    if (en != null && en.isArray()) {
      boolean found = false;
      for (JsonNode e : en) {
        found |= jsonEquals(e, v);
      }
      if (!found) {
        List<String> allowed = new ArrayList<>();
        for (JsonNode e : en) {
          allowed.add(GoFormat.quote(e.isTextual() ? e.asText() : e.toString()));
        }
        err(errors, path, NOT_SUPPORTED, "Unsupported value: " + GoFormat.value(v)
            + (allowed.isEmpty() ? "" : ": supported values: " + String.join(", ", allowed)));
      }
    }
    if (v.isTextual()) {
      String str = v.asText();
      int len = str.codePointCount(0, str.length());
      if (s.has("maxLength") && len > s.get("maxLength").asLong()) {
        err(errors, path, TOO_LONG, "Too long: may not be longer than " + s.get("maxLength").asLong());
      }
      if (s.has("minLength") && len < s.get("minLength").asLong()) {
        err(errors, path, INVALID, "Invalid value: " + GoFormat.value(v) + ": " + name + " in body should be at least "
            + s.get("minLength").asLong() + " chars long");
      }
      if (s.has("pattern") && !Pattern.compile(s.get("pattern").asText()).matcher(str).find()) {
        err(errors, path, INVALID, "Invalid value: " + GoFormat.value(v) + ": " + name + " in body should match '"
            + s.get("pattern").asText() + "'");
      }
    }
    if (v.isNumber()) {
      numberChecks(v, s, path, name, errors);
    }
    if (v.isArray()) {
      if (s.has("maxItems") && v.size() > s.get("maxItems").asLong()) {
        err(errors, path, TOO_MANY, "Too many: " + v.size() + ": must have at most " + s.get("maxItems").asLong()
            + " items");
      }
      if (s.has("minItems") && v.size() < s.get("minItems").asLong()) {
        err(errors, path, INVALID, "Invalid value: " + v.size() + ": " + name + " in body should have at least "
            + s.get("minItems").asLong() + " items");
      }
      JsonNode items = s.get("items");
      if (items != null && items.isObject()) {
        for (int i = 0; i < v.size(); i++) {
          validate(v.get(i), items, path + "[" + i + "]", flag(items, "x-kubernetes-embedded-resource"), errors);
        }
      }
    }
    if (v.isObject()) {
      for (JsonNode r : s.path("required")) {
        if (!v.has(r.asText())) {
          err(errors, child(path, r.asText()), REQUIRED, "Required value");
        }
      }
      if (s.has("maxProperties") && v.size() > s.get("maxProperties").asLong()) {
        err(errors, path, TOO_MANY, "Too many: " + v.size() + ": must have at most " + s.get("maxProperties").asLong()
            + " items");
      }
      if (s.has("minProperties") && v.size() < s.get("minProperties").asLong()) {
        err(errors, path, INVALID, "Invalid value: " + v.size() + ": " + name + " in body should have at least "
            + s.get("minProperties").asLong() + " properties");
      }
      JsonNode add = additional(s);
      Iterator<Map.Entry<String, JsonNode>> it = v.fields();
      while (it.hasNext()) {
        Map.Entry<String, JsonNode> e = it.next();
        if (rootOrEmbedded && isRootMeta(e.getKey())) {
          if (!e.getKey().equals("metadata")) {
            validate(e.getValue(), property(s, e.getKey()), child(path, e.getKey()), false, errors);
          }
          continue; // metadata is validated elsewhere
        }
        JsonNode ps = property(s, e.getKey());
        if (ps != null) {
          validate(e.getValue(), ps, child(path, e.getKey()), flag(ps, "x-kubernetes-embedded-resource"), errors);
        } else if (add != null) {
          validate(e.getValue(), add, path + "[" + e.getKey() + "]", flag(add, "x-kubernetes-embedded-resource"),
              errors);
        }
      }
    }
  }

  private static void numberChecks(JsonNode v, JsonNode s, String path, String name, List<FieldError> errors) {
    boolean integral = v.isIntegralNumber();
    BigDecimal val = v.decimalValue();
    String shown = GoFormat.value(v);
    JsonNode min = s.get("minimum");
    if (min != null && min.isNumber()) {
      boolean excl = flag(s, "exclusiveMinimum");
      BigDecimal m = integral ? BigDecimal.valueOf(min.decimalValue().longValue()) : min.decimalValue();
      int c = val.compareTo(m);
      if (excl ? c <= 0 : c < 0) {
        err(errors, path, INVALID, "Invalid value: " + shown + ": " + name + " in body should be greater than "
            + (excl ? "" : "or equal to ") + limit(min, integral));
      }
    }
    JsonNode max = s.get("maximum");
    if (max != null && max.isNumber()) {
      boolean excl = flag(s, "exclusiveMaximum");
      BigDecimal m = integral ? BigDecimal.valueOf(max.decimalValue().longValue()) : max.decimalValue();
      int c = val.compareTo(m);
      if (excl ? c >= 0 : c > 0) {
        err(errors, path, INVALID, "Invalid value: " + shown + ": " + name + " in body should be less than "
            + (excl ? "" : "or equal to ") + limit(max, integral));
      }
    }
    JsonNode mult = s.get("multipleOf");
    if (mult != null && mult.isNumber() && mult.decimalValue().signum() != 0
        && val.remainder(mult.decimalValue()).signum() != 0) {
      err(errors, path, INVALID, "Invalid value: " + shown + ": " + name + " in body should be a multiple of "
          + limit(mult, integral));
    }
  }

  /** kube-openapi prints a limit as int64 when the value is an integer, else as float64. */
  private static String limit(JsonNode limit, boolean integral) {
    return integral ? Long.toString(limit.decimalValue().longValue()) : GoFormat.float64(limit.doubleValue());
  }

  /** Equality of two JSON values with numbers compared by value (1 == 1.0). */
  static boolean jsonEquals(JsonNode a, JsonNode b) {
    if (a.isNumber() && b.isNumber()) {
      return a.decimalValue().compareTo(b.decimalValue()) == 0;
    }
    if (a.isObject() && b.isObject()) {
      if (a.size() != b.size()) {
        return false;
      }
      Iterator<Map.Entry<String, JsonNode>> it = a.fields();
      while (it.hasNext()) {
        Map.Entry<String, JsonNode> e = it.next();
        JsonNode o = b.get(e.getKey());
        if (o == null || !jsonEquals(e.getValue(), o)) {
          return false;
        }
      }
      return true;
    }
    if (a.isArray() && b.isArray()) {
      if (a.size() != b.size()) {
        return false;
      }
      for (int i = 0; i < a.size(); i++) {
        if (!jsonEquals(a.get(i), b.get(i))) {
          return false;
        }
      }
      return true;
    }
    return a.equals(b);
  }

  // --------------------------------------------------------------------------------------- list-type set and map

  private static void validateLists(JsonNode v, JsonNode s, String path, List<FieldError> errors) {
    if (s == null || v == null) {
      return;
    }
    if (v.isArray()) {
      JsonNode items = s.get("items");
      String listType = s.path("x-kubernetes-list-type").asText("");
      if (listType.equals("set")) {
        for (int i = 0; i < v.size(); i++) {
          for (int j = 0; j < i; j++) {
            if (jsonEquals(v.get(i), v.get(j))) {
              err(errors, path + "[" + i + "]", DUPLICATE, "Duplicate value: " + GoFormat.value(v.get(i)));
              break;
            }
          }
        }
      } else if (listType.equals("map")) {
        List<String> keys = new ArrayList<>();
        s.path("x-kubernetes-list-map-keys").forEach(k -> keys.add(k.asText()));
        List<ObjectNode> seen = new ArrayList<>();
        for (int i = 0; i < v.size(); i++) {
          if (!v.get(i).isObject()) {
            continue;
          }
          ObjectNode key = mapKey(v.get(i), keys, items);
          boolean dup = seen.stream().anyMatch(k -> jsonEquals(k, key));
          if (dup) {
            err(errors, path + "[" + i + "]", DUPLICATE, "Duplicate value: " + GoFormat.goSharpV(key));
          } else {
            seen.add(key);
          }
        }
      }
      if (items != null && items.isObject()) {
        for (int i = 0; i < v.size(); i++) {
          validateLists(v.get(i), items, path + "[" + i + "]", errors);
        }
      }
    } else if (v.isObject()) {
      JsonNode add = additional(s);
      v.fields().forEachRemaining(e -> {
        JsonNode ps = property(s, e.getKey());
        if (ps != null) {
          validateLists(e.getValue(), ps, child(path, e.getKey()), errors);
        } else if (add != null) {
          validateLists(e.getValue(), add, path + "[" + e.getKey() + "]", errors);
        }
      });
    }
  }

  private static ObjectNode mapKey(JsonNode item, List<String> keys, JsonNode items) {
    ObjectNode key = JsonNodeFactory.instance.objectNode();
    for (String k : keys) {
      JsonNode kv = item.get(k);
      if (kv == null && items != null) {
        JsonNode ps = property(items, k);
        kv = ps == null ? null : ps.get("default");
      }
      if (kv != null) {
        key.set(k, kv);
      }
    }
    return key;
  }

  // ---------------------------------------------------------------------------------------------------------- CEL

  private void compile(JsonNode s, String schemaPath) {
    JsonNode vals = s.get("x-kubernetes-validations");
    if (vals != null && vals.isArray()) {
      List<Rule> compiled = new ArrayList<>();
      for (int i = 0; i < vals.size(); i++) {
        JsonNode r = vals.get(i);
        String at = schemaPath + ".x-kubernetes-validations[" + i + "]";
        String rule = r.path("rule").asText("");
        CelRuntime.Program program = compileExpr(rule, at + ".rule", true);
        CelRuntime.Program msg = null;
        if (r.hasNonNull("messageExpression")) {
          msg = compileExpr(r.get("messageExpression").asText(), at + ".messageExpression", false);
        }
        compiled.add(new Rule(rule, r.path("message").asText(""), program, msg, OLD_SELF.matcher(rule).find(),
            r.path("reason").asText(""), r.path("fieldPath").asText("")));
      }
      rules.put(s, compiled);
    }
    s.path("properties").fields().forEachRemaining(e ->
        compile(e.getValue(), schemaPath + ".properties[" + e.getKey() + "]"));
    JsonNode add = additional(s);
    if (add != null) {
      compile(add, schemaPath + ".additionalProperties");
    }
    JsonNode items = s.get("items");
    if (items != null && items.isObject()) {
      compile(items, schemaPath + ".items");
    }
  }

  private static CelRuntime.Program compileExpr(String expr, String at, boolean rule) {
    CelValidationResult result = CEL.compile(expr);
    if (result.hasError()) {
      throw new IllegalArgumentException(at + ": Invalid value: " + GoFormat.quote(expr) + ": compilation failed: "
          + result.getErrorString());
    }
    try {
      CelAbstractSyntaxTree ast = result.getAst();
      String want = rule ? "bool" : "string";
      String got = ast.getResultType().name();
      if (!got.equals(want) && !got.equals("dyn")) {
        throw new IllegalArgumentException(at + ": Invalid value: " + GoFormat.quote(expr) + ": "
            + (rule ? "must evaluate to a bool" : "must evaluate to a string") + ", not " + got);
      }
      return CEL.createProgram(ast);
    } catch (dev.cel.common.CelValidationException | CelEvaluationException e) {
      throw new IllegalArgumentException(at + ": Invalid value: " + GoFormat.quote(expr) + ": compilation failed: "
          + e.getMessage(), e);
    }
  }

  private void evaluate(JsonNode v, JsonNode old, JsonNode s, String path, boolean rootOrEmbedded,
                        List<FieldError> errors) {
    if (s == null || v == null || v.isNull()) {
      return;
    }
    List<Rule> here = rules.get(s);
    if (here != null) {
      Object self = toCel(v, rootOrEmbedded);
      Object oldSelf = old == null || old.isNull() ? null : toCel(old, rootOrEmbedded);
      for (Rule r : here) {
        if (r.transition() && oldSelf == null) {
          continue;
        }
        Map<String, Object> vars = new HashMap<>();
        vars.put("self", self);
        if (oldSelf != null) {
          vars.put("oldSelf", oldSelf);
        }
        String errPath = r.fieldPath().isEmpty() ? path : joinFieldPath(path, r.fieldPath());
        String typeName = type(s);
        Object result;
        try {
          result = r.program().eval(vars);
        } catch (CelEvaluationException e) {
          err(errors, path, INVALID, "Invalid value: " + GoFormat.quote(typeName) + ": "
              + evalError(e, r.rule().trim()));
          continue;
        }
        if (!(result instanceof Boolean)) {
          err(errors, path, INVALID, "Invalid value: " + GoFormat.quote(typeName) + ": rule did not evaluate to a bool"
              + " evaluating rule: " + r.rule().trim());
          continue;
        }
        if ((Boolean) result) {
          continue;
        }
        String message = r.message().isEmpty() ? "failed rule: " + r.rule().trim() : r.message();
        if (r.messageProgram() != null) {
          try {
            Object m = r.messageProgram().eval(vars);
            if (m instanceof String str && !str.isBlank() && !str.contains("\n")) {
              message = str;
            }
          } catch (CelEvaluationException e) {
            // the server falls back to message (or the default) when messageExpression fails
          }
        }
        switch (r.reason()) {
          case FORBIDDEN -> err(errors, errPath, FORBIDDEN, "Forbidden: " + message);
          case REQUIRED -> err(errors, errPath, REQUIRED, "Required value: " + message);
          case DUPLICATE -> err(errors, errPath, DUPLICATE, "Duplicate value: " + GoFormat.quote(typeName));
          default -> err(errors, errPath, INVALID, "Invalid value: " + GoFormat.quote(typeName) + ": " + message);
        }
      }
    }
    if (v.isObject()) {
      JsonNode add = additional(s);
      v.fields().forEachRemaining(e -> {
        if (rootOrEmbedded && isRootMeta(e.getKey())) {
          return;
        }
        JsonNode oldChild = old != null && old.isObject() ? old.get(e.getKey()) : null;
        JsonNode ps = property(s, e.getKey());
        if (ps != null) {
          evaluate(e.getValue(), oldChild, ps, child(path, e.getKey()), flag(ps, "x-kubernetes-embedded-resource"),
              errors);
        } else if (add != null) {
          evaluate(e.getValue(), oldChild, add, path + "[" + e.getKey() + "]",
              flag(add, "x-kubernetes-embedded-resource"), errors);
        }
      });
    } else if (v.isArray()) {
      JsonNode items = s.get("items");
      if (items == null || !items.isObject()) {
        return;
      }
      boolean mapList = "map".equals(s.path("x-kubernetes-list-type").asText(""));
      List<String> keys = new ArrayList<>();
      s.path("x-kubernetes-list-map-keys").forEach(k -> keys.add(k.asText()));
      for (int i = 0; i < v.size(); i++) {
        JsonNode oldItem = null;
        if (mapList && old != null && old.isArray() && v.get(i).isObject()) {
          ObjectNode key = mapKey(v.get(i), keys, items);
          for (JsonNode o : old) {
            if (o.isObject() && jsonEquals(mapKey(o, keys, items), key)) {
              oldItem = o;
              break;
            }
          }
        }
        evaluate(v.get(i), oldItem, items, path + "[" + i + "]", flag(items, "x-kubernetes-embedded-resource"), errors);
      }
    }
  }

  private static String joinFieldPath(String path, String fieldPath) {
    String fp = fieldPath.startsWith(".") ? fieldPath.substring(1) : fieldPath;
    if (fp.startsWith("[")) {
      return path + fp;
    }
    return child(path, fp);
  }

  /**
   * What the server says about a rule whose evaluation failed, with dev.cel's errors in cel-go's words where they
   * differ ("no such key: x", "no such overload").
   */
  private static String evalError(CelEvaluationException e, String rule) {
    for (Throwable t = e; t != null; t = t.getCause()) {
      String msg = String.valueOf(t.getMessage());
      var noKey = Pattern.compile("key '(.*)' is not present in map").matcher(msg);
      if (noKey.find()) {
        return "no such key: " + noKey.group(1) + " evaluating rule: " + rule;
      }
      if (t.getClass().getSimpleName().equals("CelAttributeNotFoundException")) {
        return "no such key: " + msg + " evaluating rule: " + rule;
      }
      if (msg.contains("No matching overload")) {
        return "'no such overload': call arguments did not match a supported operator, function or macro signature "
            + "for rule: " + rule;
      }
    }
    return String.valueOf(e.getMessage()).replaceFirst("^evaluation error(?: at [^:]*:\\d+)?: ", "")
        + " evaluating rule: " + rule;
  }

  /** The value as CEL sees it: objects become maps, arrays lists, integers Long, floats Double, null NullValue. */
  static Object toCel(JsonNode v, boolean trimMetadata) {
    if (v == null || v.isNull() || v.isMissingNode()) {
      return NullValue.NULL_VALUE;
    }
    if (v.isObject()) {
      Map<String, Object> m = new LinkedHashMap<>();
      v.fields().forEachRemaining(e -> {
        if (trimMetadata && e.getKey().equals("metadata") && e.getValue().isObject()) {
          Map<String, Object> meta = new LinkedHashMap<>();
          for (String k : List.of("name", "generateName")) {
            if (e.getValue().has(k)) {
              meta.put(k, toCel(e.getValue().get(k), false));
            }
          }
          m.put("metadata", meta);
        } else {
          m.put(e.getKey(), toCel(e.getValue(), false));
        }
      });
      return m;
    }
    if (v.isArray()) {
      List<Object> l = new ArrayList<>(v.size());
      for (JsonNode e : v) {
        l.add(toCel(e, false));
      }
      return l;
    }
    if (v.isIntegralNumber()) {
      return v.longValue();
    }
    if (v.isNumber()) {
      return v.doubleValue();
    }
    if (v.isBoolean()) {
      return v.booleanValue();
    }
    return v.asText();
  }

  @Override
  public String toString() {
    return "CrdSchema[" + plural + "." + group + "/" + version + " rules=" + rules.values().stream()
        .flatMap(List::stream).map(Rule::rule).collect(Collectors.joining("; ")) + "]";
  }

  /** Every x-kubernetes-validations schema node with its JSON path, for {@link CelCostLint}. */
  static void walk(JsonNode s, String path, java.util.function.BiConsumer<String, JsonNode> visit) {
    if (s == null || !s.isObject()) {
      return;
    }
    visit.accept(path, s);
    s.path("properties").fields().forEachRemaining(e -> walk(e.getValue(), path + ".properties." + e.getKey(), visit));
    JsonNode add = additional(s);
    if (add != null) {
      walk(add, path + ".additionalProperties", visit);
    }
    JsonNode items = s.get("items");
    if (items != null && items.isObject()) {
      walk(items, path + ".items", visit);
    }
  }
}
