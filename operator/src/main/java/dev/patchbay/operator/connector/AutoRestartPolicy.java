package dev.patchbay.operator.connector;

import dev.patchbay.operator.api.AutoRestart;
import dev.patchbay.operator.api.AutoRestartStatus;
import dev.patchbay.operator.connect.Backoff;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;

/**
 * When to restart a FAILED connector or its tasks automatically: exponential backoff ({@code initial * 2^count},
 * capped), counted in {@code status.autoRestart}, the count reset once the connector has been healthy for
 * {@code resetAfter} since the last restart. A pure function of the status, the spec and the time.
 */
public record AutoRestartPolicy(Backoff backoff, Duration resetAfter) {

  public static final AutoRestartPolicy DEFAULT =
      new AutoRestartPolicy(new Backoff(Duration.ofSeconds(30), Duration.ofMinutes(30)), Duration.ofMinutes(10));

  /**
   * What to do now.
   *
   * @param restartNow whether to restart the failed connector/tasks now
   * @param status the new {@code status.autoRestart} (null when there is nothing to tell)
   * @param recheckAfter when to look again even if nothing changes (null: no need)
   */
  public record Decision(boolean restartNow, AutoRestartStatus status, Duration recheckAfter) {
  }

  /**
   * The delay before automatic restart number {@code count + 1}: the nominal backoff, without jitter, so that the
   * restart times written to the status follow from the count alone.
   */
  public Duration delay(int count) {
    return backoff.nominal(count);
  }

  /**
   * @param spec {@code spec.autoRestart} (null = enabled, unlimited)
   * @param current {@code status.autoRestart}
   * @param failed whether the connector or a task is FAILED
   * @param healthy whether the connector and all tasks are in the desired state
   */
  public Decision decide(AutoRestart spec, AutoRestartStatus current, boolean failed, boolean healthy, Instant now) {
    boolean enabled = spec == null || spec.getEnabled() == null || spec.getEnabled();
    int count = current == null || current.count() == null ? 0 : current.count();
    Instant last = parse(current == null ? null : current.lastRestartTime());
    if (failed) {
      if (!enabled || (spec != null && spec.getMaxRestarts() != null && count >= spec.getMaxRestarts())) {
        return new Decision(false, count == 0 ? null : new AutoRestartStatus(count, format(last), null), null);
      }
      Instant next = parse(current == null ? null : current.nextRestartTime());
      if (next == null) {
        next = (last != null ? last : now).plus(delay(count));
      }
      if (!now.isBefore(next)) {
        int newCount = count + 1;
        Instant following = now.plus(delay(newCount));
        return new Decision(true, new AutoRestartStatus(newCount, format(now), format(following)),
            Duration.between(now, following));
      }
      return new Decision(false, new AutoRestartStatus(count, format(last), format(next)), Duration.between(now, next));
    }
    if (healthy && last != null) {
      Instant reset = last.plus(resetAfter);
      if (!now.isBefore(reset)) {
        return new Decision(false, null, null);
      }
      return new Decision(false, new AutoRestartStatus(count, format(last), null), Duration.between(now, reset));
    }
    if (healthy) {
      return new Decision(false, null, null);
    }
    return new Decision(false, current, null);
  }

  private static Instant parse(String time) {
    return time == null ? null : Instant.parse(time);
  }

  private static String format(Instant time) {
    return time == null ? null : time.truncatedTo(ChronoUnit.MILLIS).toString();
  }
}
