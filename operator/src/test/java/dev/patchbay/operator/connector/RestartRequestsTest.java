package dev.patchbay.operator.connector;

import static org.assertj.core.api.Assertions.assertThat;

import dev.patchbay.operator.api.RestartsStatus;
import java.util.Map;
import java.util.OptionalInt;
import org.junit.jupiter.api.Test;

class RestartRequestsTest {

  @Test
  void newValuesArePendingAndRecordedValuesAreNot() {
    RestartRequests requests = RestartRequests.from(Map.of("patchbay.dev/restart", "a",
        "patchbay.dev/restart-failed", "b", "patchbay.dev/restart-task", "0@c"));
    RestartRequests pending = requests.pending(new RestartsStatus("a", null, "0@b"));
    assertThat(pending).isEqualTo(new RestartRequests(null, "b", "0@c"));
    assertThat(pending.recordOn(new RestartsStatus("a", null, "0@b")))
        .isEqualTo(new RestartsStatus("a", "b", "0@c"));
  }

  @Test
  void sameValueActsOnlyOnce() {
    RestartRequests requests = RestartRequests.from(Map.of("patchbay.dev/restart", "1"));
    RestartsStatus done = requests.pending(null).recordOn(null);
    assertThat(requests.pending(done).isEmpty()).isTrue();
  }

  @Test
  void removedAnnotationKeepsTheRecord() {
    RestartRequests none = RestartRequests.from(Map.of("other", "x"));
    assertThat(none.pending(new RestartsStatus("1", null, null)).isEmpty()).isTrue();
    assertThat(none.recordOn(new RestartsStatus("1", null, null))).isEqualTo(new RestartsStatus("1", null, null));
  }

  @Test
  void taskIdIsParsedFromIdAndOptionalToken() {
    assertThat(RestartRequests.taskId("0")).isEqualTo(OptionalInt.of(0));
    assertThat(RestartRequests.taskId("3@2026-01-01")).isEqualTo(OptionalInt.of(3));
    assertThat(RestartRequests.taskId(" 2 @x")).isEqualTo(OptionalInt.of(2));
    assertThat(RestartRequests.taskId("x@1")).isEmpty();
    assertThat(RestartRequests.taskId("-1")).isEmpty();
    assertThat(RestartRequests.taskId(null)).isEmpty();
  }
}
