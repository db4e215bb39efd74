package dev.patchbay.operator.connector;

import dev.patchbay.operator.Naming;
import dev.patchbay.operator.api.RestartsStatus;
import java.util.Map;
import java.util.Objects;
import java.util.OptionalInt;

/**
 * The restart annotations of a resource, compared with the values already acted on ({@code status.restarts}). Each
 * annotation acts once per distinct value; the operator never edits the annotations themselves (GitOps-safe).
 *
 * @param restart {@code patchbay.dev/restart}: restart the connector and all its tasks
 * @param restartFailed {@code patchbay.dev/restart-failed}: restart only the failed connector/tasks
 * @param restartTask {@code patchbay.dev/restart-task}: {@code <id>[@token]}, restart one task
 */
public record RestartRequests(String restart, String restartFailed, String restartTask) {

  public static RestartRequests from(Map<String, String> annotations) {
    if (annotations == null) {
      return new RestartRequests(null, null, null);
    }
    return new RestartRequests(blankToNull(annotations.get(Naming.ANNOTATION_RESTART)),
        blankToNull(annotations.get(Naming.ANNOTATION_RESTART_FAILED)),
        blankToNull(annotations.get(Naming.ANNOTATION_RESTART_TASK)));
  }

  /** Requests not yet acted on: a value that is set and differs from the recorded one. */
  public RestartRequests pending(RestartsStatus done) {
    RestartsStatus recorded = done == null ? new RestartsStatus(null, null, null) : done;
    return new RestartRequests(newValue(restart, recorded.restart()),
        newValue(restartFailed, recorded.restartFailed()), newValue(restartTask, recorded.restartTask()));
  }

  public boolean isEmpty() {
    return restart == null && restartFailed == null && restartTask == null;
  }

  /** The recorded values after acting on these requests. */
  public RestartsStatus recordOn(RestartsStatus done) {
    RestartsStatus recorded = done == null ? new RestartsStatus(null, null, null) : done;
    return new RestartsStatus(restart != null ? restart : recorded.restart(),
        restartFailed != null ? restartFailed : recorded.restartFailed(),
        restartTask != null ? restartTask : recorded.restartTask());
  }

  /** The task id of a {@code restart-task} value {@code <id>[@token]}; empty when it is not a task id. */
  public static OptionalInt taskId(String value) {
    if (value == null) {
      return OptionalInt.empty();
    }
    int at = value.indexOf('@');
    String id = (at >= 0 ? value.substring(0, at) : value).strip();
    try {
      int parsed = Integer.parseInt(id);
      return parsed >= 0 ? OptionalInt.of(parsed) : OptionalInt.empty();
    } catch (NumberFormatException e) {
      return OptionalInt.empty();
    }
  }

  private static String newValue(String value, String recorded) {
    return value != null && !Objects.equals(value, recorded) ? value : null;
  }

  private static String blankToNull(String value) {
    return value == null || value.isBlank() ? null : value.strip();
  }
}
