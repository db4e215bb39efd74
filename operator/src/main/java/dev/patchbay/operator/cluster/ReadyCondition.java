package dev.patchbay.operator.cluster;

import dev.patchbay.operator.api.Condition;
import java.time.Clock;
import java.time.Instant;
import java.time.format.DateTimeFormatter;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;

/**
 * Builds the Ready condition of a KafkaConnect. {@code lastTransitionTime} is kept from the previous condition
 * unless the status flips; time comes from an injected {@link Clock}.
 */
public final class ReadyCondition {

  public static final String REASON_READY = "Ready";
  public static final String REASON_PROGRESSING = "Progressing";
  public static final String REASON_WORKERS_UNAVAILABLE = "WorkersUnavailable";
  public static final String REASON_INVALID_SPEC = "InvalidSpec";
  /** The init container could not fetch the plugins; the message is its termination message. */
  public static final String REASON_PLUGIN_FETCH_FAILED = "PluginFetchFailed";
  /** The worker container exited with an error (e.g. a bad worker config); the message is its last error line. */
  public static final String REASON_WORKER_FAILED = "WorkerFailed";
  /** The reconcile itself failed (an exception); it is retried without end. */
  public static final String REASON_RECONCILE_ERROR = "ReconcileError";

  private ReadyCondition() {
  }

  /** The new condition list: previous conditions with Ready replaced. */
  public static List<Condition> withReady(List<Condition> previous, boolean ready, String reason, String message,
      Long generation, Clock clock) {
    String status = ready ? "True" : "False";
    Condition old = find(previous);
    String transition = old != null && Objects.equals(old.status(), status) && old.lastTransitionTime() != null
        ? old.lastTransitionTime()
        : DateTimeFormatter.ISO_INSTANT.format(Instant.now(clock).truncatedTo(ChronoUnit.SECONDS));
    Condition condition = new Condition(Condition.READY, status, reason, message, transition, generation);
    List<Condition> conditions = new ArrayList<>();
    if (previous != null) {
      previous.stream().filter(c -> !Condition.READY.equals(c.type())).forEach(conditions::add);
    }
    conditions.add(condition);
    return conditions;
  }

  public static Condition find(List<Condition> conditions) {
    return conditions == null ? null
        : conditions.stream().filter(c -> Condition.READY.equals(c.type())).findFirst().orElse(null);
  }
}
