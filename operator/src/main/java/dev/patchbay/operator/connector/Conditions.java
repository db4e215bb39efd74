package dev.patchbay.operator.connector;

import dev.patchbay.operator.api.Condition;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.List;

/** Builds conditions: {@code lastTransitionTime} changes only when a condition's status flips. */
public final class Conditions {

  private Conditions() {
  }

  /** The conditions with {@code Ready} set as given; other condition types are kept. */
  public static List<Condition> withReady(List<Condition> previous, boolean ready, String reason, String message,
                                          Long generation, Instant now) {
    return with(previous, Condition.READY, ready ? "True" : "False", reason, message, generation, now);
  }

  /** The conditions with one condition of {@code type} set; its transition time is kept unless status flips. */
  public static List<Condition> with(List<Condition> previous, String type, String status, String reason,
                                     String message, Long generation, Instant now) {
    List<Condition> result = new ArrayList<>();
    Condition old = null;
    if (previous != null) {
      for (Condition condition : previous) {
        if (type.equals(condition.type())) {
          old = condition;
        } else {
          result.add(condition);
        }
      }
    }
    String transition = old != null && status.equals(old.status()) && old.lastTransitionTime() != null
        ? old.lastTransitionTime()
        : now.truncatedTo(ChronoUnit.SECONDS).toString();
    result.add(0, new Condition(type, status, reason, message, transition, generation));
    return result;
  }

  /** The Ready condition, or null. */
  public static Condition ready(List<Condition> conditions) {
    if (conditions == null) {
      return null;
    }
    return conditions.stream().filter(c -> Condition.READY.equals(c.type())).findFirst().orElse(null);
  }
}
