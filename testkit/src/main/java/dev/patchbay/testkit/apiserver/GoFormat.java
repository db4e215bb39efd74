package dev.patchbay.testkit.apiserver;

import com.fasterxml.jackson.databind.JsonNode;
import java.math.BigDecimal;
import java.util.Map;
import java.util.TreeMap;

/** How Go's fmt prints the values that appear in Kubernetes field errors. */
final class GoFormat {

  private GoFormat() {}

  /** Go's {@code %q} of a string. */
  static String quote(String s) {
    StringBuilder b = new StringBuilder(s.length() + 2).append('"');
    s.codePoints().forEach(c -> {
      switch (c) {
        case '"' -> b.append("\\\"");
        case '\\' -> b.append("\\\\");
        case '\n' -> b.append("\\n");
        case '\r' -> b.append("\\r");
        case '\t' -> b.append("\\t");
        case 0x07 -> b.append("\\a");
        case 0x08 -> b.append("\\b");
        case 0x0c -> b.append("\\f");
        case 0x0b -> b.append("\\v");
        default -> {
          if (c < 0x20 || c == 0x7f) {
            b.append(String.format("\\x%02x", c));
          } else if (!Character.isDefined(c) || Character.getType(c) == Character.CONTROL
              || Character.getType(c) == Character.FORMAT) {
            b.append(c <= 0xffff ? String.format("\\u%04x", c) : String.format("\\U%08x", c));
          } else {
            b.appendCodePoint(c);
          }
        }
      }
    });
    return b.append('"').toString();
  }

  /** Go's {@code %v} of a float64 (shortest representation, exponent form from 1e6 and below 1e-4: 1e+06). */
  static String float64(double d) {
    if (Double.isNaN(d)) {
      return "NaN";
    }
    if (Double.isInfinite(d)) {
      return d > 0 ? "+Inf" : "-Inf";
    }
    if (d == 0) {
      return (1 / d < 0) ? "-0" : "0";
    }
    BigDecimal bd = new BigDecimal(Double.toString(d)).stripTrailingZeros();
    String digits = bd.unscaledValue().abs().toString();
    int exp = digits.length() - 1 - bd.scale(); // decimal exponent of the first digit
    String sign = d < 0 ? "-" : "";
    // strconv 'g' with shortest precision uses %e when exp < -4 || exp >= 6
    if (exp < -4 || exp >= 6) {
      String mant = digits.length() == 1 ? digits : digits.charAt(0) + "." + digits.substring(1);
      String e = String.format("%02d", Math.abs(exp));
      return sign + mant + "e" + (exp < 0 ? "-" : "+") + e;
    }
    return sign + bd.abs().toPlainString();
  }

  /** How a field.Error prints a bad value taken from a JSON document: {@code %#v}, but a missing value is "null". */
  static String value(JsonNode v) {
    if (v == null || v.isNull() || v.isMissingNode()) {
      return "\"null\"";
    }
    return goSharpV(v);
  }

  /** Go's {@code %#v} of a value decoded into interface{} (maps print with sorted keys). */
  static String goSharpV(JsonNode v) {
    if (v == null || v.isNull()) {
      return "interface {}(nil)";
    }
    if (v.isTextual()) {
      return quote(v.asText());
    }
    if (v.isIntegralNumber()) {
      return v.bigIntegerValue().toString();
    }
    if (v.isNumber()) {
      return float64(v.doubleValue());
    }
    if (v.isBoolean()) {
      return Boolean.toString(v.booleanValue());
    }
    if (v.isArray()) {
      StringBuilder b = new StringBuilder("[]interface {}{");
      for (int i = 0; i < v.size(); i++) {
        b.append(i == 0 ? "" : ", ").append(goSharpV(v.get(i)));
      }
      return b.append('}').toString();
    }
    Map<String, JsonNode> sorted = new TreeMap<>();
    v.fields().forEachRemaining(e -> sorted.put(e.getKey(), e.getValue()));
    StringBuilder b = new StringBuilder("map[string]interface {}{");
    boolean first = true;
    for (Map.Entry<String, JsonNode> e : sorted.entrySet()) {
      b.append(first ? "" : ", ").append(quote(e.getKey())).append(':').append(goSharpV(e.getValue()));
      first = false;
    }
    return b.append('}').toString();
  }
}
