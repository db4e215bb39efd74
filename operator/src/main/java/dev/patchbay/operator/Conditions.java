package dev.patchbay.operator;

import dev.patchbay.operator.api.Condition;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.List;

/**
 * The one way the Ready condition of a KafkaConnect or a KafkaConnector is set. {@code lastTransitionTime} changes
 * only when the status flips. Order follows apimachinery's {@code meta.SetStatusCondition}: a condition keeps its
 * place in the list and a new one is appended, so setting the same condition again never reorders the status (which
 * would make it differ and be written for nothing).
 */
public final class Conditions {

  private Conditions() {
  }

  /** The conditions with {@code Ready} set as given; other condition types are kept, in their places. */
  public static List<Condition> withReady(List<Condition> previous, boolean ready, String reason, String message,
      Long generation, Instant now) {
    String status = ready ? "True" : "False";
    Condition old = ready(previous);
    String transition = old != null && status.equals(old.status()) && old.lastTransitionTime() != null
        ? old.lastTransitionTime()
        : now.truncatedTo(ChronoUnit.SECONDS).toString();
    Condition condition = new Condition(Condition.READY, status, reason, message, transition, generation);
    List<Condition> result = new ArrayList<>();
    if (previous != null) {
      for (Condition c : previous) {
        if (c == old) {
          result.add(condition);
        } else if (!Condition.READY.equals(c.type())) {
          result.add(c);
        }
      }
    }
    if (old == null) {
      result.add(condition);
    }
    return result;
  }

  /** The Ready condition (the first, should there be several), or null. */
  public static Condition ready(List<Condition> conditions) {
    return conditions == null ? null
        : conditions.stream().filter(c -> Condition.READY.equals(c.type())).findFirst().orElse(null);
  }
}
