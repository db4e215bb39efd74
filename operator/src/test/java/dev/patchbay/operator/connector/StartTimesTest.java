package dev.patchbay.operator.connector;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import org.junit.jupiter.api.Test;

class StartTimesTest {

  private static final Duration FLOOR = Duration.ofMillis(25);

  @Test
  void withoutSamplesTheFirstLookIsTheDefault() {
    assertThat(new StartTimes().firstLook(FLOOR)).isEqualTo(StartTimes.DEFAULT);
  }

  @Test
  void theFirstLookIsTheLowerQuartileOfTheLastSamples() {
    StartTimes times = new StartTimes();
    for (int ms : new int[] {400, 100, 300, 200, 500, 600, 700, 800}) {
      times.add(Duration.ofMillis(ms));
    }
    assertThat(times.firstLook(FLOOR)).isEqualTo(Duration.ofMillis(200));
    for (int i = 0; i < StartTimes.SIZE; i++) { // the old samples roll out
      times.add(Duration.ofMillis(150));
    }
    assertThat(times.firstLook(FLOOR)).isEqualTo(Duration.ofMillis(150));
  }

  @Test
  void theFirstLookStaysBetweenTheFloorAndOneSecond() {
    StartTimes fast = new StartTimes();
    fast.add(Duration.ofMillis(3));
    assertThat(fast.firstLook(FLOOR)).isEqualTo(FLOOR);
    StartTimes slow = new StartTimes();
    slow.add(Duration.ofSeconds(20));
    assertThat(slow.firstLook(FLOOR)).isEqualTo(StartTimes.MAX_FIRST_LOOK);
  }
}
