package dev.patchbay.sandbox.runtime;

import static org.assertj.core.api.Assertions.assertThat;

import dev.patchbay.sandbox.runtime.Rollout.PodView;
import java.util.List;
import org.junit.jupiter.api.Test;

class RolloutTest {

  static PodView pod(String name, String hash, boolean ready, long seq) {
    return new PodView(name, hash, ready, seq);
  }

  @Test
  void startsMissingPods() {
    assertThat(Rollout.plan(2, "h", List.of())).isEqualTo(new Rollout.Plan(2, List.of()));
    assertThat(Rollout.plan(2, "h", List.of(pod("a", "h", true, 1)))).isEqualTo(new Rollout.Plan(1, List.of()));
  }

  @Test
  void scaleDownStopsUnreadyThenNewestPods() {
    List<PodView> pods = List.of(pod("a", "h", true, 1), pod("b", "h", true, 2), pod("c", "h", false, 3));
    assertThat(Rollout.plan(1, "h", pods).terminate()).containsExactly("c", "b");
  }

  @Test
  void singleReplicaRollStartsTheNewPodBeforeStoppingTheOld() {
    PodView old = pod("old", "h1", true, 1);
    assertThat(Rollout.plan(1, "h2", List.of(old))).isEqualTo(new Rollout.Plan(1, List.of()));
    PodView starting = pod("new", "h2", false, 2);
    assertThat(Rollout.plan(1, "h2", List.of(old, starting))).isEqualTo(new Rollout.Plan(0, List.of()));
    PodView ready = pod("new", "h2", true, 2);
    assertThat(Rollout.plan(1, "h2", List.of(old, ready))).isEqualTo(new Rollout.Plan(0, List.of("old")));
  }

  @Test
  void twoReplicaRollReplacesOnePodAtATime() {
    List<PodView> pods = List.of(pod("a", "h1", true, 1), pod("b", "h1", true, 2));
    assertThat(Rollout.plan(2, "h2", pods)).isEqualTo(new Rollout.Plan(1, List.of()));
    List<PodView> withNew = List.of(pod("a", "h1", true, 1), pod("b", "h1", true, 2), pod("c", "h2", true, 3));
    assertThat(Rollout.plan(2, "h2", withNew)).isEqualTo(new Rollout.Plan(0, List.of("a")));
  }

  @Test
  void oldPodsThatAreNotReadyGoAtOnce() {
    List<PodView> pods = List.of(pod("a", "h1", false, 1), pod("b", "h1", true, 2));
    assertThat(Rollout.plan(2, "h2", pods).terminate()).containsExactly("a");
  }

  @Test
  void scaleToZeroStopsEverything() {
    List<PodView> pods = List.of(pod("a", "h1", true, 1), pod("b", "h2", true, 2));
    assertThat(Rollout.plan(0, "h2", pods).terminate()).containsExactlyInAnyOrder("a", "b");
  }
}
