package dev.patchbay.sandbox.bench;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.api.Test;

/** The benchmark's command line. */
class BenchOptionsTest {

  @Test
  void theWorkerLossPhaseRunsInEveryRunAndCanRunAlone() {
    assertThat(BenchOptions.parse(new String[0]).runs("worker-loss")).isTrue();
    BenchOptions alone = BenchOptions.parse(new String[] {"--only", "worker-loss"});
    assertThat(alone.runs("worker-loss")).isTrue();
    assertThat(BenchOptions.PHASES.stream().filter(alone::runs)).containsExactly("worker-loss");
  }

  @Test
  void anUnknownPhaseIsRefusedNamingTheKnownOnes() {
    assertThatThrownBy(() -> BenchOptions.parse(new String[] {"--only", "loss"}))
        .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("worker-loss");
  }
}
