package dev.patchbay.operator.connect;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import org.junit.jupiter.api.Test;

class BackoffTest {

  @Test
  void nominalDelayDoublesFromTheInitialOneUpToTheCap() {
    Backoff backoff = new Backoff(Duration.ofMillis(200), Duration.ofSeconds(1));
    assertThat(backoff.nominal(0)).isEqualTo(Duration.ofMillis(200));
    assertThat(backoff.nominal(1)).isEqualTo(Duration.ofMillis(400));
    assertThat(backoff.nominal(2)).isEqualTo(Duration.ofMillis(800));
    assertThat(backoff.nominal(3)).isEqualTo(Duration.ofSeconds(1));
    assertThat(backoff.nominal(Integer.MAX_VALUE)).as("no overflow on a huge attempt").isEqualTo(Duration.ofSeconds(1));
  }

  @Test
  void anInitialDelayAboveTheCapIsCapped() {
    assertThat(new Backoff(Duration.ofSeconds(5), Duration.ofSeconds(2)).nominal(0)).isEqualTo(Duration.ofSeconds(2));
  }

  @Test
  void jitteredDelayStaysBetweenHalfAndAllOfTheNominalOne() {
    for (int attempt = 0; attempt < 12; attempt++) {
      Duration nominal = Backoff.TRANSIENT.nominal(attempt);
      for (int i = 0; i < 50; i++) {
        assertThat(Backoff.TRANSIENT.delay(attempt)).isBetween(nominal.dividedBy(2), nominal);
      }
    }
  }
}
