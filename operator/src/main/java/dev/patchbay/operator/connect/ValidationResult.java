package dev.patchbay.operator.connect;

import java.util.List;
import java.util.Set;

/**
 * What {@code PUT /connector-plugins/{class}/config/validate} answers, reduced to what Patchbay uses. Values are
 * deliberately not kept.
 *
 * @param errorCount Connect's error count
 * @param fieldErrors per field, Connect's messages (which name the field, never its value)
 * @param passwordKeys keys the plugin defines as PASSWORD
 */
public record ValidationResult(int errorCount, List<FieldError> fieldErrors, Set<String> passwordKeys) {

  /** Errors of one config key. */
  public record FieldError(String key, List<String> errors) {
  }
}
