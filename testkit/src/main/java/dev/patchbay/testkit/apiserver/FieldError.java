package dev.patchbay.testkit.apiserver;

/** PLACEHOLDER until the schema branch lands. */
public record FieldError(String field, String reason, String message) {
  public String text() {
    return field == null || field.isEmpty() ? message : field + ": " + message;
  }
}
