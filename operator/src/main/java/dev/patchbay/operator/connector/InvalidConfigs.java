package dev.patchbay.operator.connector;

import dev.patchbay.operator.connect.ConnectClient;
import dev.patchbay.operator.connect.ConnectException;
import dev.patchbay.operator.connect.ConnectRestException;
import dev.patchbay.operator.connect.PluginInfo;
import dev.patchbay.operator.connect.ValidationResult;
import java.util.Collection;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.stream.Collectors;

/**
 * Turns Connect's rejection of a config into a short, value-free message. Asked only after Connect refused a POST or
 * PUT, so the happy path never pays for a validate call.
 */
final class InvalidConfigs {

  private static final int MAX_LENGTH = 600;

  private InvalidConfigs() {
  }

  /** Whether a failed POST/PUT means the config is invalid (rather than a transient failure). */
  private static boolean isRejection(ConnectRestException e) {
    return e.isBadRequest() || e.status() == 422 || (e.status() >= 500 && noPluginMatches(e));
  }

  /**
   * A refused POST/PUT that means the config is invalid: Connect's error, and validate's answer when it was asked
   * to decide (so that the message does not ask again).
   */
  record Rejection(ConnectRestException error, ValidationResult validation) {
  }

  /**
   * The rejection, when a failed POST/PUT means the config is invalid; empty when it is a failure of Connect's.
   * Validate is asked only when Connect answered an error of its own (a 500 from a plugin tripping over the config it
   * was given, e.g. Debezium with a wrong password): the config is invalid when validate names fields.
   */
  static Optional<Rejection> rejection(ConnectRestException e, ConnectClient client, String connectorClass,
                                       Map<String, String> desired) {
    if (isRejection(e)) {
      return Optional.of(new Rejection(e, null));
    }
    if (e.status() < 500) {
      return Optional.empty();
    }
    try {
      ValidationResult result = client.validate(connectorClass, desired);
      return result.fieldErrors().isEmpty() ? Optional.empty() : Optional.of(new Rejection(e, result));
    } catch (ConnectException validateFailed) {
      return Optional.empty();
    }
  }

  static boolean noPluginMatches(ConnectRestException e) {
    String message = e.getMessage() == null ? "" : e.getMessage();
    return message.contains("Failed to find any class") || message.contains("No plugin")
        || message.contains("no plugin");
  }

  /**
   * The message for a rejected config: the fields and Connect's messages, never values; when a plugin version was
   * asked for, the versions of the class the workers offer.
   */
  static String describe(ConnectClient client, String connectorClass, Map<String, String> desired,
                         Collection<String> values, Rejection rejection) {
    String message = describeFields(client, connectorClass, desired, values, rejection);
    String version = desired.get(DesiredConfig.PLUGIN_VERSION);
    if (version == null) {
      return message;
    }
    try {
      List<String> versions = client.connectorPlugins().stream()
          .filter(p -> DesiredConfig.sameClass(connectorClass, p.className()))
          .map(PluginInfo::version).distinct().sorted().toList();
      return shorten(message + " (spec.version " + version + "; available versions of " + connectorClass + ": "
          + (versions.isEmpty() ? "none" : String.join(", ", versions)) + ")");
    } catch (ConnectException e) {
      return message;
    }
  }

  private static String describeFields(ConnectClient client, String connectorClass, Map<String, String> desired,
                                       Collection<String> values, Rejection rejection) {
    try {
      ValidationResult result = rejection.validation() != null ? rejection.validation()
          : client.validate(connectorClass, desired);
      if (!result.fieldErrors().isEmpty()) {
        String fields = result.fieldErrors().stream()
            .map(f -> f.key() + ": " + (result.passwordKeys().contains(f.key())
                ? "invalid value (password field)" : String.join(" ", f.errors())))
            .collect(Collectors.joining("; "));
        return shorten(Redactor.redact("invalid config: " + fields, values));
      }
    } catch (ConnectRestException e) {
      if (noPluginMatches(e) || e.status() >= 500 && e.getMessage() != null
          && e.getMessage().contains(connectorClass)) {
        return "invalid config: no connector plugin matches class " + connectorClass;
      }
    } catch (ConnectException e) {
      // validate is only a refinement; keep Connect's own rejection message below
    }
    if (noPluginMatches(rejection.error())) {
      return "invalid config: no connector plugin matches class " + connectorClass;
    }
    return shorten(Redactor.redact("invalid config: "
        + Redactor.firstLine(rejection.error().getMessage(), MAX_LENGTH), values));
  }

  private static String shorten(String message) {
    return message.length() <= MAX_LENGTH ? message : message.substring(0, MAX_LENGTH - 1) + "…";
  }
}
