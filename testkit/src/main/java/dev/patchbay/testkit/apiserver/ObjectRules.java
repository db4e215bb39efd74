package dev.patchbay.testkit.apiserver;

import com.fasterxml.jackson.databind.JsonNode;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.regex.Pattern;

/**
 * The checks kube-apiserver makes of every object's metadata, with its wording: names (DNS-1123 subdomain, or label
 * for the kinds that need one, DNS-1035 label for Services), label keys and values, annotation keys and their total
 * size.
 */
public final class ObjectRules {

  private static final String DNS1123_LABEL = "[a-z0-9]([-a-z0-9]*[a-z0-9])?";
  private static final Pattern DNS1123_LABEL_RE = Pattern.compile(DNS1123_LABEL);
  private static final Pattern DNS1123_SUBDOMAIN_RE =
      Pattern.compile(DNS1123_LABEL + "(\\." + DNS1123_LABEL + ")*");
  private static final String DNS1035_LABEL = "[a-z]([-a-z0-9]*[a-z0-9])?";
  private static final Pattern DNS1035_LABEL_RE = Pattern.compile(DNS1035_LABEL);
  private static final String LABEL_VALUE = "(([A-Za-z0-9][-A-Za-z0-9_.]*)?[A-Za-z0-9])?";
  private static final Pattern LABEL_VALUE_RE = Pattern.compile(LABEL_VALUE);
  private static final String QUALIFIED_NAME = "([A-Za-z0-9][-A-Za-z0-9_.]*)?[A-Za-z0-9]";
  private static final Pattern QUALIFIED_NAME_RE = Pattern.compile(QUALIFIED_NAME);
  private static final int TOTAL_ANNOTATION_SIZE = 256 * 1024;

  /** Kinds (by plural) whose names must be DNS-1123 labels rather than subdomains. */
  private static final Set<String> LABEL_NAMED = Set.of("namespaces");
  /** Kinds (by plural) whose names must be DNS-1035 labels. */
  private static final Set<String> DNS1035_NAMED = Set.of("services");

  private ObjectRules() {
  }

  /** Problems with {@code object}'s metadata, for a resource of {@code plural}. */
  public static List<FieldError> check(String plural, JsonNode object) {
    List<FieldError> errors = new ArrayList<>();
    JsonNode meta = object.path("metadata");
    String name = meta.path("name").asText("");
    if (!name.isEmpty()) {
      errors.addAll(name(plural, name));
    }
    labels(meta.path("labels"), errors);
    annotations(meta.path("annotations"), errors);
    return errors;
  }

  static List<FieldError> name(String plural, String name) {
    if (DNS1035_NAMED.contains(plural)) {
      return dns1035Label("metadata.name", name);
    }
    if (LABEL_NAMED.contains(plural)) {
      return dns1123Label("metadata.name", name);
    }
    return dns1123Subdomain("metadata.name", name);
  }

  static List<FieldError> dns1123Subdomain(String field, String value) {
    List<FieldError> errors = new ArrayList<>();
    if (value.length() > 253) {
      errors.add(invalid(field, value, "must be no more than 253 characters"));
    }
    if (!DNS1123_SUBDOMAIN_RE.matcher(value).matches()) {
      errors.add(invalid(field, value, "a lowercase RFC 1123 subdomain must consist of lower case alphanumeric "
          + "characters, '-' or '.', and must start and end with an alphanumeric character (e.g. 'example.com', "
          + "regex used for validation is '" + DNS1123_LABEL + "(\\." + DNS1123_LABEL + ")*')"));
    }
    return errors;
  }

  static List<FieldError> dns1123Label(String field, String value) {
    List<FieldError> errors = new ArrayList<>();
    if (value.length() > 63) {
      errors.add(invalid(field, value, "must be no more than 63 characters"));
    }
    if (!DNS1123_LABEL_RE.matcher(value).matches()) {
      errors.add(invalid(field, value, "a lowercase RFC 1123 label must consist of lower case alphanumeric "
          + "characters or '-', and must start and end with an alphanumeric character (e.g. 'my-name',  or "
          + "'123-abc', regex used for validation is '" + DNS1123_LABEL + "')"));
    }
    return errors;
  }

