package dev.patchbay.testkit.apiserver;

import com.fasterxml.jackson.databind.node.ObjectNode;
import java.util.List;

/**
 * The outcome of {@link CrdSchema#admit}: the object as a real API server would store it (pruned and defaulted) and
 * the causes of a 422 if it would reject it.
 */
public record Admission(ObjectNode object, List<FieldError> errors) {

  public Admission {
    errors = List.copyOf(errors);
  }

  public boolean allowed() {
    return errors.isEmpty();
  }
}
