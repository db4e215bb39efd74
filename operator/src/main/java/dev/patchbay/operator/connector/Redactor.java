package dev.patchbay.operator.connector;

import java.util.Collection;
import java.util.Comparator;
import java.util.List;
import java.util.regex.Pattern;

/**
 * Keeps config values out of anything a user or log reader sees. Connect's error messages sometimes quote a value
 * ({@code Invalid value x for configuration y}); every message that goes into status, events or logs passes through
 * here first.
 */
public final class Redactor {

  static final String HIDDEN = "[hidden]";
  private static final Pattern INVALID_VALUE = Pattern.compile("Invalid value .*? for configuration ",
      Pattern.DOTALL);

  private Redactor() {
  }

  /** The message with every given value (longest first) and every {@code Invalid value … for} quotation hidden. */
  public static String redact(String message, Collection<String> values) {
    if (message == null) {
      return null;
    }
    String result = INVALID_VALUE.matcher(message).replaceAll("Invalid value for configuration ");
    List<String> sorted = values.stream()
        .filter(v -> v != null)
        .map(String::strip)
        .filter(Redactor::worthHiding)
        .distinct()
        .sorted(Comparator.comparingInt(String::length).reversed())
        .toList();
    for (String value : sorted) {
      result = result.replace(value, HIDDEN);
    }
    return result;
  }

  /** Numbers, booleans and very short values are not secrets; hiding them would garble every stack trace. */
  static boolean worthHiding(String value) {
    return value.length() >= 4 && !value.matches("-?[0-9.]+") && !"true".equalsIgnoreCase(value)
        && !"false".equalsIgnoreCase(value);
  }

  /** First line of a message or trace, shortened: the part a human reads in a condition. */
  public static String firstLine(String text, int maxLength) {
    if (text == null) {
      return null;
    }
    String line = text.strip();
    int newline = line.indexOf('\n');
    if (newline >= 0) {
      line = line.substring(0, newline).strip();
    }
    return line.length() <= maxLength ? line : line.substring(0, maxLength - 1) + "…";
  }
}
