package dev.patchbay.operator;

import static org.assertj.core.api.Assertions.assertThat;

import dev.patchbay.operator.api.Condition;
import java.time.Instant;
import java.util.List;
import org.junit.jupiter.api.Test;

class ConditionsTest {

  private static final Instant T0 = Instant.parse("2026-01-01T00:00:00Z");
  private static final Instant T1 = Instant.parse("2026-01-01T00:05:00.123Z");
  private static final Condition CUSTOM = new Condition("Custom", "True", "X", "y", "2025-01-01T00:00:00Z", 1L);
  private static final Condition OTHER = new Condition("Other", "False", "Z", "w", "2025-01-01T00:00:00Z", 1L);

  @Test
  void lastTransitionTimeIsKeptWhileStatusDoesNotFlip() {
    List<Condition> first = Conditions.withReady(List.of(), false, "Pending", "waiting", 1L, T0);
    List<Condition> second = Conditions.withReady(first, false, "TasksFailed", "boom", 2L, T1);
    Condition ready = Conditions.ready(second);
    assertThat(ready.lastTransitionTime()).isEqualTo("2026-01-01T00:00:00Z");
    assertThat(ready.reason()).isEqualTo("TasksFailed");
    assertThat(ready.message()).isEqualTo("boom");
    assertThat(ready.observedGeneration()).isEqualTo(2L);
  }

  @Test
  void lastTransitionTimeMovesToTheWholeSecondWhenStatusFlips() {
    List<Condition> first = Conditions.withReady(null, false, "Pending", "waiting", 1L, T0);
    List<Condition> second = Conditions.withReady(first, true, "Running", "ok", 1L, T1);
    assertThat(Conditions.ready(second).lastTransitionTime()).isEqualTo("2026-01-01T00:05:00Z");
    assertThat(Conditions.ready(second).isTrue()).isTrue();
  }

  @Test
  void readyIsAppendedWhenThereIsNoneAndOtherTypesAreKept() {
    List<Condition> result = Conditions.withReady(List.of(CUSTOM), true, "Running", "ok", 1L, T0);
    assertThat(result).extracting(Condition::type).containsExactly("Custom", "Ready");
    assertThat(result.get(0)).isSameAs(CUSTOM);
  }

  @Test
  void readyKeepsItsPlaceAmongOtherConditions() {
    List<Condition> first = Conditions.withReady(List.of(), false, "Pending", "waiting", 1L, T0);
    List<Condition> mixed = List.of(CUSTOM, first.get(0), OTHER);
    List<Condition> result = Conditions.withReady(mixed, true, "Running", "ok", 2L, T1);
    assertThat(result).extracting(Condition::type).containsExactly("Custom", "Ready", "Other");
    assertThat(result.get(1).reason()).isEqualTo("Running");
  }

  @Test
  void aDuplicateReadyIsDroppedAndTheFirstDecidesTheTransitionTime() {
    Condition early = new Condition(Condition.READY, "True", "Running", "ok", "2025-06-01T00:00:00Z", 1L);
    Condition late = new Condition(Condition.READY, "False", "Pending", "x", "2025-07-01T00:00:00Z", 1L);
    List<Condition> result = Conditions.withReady(List.of(early, CUSTOM, late), true, "Running", "ok", 1L, T1);
    assertThat(result).extracting(Condition::type).containsExactly("Ready", "Custom");
    assertThat(result.get(0).lastTransitionTime()).isEqualTo("2025-06-01T00:00:00Z");
  }
}
