package dev.patchbay.operator;

import java.net.URI;
import java.net.URISyntaxException;
import java.time.Duration;
import java.time.format.DateTimeParseException;
import java.util.Arrays;
import java.util.LinkedHashSet;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Reads typed values out of an environment map. Every method is pure; a bad value is an
 * {@link IllegalArgumentException} whose message names the variable, the value and what was expected. An unset or
 * blank variable yields the default.
 */
public final class Env {

  private static final Pattern SHORT_DURATION = Pattern.compile("^(\\d+)(ms|s|m|h)$");

  private final Map<String, String> env;

  public Env(Map<String, String> env) {
    this.env = Map.copyOf(env);
  }

  /** The trimmed value, or null when unset or blank. */
  public String raw(String name) {
    String value = env.get(name);
    return value == null || value.isBlank() ? null : value.strip();
  }

  public String string(String name, String defaultValue) {
    String value = raw(name);
    return value == null ? defaultValue : value;
  }

  /** A comma-separated list; blanks are dropped, order kept. */
  public Set<String> list(String name) {
    String value = raw(name);
    if (value == null) {
      return Set.of();
    }
    Set<String> items = new LinkedHashSet<>();
    Arrays.stream(value.split(",")).map(String::strip).filter(s -> !s.isEmpty()).forEach(items::add);
    return Set.copyOf(items);
  }

  /** {@code true} or {@code false}, case-insensitive. */
  public boolean bool(String name, boolean defaultValue) {
    String value = raw(name);
    if (value == null) {
      return defaultValue;
    }
    return switch (value.toLowerCase(Locale.ROOT)) {
      case "true" -> true;
      case "false" -> false;
      default -> throw bad(name, value, "true or false");
    };
  }

  /** ISO-8601 ({@code PT30S}) or a number with a unit: {@code 500ms}, {@code 30s}, {@code 2m}, {@code 1h}. */
  public Duration duration(String name, Duration defaultValue) {
    String value = raw(name);
    if (value == null) {
      return defaultValue;
    }
    Duration duration = parseDuration(value);
    if (duration == null || duration.isNegative() || duration.isZero()) {
      throw bad(name, value, "a positive duration such as 30s, 500ms, 2m or PT30S");
    }
    return duration;
  }

  private static Duration parseDuration(String value) {
    Matcher m = SHORT_DURATION.matcher(value);
    if (m.matches()) {
      long amount;
      try {
        amount = Long.parseLong(m.group(1));
      } catch (NumberFormatException e) {
        return null;
      }
      return switch (m.group(2)) {
        case "ms" -> Duration.ofMillis(amount);
        case "s" -> Duration.ofSeconds(amount);
        case "m" -> Duration.ofMinutes(amount);
        default -> Duration.ofHours(amount);
      };
    }
    try {
      return Duration.parse(value.toUpperCase(Locale.ROOT));
    } catch (DateTimeParseException e) {
      return null;
    }
  }

  /** An http or https URL with a host; a trailing slash is dropped. */
  public String httpUrl(String name, String defaultValue) {
    String value = raw(name);
    if (value == null) {
      return defaultValue;
    }
    try {
      URI uri = new URI(value);
      if (("http".equalsIgnoreCase(uri.getScheme()) || "https".equalsIgnoreCase(uri.getScheme()))
          && uri.getHost() != null) {
        return value.replaceAll("/+$", "");
      }
    } catch (URISyntaxException e) {
      // reported below
    }
    throw bad(name, value, "an http or https URL such as https://repo1.maven.org/maven2");
  }

  /** An integer in [min, max]. */
  public int integer(String name, int defaultValue, int min, int max) {
    String value = raw(name);
    if (value == null) {
      return defaultValue;
    }
    try {
      int parsed = Integer.parseInt(value);
      if (parsed >= min && parsed <= max) {
        return parsed;
      }
    } catch (NumberFormatException e) {
      // reported below
    }
    throw bad(name, value, "an integer from " + min + " to " + max);
  }

  /** One of the given choices, case-insensitive; returned as spelled in {@code choices}. */
  public String choice(String name, String defaultValue, String... choices) {
    String value = raw(name);
    if (value == null) {
      return defaultValue;
    }
    for (String choice : choices) {
      if (choice.equalsIgnoreCase(value)) {
        return choice;
      }
    }
    throw bad(name, value, "one of " + String.join(", ", choices));
  }

  private static IllegalArgumentException bad(String name, String value, String expected) {
    return new IllegalArgumentException(name + "=" + value + " is not valid: expected " + expected);
  }
}
