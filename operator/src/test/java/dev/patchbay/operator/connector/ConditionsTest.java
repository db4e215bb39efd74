package dev.patchbay.operator.connector;

import static org.assertj.core.api.Assertions.assertThat;

import dev.patchbay.operator.api.Condition;
import java.time.Instant;
import java.util.List;
import org.junit.jupiter.api.Test;

class ConditionsTest {

  private static final Instant T0 = Instant.parse("2026-01-01T00:00:00Z");
  private static final Instant T1 = Instant.parse("2026-01-01T00:05:00.123Z");

  @Test
  void lastTransitionTimeIsKeptWhileStatusDoesNotFlip() {
    List<Condition> first = Conditions.withReady(List.of(), false, "Pending", "waiting", 1L, T0);
    List<Condition> second = Conditions.withReady(first, false, "TasksFailed", "boom", 2L, T1);
    Condition ready = Conditions.ready(second);
    assertThat(ready.lastTransitionTime()).isEqualTo("2026-01-01T00:00:00Z");
    assertThat(ready.reason()).isEqualTo("TasksFailed");
    assertThat(ready.observedGeneration()).isEqualTo(2L);
  }

  @Test
  void lastTransitionTimeMovesWhenStatusFlips() {
    List<Condition> first = Conditions.withReady(List.of(), false, "Pending", "waiting", 1L, T0);
    List<Condition> second = Conditions.withReady(first, true, "Running", "ok", 1L, T1);
    assertThat(Conditions.ready(second).lastTransitionTime()).isEqualTo("2026-01-01T00:05:00Z");
    assertThat(Conditions.ready(second).isTrue()).isTrue();
  }

  @Test
  void otherConditionTypesAreKept() {
    List<Condition> other = List.of(new Condition("Custom", "True", "X", "y", "2025-01-01T00:00:00Z", 1L));
    List<Condition> result = Conditions.withReady(other, true, "Running", "ok", 1L, T0);
    assertThat(result).hasSize(2).extracting(Condition::type).containsExactly("Ready", "Custom");
  }
}
