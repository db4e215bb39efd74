package dev.patchbay.operator.api;

import com.fasterxml.jackson.databind.JsonNode;
import io.fabric8.kubernetes.client.utils.Serialization;

/**
 * Equality of a status by its JSON form, as the status writer sends it: two statuses are equal exactly when writing
 * either would send the same JSON. Reconcilers write a status only when it differs from the one read, so a
 * hand-written field-by-field {@code equals} that missed a field added later would silently keep that field from
 * ever being written; this cannot.
 */
public abstract class JsonEquality {

  private JsonNode json() {
    return Serialization.jsonMapper().valueToTree(this);
  }

  @Override
  public final boolean equals(Object o) {
    return o == this || (o != null && o.getClass() == getClass() && json().equals(((JsonEquality) o).json()));
  }

  @Override
  public final int hashCode() {
    return json().hashCode();
  }
}
