package dev.patchbay.testkit.apiserver;

import com.fasterxml.jackson.databind.node.ObjectNode;
import java.util.List;

/** PLACEHOLDER until the schema branch lands. */
public record Admission(ObjectNode object, List<FieldError> errors) {
  public boolean allowed() {
    return errors.isEmpty();
  }
}
