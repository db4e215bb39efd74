package dev.patchbay.operator.connector;

import static org.assertj.core.api.Assertions.assertThat;

import dev.patchbay.operator.TestClock;
import dev.patchbay.operator.api.ConnectorInstanceStatus;
import dev.patchbay.operator.api.KafkaConnector;
import dev.patchbay.operator.api.KafkaConnectorStatus;
import dev.patchbay.operator.connect.FakeConnectClient;
import io.javaoperatorsdk.operator.processing.event.ResourceID;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import org.junit.jupiter.api.Test;

/** Topics cost no call per poll: fetched after a connector runs, once more if empty, then not until it changes. */
class TopicsRefreshTest {

  private static final Duration POLL = Duration.ofSeconds(30);
  private final TestClock clock = new TestClock(Instant.parse("2026-12-01T06:00:00Z"));
  private final ConnectorSettings settings = new ConnectorSettings(POLL, Duration.ofMillis(25),
      Duration.ofSeconds(2), AutoRestartPolicy.DEFAULT, clock);
  private final TopicsRefresh refresh = new TopicsRefresh(settings);
  private final FakeConnectClient connect = new FakeConnectClient();
  private final KafkaConnector resource = resource("src");
  private final TrackedConnector tracked = new TrackedConnector(ResourceID.fromResource(resource));

  @Test
  void aConnectorThatTurnsRunningShowsNoTopicsAtOnceAndIsAskedAfterASecondOrTwo() {
    KafkaConnectorStatus previous = new KafkaConnectorStatus();
    KafkaConnectorStatus status = running();
    Duration next = refresh.refresh(target(previous), status, true);
    assertThat(connect.topicCalls).hasValue(0);
    assertThat(status.getTopics()).isEmpty();
    assertThat(next).isBetween(TopicsRefresh.FIRST_FETCH, TopicsRefresh.FIRST_FETCH.plusSeconds(1));

    connect.topics.put("src", List.of("orders"));
    clock.advance(next);
    KafkaConnectorStatus later = running();
    later.setTopics(List.of());
    assertThat(refresh.refresh(target(status), later, true)).isNull();
    assertThat(later.getTopics()).containsExactly("orders");
    assertThat(connect.topicCalls).hasValue(1);

    clock.advance(POLL.multipliedBy(10));
    assertThat(refresh.refresh(target(later), running(later), true)).as("settled: never again").isNull();
    assertThat(connect.topicCalls).hasValue(1);
  }

  @Test
  void aConnectorThatHasUsedNoTopicIsAskedOnceMoreAPollLaterThenNotUntilItChanges() {
    KafkaConnectorStatus status = running();
    Duration first = refresh.refresh(target(new KafkaConnectorStatus()), status, true);
    clock.advance(first);
    Duration second = refresh.refresh(target(status), running(status), true);
    assertThat(connect.topicCalls).hasValue(1);
    assertThat(second).isBetween(POLL, POLL.multipliedBy(2));
    clock.advance(second);
    assertThat(refresh.refresh(target(status), running(status), true)).isNull();
    assertThat(connect.topicCalls).hasValue(2);
    assertThat(tracked.topicsDue).as("nothing due: the operator is settled").isNull();

    clock.advance(POLL.multipliedBy(10));
    assertThat(refresh.refresh(target(status), running(status), true)).isNull();
    assertThat(connect.topicCalls).hasValue(2);

    KafkaConnectorStatus moved = running(status);
    moved.setConnector(new ConnectorInstanceStatus("RUNNING", "other:8083", null));
    assertThat(refresh.refresh(target(status), moved, true)).as("its state changed: asked again").isNotNull();
  }

  private SyncTarget target(KafkaConnectorStatus previous) {
    return new SyncTarget(resource, previous, tracked, connect, null, "c", "ns/c", WorkerLiveness.UNCHECKED);
  }

  private static KafkaConnectorStatus running() {
    KafkaConnectorStatus status = new KafkaConnectorStatus();
    status.setState("RUNNING");
    status.setConnector(new ConnectorInstanceStatus("RUNNING", "w:8083", null));
    return status;
  }

  private static KafkaConnectorStatus running(KafkaConnectorStatus previous) {
    KafkaConnectorStatus status = Statuses.copy(previous);
    status.setState("RUNNING");
    return status;
  }

  private static KafkaConnector resource(String name) {
    KafkaConnector resource = new KafkaConnector();
    resource.getMetadata().setName(name);
    resource.getMetadata().setNamespace("ns");
    resource.getSpec().setConnectCluster("c");
    resource.getSpec().setConnectorClass("FileStreamSource");
    return resource;
  }
}
