package dev.patchbay.operator.connector;

import static org.assertj.core.api.Assertions.assertThat;

import dev.patchbay.operator.api.AutoRestart;
import dev.patchbay.operator.api.AutoRestartStatus;
import java.time.Duration;
import java.time.Instant;
import org.junit.jupiter.api.Test;

class AutoRestartPolicyTest {

  private static final AutoRestartPolicy POLICY = AutoRestartPolicy.DEFAULT;
  private static final Instant T0 = Instant.parse("2026-01-01T00:00:00Z");

  @Test
  void backoffStartsAt30SecondsDoublesAndCapsAt30Minutes() {
    assertThat(POLICY.delay(0)).isEqualTo(Duration.ofSeconds(30));
    assertThat(POLICY.delay(1)).isEqualTo(Duration.ofSeconds(60));
    assertThat(POLICY.delay(3)).isEqualTo(Duration.ofSeconds(240));
    assertThat(POLICY.delay(20)).isEqualTo(Duration.ofMinutes(30));
  }

  @Test
  void firstFailureSchedulesARestartAfterTheBaseDelay() {
    var decision = POLICY.decide(null, null, true, false, T0);
    assertThat(decision.restartNow()).isFalse();
    assertThat(decision.status()).isEqualTo(new AutoRestartStatus(0, null, "2026-01-01T00:00:30Z"));
    assertThat(decision.recheckAfter()).isEqualTo(Duration.ofSeconds(30));
  }

  @Test
  void dueRestartIsMadeCountedAndTheNextOneScheduledLater() {
    var waiting = new AutoRestartStatus(0, null, "2026-01-01T00:00:30Z");
    var decision = POLICY.decide(null, waiting, true, false, T0.plusSeconds(30));
    assertThat(decision.restartNow()).isTrue();
    assertThat(decision.status()).isEqualTo(new AutoRestartStatus(1, "2026-01-01T00:00:30Z",
        "2026-01-01T00:01:30Z"));
  }

  @Test
  void maxRestartsStopsRestarting() {
    var status = new AutoRestartStatus(2, "2026-01-01T00:00:30Z", "2026-01-01T00:01:30Z");
    var decision = POLICY.decide(new AutoRestart(true, 2), status, true, false, T0.plusSeconds(600));
    assertThat(decision.restartNow()).isFalse();
    assertThat(decision.status().nextRestartTime()).isNull();
  }

  @Test
  void disabledNeverRestarts() {
    assertThat(POLICY.decide(new AutoRestart(false, null), null, true, false, T0).restartNow()).isFalse();
  }

  @Test
  void countResetsAfterRunningHealthyLongEnough() {
    var status = new AutoRestartStatus(3, "2026-01-01T00:00:00Z", "2026-01-01T00:04:00Z");
    var early = POLICY.decide(null, status, false, true, T0.plusSeconds(60));
    assertThat(early.status()).isEqualTo(new AutoRestartStatus(3, "2026-01-01T00:00:00Z", null));
    assertThat(early.recheckAfter()).isEqualTo(Duration.ofMinutes(9));
    assertThat(POLICY.decide(null, status, false, true, T0.plus(Duration.ofMinutes(10))).status()).isNull();
  }
}
