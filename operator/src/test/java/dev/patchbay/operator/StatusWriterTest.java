package dev.patchbay.operator;

import static org.assertj.core.api.Assertions.assertThat;

import dev.patchbay.operator.api.Condition;
import dev.patchbay.operator.api.KafkaConnector;
import dev.patchbay.operator.api.KafkaConnectorStatus;
import dev.patchbay.testkit.apiserver.StrictApiServer;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.mockwebserver.http.Dispatcher;
import io.fabric8.mockwebserver.http.MockResponse;
import io.fabric8.mockwebserver.http.RecordedRequest;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import org.junit.jupiter.api.Test;

/** A status write is one request to the API server: a JSON Patch of {@code /status}, no read before it. */
class StatusWriterTest {

  private static final String PATH = "/apis/patchbay.dev/v1alpha1/namespaces/sw/kafkaconnectors/c";

  @Test
  void aStatusWriteIsOnePatchAndNothingElse() {
    List<String> requests = new CopyOnWriteArrayList<>();
    try (StrictApiServer api = StrictApiServer.start(strict -> new Dispatcher() {
      @Override
      public MockResponse dispatch(RecordedRequest request) {
        requests.add(request.getMethod() + " " + request.getPath());
        return strict.dispatch(request);
      }
    }, StrictApiServer.repoCrds()); KubernetesClient client = api.newClient("sw")) {
      KafkaConnector connector = new KafkaConnector();
      connector.getMetadata().setName("c");
      connector.getMetadata().setNamespace("sw");
      connector.getSpec().setConnectCluster("kc");
      connector.getSpec().setConnectorClass("FileStreamSource");
      KafkaConnector created = client.resource(connector).create();
      KafkaConnectorStatus status = new KafkaConnectorStatus();
      status.setObservedGeneration(1L);
      status.setConditions(List.of(new Condition("Ready", "False", "Pending", "waiting", "2026-12-01T00:00:00Z", 1L)));
      requests.clear();

      KafkaConnector written = new StatusWriter(client).write(created, status, null);

      assertThat(requests).containsExactly("PATCH " + PATH + "/status");
      assertThat(written.getStatus().getConditions()).extracting(Condition::reason).containsExactly("Pending");
      assertThat(client.resources(KafkaConnector.class).withName("c").get().getStatus().getObservedGeneration())
          .isEqualTo(1L);
    }
  }
}