  static List<FieldError> dns1035Label(String field, String value) {
    List<FieldError> errors = new ArrayList<>();
    if (value.length() > 63) {
      errors.add(invalid(field, value, "must be no more than 63 characters"));
    }
    if (!DNS1035_LABEL_RE.matcher(value).matches()) {
      errors.add(invalid(field, value, "a DNS-1035 label must consist of lower case alphanumeric characters or "
          + "'-', start with an alphabetic character, and end with an alphanumeric character (e.g. 'my-name',  or "
          + "'abc-123', regex used for validation is '" + DNS1035_LABEL + "')"));
    }
    return errors;
  }

  private static void labels(JsonNode labels, List<FieldError> errors) {
    for (Iterator<Map.Entry<String, JsonNode>> it = labels.fields(); it.hasNext(); ) {
      Map.Entry<String, JsonNode> e = it.next();
      qualifiedName("metadata.labels", e.getKey(), errors);
      String value = e.getValue().asText("");
      if (value.length() > 63) {
        errors.add(invalid("metadata.labels", value, "must be no more than 63 characters"));
      }
      if (!LABEL_VALUE_RE.matcher(value).matches()) {
        errors.add(invalid("metadata.labels", value, "a valid label must be an empty string or consist of "
            + "alphanumeric characters, '-', '_' or '.', and must start and end with an alphanumeric character "
            + "(e.g. 'MyValue',  or 'my_value',  or '12345', regex used for validation is '" + LABEL_VALUE + "')"));
      }
    }
  }

  private static void annotations(JsonNode annotations, List<FieldError> errors) {
    long size = 0;
    for (Iterator<Map.Entry<String, JsonNode>> it = annotations.fields(); it.hasNext(); ) {
      Map.Entry<String, JsonNode> e = it.next();
      qualifiedName("metadata.annotations", e.getKey(), errors);
      size += e.getKey().getBytes(StandardCharsets.UTF_8).length
          + e.getValue().asText("").getBytes(StandardCharsets.UTF_8).length;
    }
    if (size > TOTAL_ANNOTATION_SIZE) {
      errors.add(new FieldError("metadata.annotations", "FieldValueTooLong",
          "Too long: must have at most " + TOTAL_ANNOTATION_SIZE + " bytes"));
    }
  }

  /** A label or annotation key: an optional DNS-1123 subdomain prefix and '/', then a name of at most 63 chars. */
  private static void qualifiedName(String field, String key, List<FieldError> errors) {
    int slash = key.indexOf('/');
    String prefix = slash >= 0 ? key.substring(0, slash) : null;
    String name = slash >= 0 ? key.substring(slash + 1) : key;
    if (prefix != null) {
      if (prefix.isEmpty()) {
        errors.add(invalid(field, key, "prefix part must be non-empty"));
      } else if (prefix.length() > 253 || !DNS1123_SUBDOMAIN_RE.matcher(prefix).matches()) {
        errors.add(invalid(field, key, "prefix part a lowercase RFC 1123 subdomain must consist of lower case "
            + "alphanumeric characters, '-' or '.', and must start and end with an alphanumeric character"));
      }
    }
    if (name.isEmpty()) {
      errors.add(invalid(field, key, "name part must be non-empty"));
    } else {
      if (name.length() > 63) {
        errors.add(invalid(field, key, "name part must be no more than 63 characters"));
      }
      if (!QUALIFIED_NAME_RE.matcher(name).matches()) {
        errors.add(invalid(field, key, "name part must consist of alphanumeric characters, '-', '_' or '.', and "
            + "must start and end with an alphanumeric character (e.g. 'MyName',  or 'my.name',  or '123-abc', "
            + "regex used for validation is '" + QUALIFIED_NAME + "')"));
      }
    }
  }

  private static FieldError invalid(String field, String value, String detail) {
    return new FieldError(field, "FieldValueInvalid", "Invalid value: \"" + value + "\": " + detail);
  }
}
