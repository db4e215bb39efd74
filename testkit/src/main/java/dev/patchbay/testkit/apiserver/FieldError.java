package dev.patchbay.testkit.apiserver;

/**
 * One cause of a 422, as a real server reports it (a metav1 StatusCause).
 *
 * @param field the dotted path as Kubernetes prints it ({@code spec.plugins[0].name}, {@code spec.config[key.converter]}),
 *     empty for the object itself
 * @param reason the StatusCause type, e.g. {@code FieldValueInvalid}, {@code FieldValueRequired}
 * @param message the cause's message, i.e. the text after the field, e.g. {@code Required value}
 */
public record FieldError(String field, String reason, String message) {

  /** e.g. "spec.tasksMax: Invalid value: 0: spec.tasksMax in body should be greater than or equal to 1" */
  public String text() {
    return field.isEmpty() ? message : field + ": " + message;
  }

  @Override
  public String toString() {
    return text();
  }
}
