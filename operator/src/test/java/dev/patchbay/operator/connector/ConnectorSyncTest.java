package dev.patchbay.operator.connector;

import static org.assertj.core.api.Assertions.assertThat;

import dev.patchbay.operator.Conditions;
import dev.patchbay.operator.OperatorMetrics;
import dev.patchbay.operator.TestClock;
import dev.patchbay.operator.api.KafkaConnector;
import dev.patchbay.operator.api.KafkaConnectorStatus;
import dev.patchbay.operator.connect.FakeConnectClient;
import io.fabric8.kubernetes.client.ConfigBuilder;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.KubernetesClientBuilder;
import io.javaoperatorsdk.operator.processing.event.ResourceID;
import java.time.Duration;
import java.time.Instant;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/** The create step of {@link ConnectorSync}, against an in-memory Connect. */
class ConnectorSyncTest {

  private final TestClock clock = new TestClock(Instant.parse("2026-12-01T06:00:00Z"));
  private final ConnectorSettings settings = new ConnectorSettings(Duration.ofSeconds(30), Duration.ofMillis(25),
      Duration.ofSeconds(2), AutoRestartPolicy.DEFAULT, clock);
  // events go nowhere (a refused connection, which the recorder swallows): this test is about Connect calls
  private final KubernetesClient nowhere = new KubernetesClientBuilder().withConfig(new ConfigBuilder()
      .withMasterUrl("http://127.0.0.1:1").withRequestRetryBackoffLimit(0).build()).build();
  private final ConnectorSync sync = new ConnectorSync(settings, new ConnectorEvents(nowhere, clock),
      new OperatorMetrics());
  private final FakeConnectClient connect = new FakeConnectClient();
  private final KafkaConnector resource = resource("src");
  private final TrackedConnector tracked = new TrackedConnector(ResourceID.fromResource(resource));
  private final AtomicInteger writesAnnounced = new AtomicInteger();
  private final ListingControl listing = new ListingControl() {
    @Override
    public void changed(TrackedConnector connector) {
      writesAnnounced.incrementAndGet();
    }

    @Override
    public void changed() {
    }

    @Override
    public boolean recentlyRecovered(Duration grace) {
      return false;
    }
  };

  @AfterEach
  void closeClient() {
    nowhere.close();
  }

  @Test
  void aConnectorItCreatedIsNotPostedAgainWhileConnectsListingLagsBehindThePost() {
    Outcome created = sync.sync(target(new KafkaConnectorStatus()), null);
    assertThat(connect.creates).containsExactly("src");
    assertThat(writesAnnounced).hasValue(1);
    assertThat(Conditions.ready(created.status().getConditions()).message())
        .isEqualTo("created, waiting for Connect to start the connector");

    // Connect answered the POST, but a listing made after that does not have the connector yet
    clock.advance(Duration.ofMillis(50));
    Outcome waiting = sync.sync(target(created.status()), null);
    assertThat(connect.creates).as("no second POST").containsExactly("src");
    assertThat(waiting.status()).as("nothing new to write").isEqualTo(created.status());
    assertThat(waiting.recheckAfter()).isEqualTo(TrackedConnector.CREATED_NOT_LISTED_GRACE.minusMillis(50));

    // still not listed after the grace: Connect lost it (or someone deleted it); POST again
    clock.advance(TrackedConnector.CREATED_NOT_LISTED_GRACE);
    sync.sync(target(waiting.status()), null);
    assertThat(connect.creates).containsExactly("src", "src");
  }

  private SyncTarget target(KafkaConnectorStatus previous) {
    return new SyncTarget(resource, previous, tracked, connect, listing, "c", "ns/c", WorkerLiveness.UNCHECKED);
  }

  private static KafkaConnector resource(String name) {
    KafkaConnector resource = new KafkaConnector();
    resource.getMetadata().setName(name);
    resource.getMetadata().setNamespace("ns");
    resource.getMetadata().setGeneration(1L);
    resource.getSpec().setConnectCluster("c");
    resource.getSpec().setConnectorClass("FileStreamSource");
    return resource;
  }
}
