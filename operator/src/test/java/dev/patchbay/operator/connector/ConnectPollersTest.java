package dev.patchbay.operator.connector;

import static org.assertj.core.api.Assertions.assertThat;

import dev.patchbay.operator.OperatorMetrics;
import dev.patchbay.operator.connect.ConnectClients;
import dev.patchbay.operator.connect.RestCallListener;
import io.javaoperatorsdk.operator.processing.event.ResourceID;
import java.time.Duration;
import java.time.Instant;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** Which poller watches a connector, and what moving it to another cluster forgets. */
class ConnectPollersTest {

  @Test
  void aConnectorMovedToAnotherClusterIsNoLongerTakenAsCreatedThere() {
    ConnectPollers pollers = new ConnectPollers(new ConnectClients(RestCallListener.NONE), Duration.ofMillis(25),
        Duration.ofSeconds(30), new OperatorMetrics());
    try {
      TrackedConnector connector = new TrackedConnector(new ResourceID("src", "ns"));
      pollers.track(connector, "http://a.example:8083", "ns/a", "src");
      connector.created = new TrackedConnector.Created(Instant.parse("2026-12-01T06:00:00Z"), Map.of());

      pollers.track(connector, "http://a.example:8083", "ns/a", "src");
      assertThat(connector.created).as("same cluster: still waiting for it to be listed").isNotNull();

      pollers.track(connector, "http://b.example:8083", "ns/b", "src");
      assertThat(connector.created).as("another cluster: to be created there").isNull();
      assertThat(pollers.size()).isEqualTo(1);
    } finally {
      pollers.stop();
    }
  }
}
