package dev.patchbay.operator.connector;

import static org.awaitility.Awaitility.await;

import dev.patchbay.operator.Conditions;
import dev.patchbay.operator.OperatorSettings;
import dev.patchbay.operator.PatchbayOperator;
import dev.patchbay.operator.api.Condition;
import dev.patchbay.operator.api.KafkaConnect;
import dev.patchbay.operator.api.KafkaConnector;
import dev.patchbay.operator.connect.ConnectClient;
import dev.patchbay.operator.connect.ConnectClients;
import dev.patchbay.operator.connect.RestCallListener;
import dev.patchbay.testkit.apiserver.StrictApiServer;
import dev.patchbay.testkit.apiserver.StrictCrudDispatcher;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.utils.Serialization;
import io.fabric8.mockwebserver.dsl.HttpMethod;
import io.fabric8.mockwebserver.http.Buffer;
import io.fabric8.mockwebserver.http.Dispatcher;
import io.fabric8.mockwebserver.http.Headers;
import io.fabric8.mockwebserver.http.MockResponse;
import io.fabric8.mockwebserver.http.RecordedRequest;
import io.javaoperatorsdk.operator.Operator;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.function.Predicate;

/**
 * The parts an integration test of the connector reconciler shares: the strict test API server with Patchbay's CRDs,
 * the operator in-process ({@link PatchbayOperator#create}), a record of every Connect REST call the operator makes,
 * and waits on resource status.
 */
final class ConnectorTestEnv implements AutoCloseable {

  static final String NS = "data";

  /** One Connect REST call made by the operator. */
  record Call(Instant at, String cluster, String method, String path, int status) {
  }

  final StrictApiServer server;
  final KubernetesClient client;
  final ConcurrentLinkedQueue<Call> calls = new ConcurrentLinkedQueue<>();
  final RestCallListener listener = (cluster, method, path, status, latency) ->
      calls.add(new Call(Instant.now(), cluster, method, path, status));
  private final ConnectClients testClients = new ConnectClients(RestCallListener.NONE);
  private final Duration pollInterval;
  private final java.util.Set<String> deletedOnFirstPatch = java.util.concurrent.ConcurrentHashMap.newKeySet();
  private final Map<String, String> recreatedOnRelease = new java.util.concurrent.ConcurrentHashMap<>();
  private Operator operator;
  /** The running operator's connector reconciler, for what it says about itself (settled or not). */
  KafkaConnectorReconciler reconciler;

  ConnectorTestEnv(Duration pollInterval) {
    this.pollInterval = pollInterval;
    System.setProperty("patchbay.connector.autoRestartBase", "PT1S");
    System.setProperty("patchbay.connector.autoRestartMax", "PT8S");
    server = StrictApiServer.builder().front(strict -> new Dispatcher() {
      @Override
      public MockResponse dispatch(RecordedRequest request) {
        String path = request.getPath().replaceFirst("\\?.*$", "");
        if (request.getMethod().equals("PATCH") && deletedOnFirstPatch.remove(path)) {
          strict.handleDelete(path); // someone else's delete lands just before this write
        }
        MockResponse response = strict.dispatch(request);
        if (request.getMethod().equals("PATCH") && recreatedOnRelease.containsKey(path)
            && strict.handleGet(path).code() == 404) {
          // the write released the last finalizer and the object went: its successor is created at once, so the
          // informer sees DELETED and ADDED back to back
          String collection = path.substring(0, path.lastIndexOf('/'));
          strict.handleCreate(new RecordedRequest("POST " + collection + " HTTP/1.1", HttpMethod.POST, collection,
              Headers.builder().add("Content-Type", "application/json").build(),
              new Buffer(recreatedOnRelease.remove(path).getBytes(StandardCharsets.UTF_8))));
        }
        return response;
      }
    }).start();
    client = server.newClient("test");
  }

  /**
   * The KafkaConnector {@code name} is deleted just before the first PATCH of it (not of its status) reaches the API
   * server: a delete racing with the operator's first writes.
   */
  void deleteBeforeFirstPatch(String name) {
    deletedOnFirstPatch.add("/apis/patchbay.dev/v1alpha1/namespaces/" + NS + "/kafkaconnectors/" + name);
  }

  /**
   * When the operator releases the finalizer of the KafkaConnector named like {@code successor} and the object goes,
   * {@code successor} is created in the same instant: {@code kubectl delete} and {@code kubectl apply} of the same
   * name, as close together as they can come.
   */
  void recreateOnRelease(KafkaConnector successor) {
    recreatedOnRelease.put("/apis/patchbay.dev/v1alpha1/namespaces/" + NS + "/kafkaconnectors/"
        + successor.getMetadata().getName(), Serialization.asJson(successor));
  }

  void startOperator() {
    OperatorSettings settings = OperatorSettings.defaults().withPollInterval(pollInterval)
        .withWatchNamespaces(java.util.Set.of(NS));
    PatchbayOperator.Parts parts = PatchbayOperator.build(client, settings, new dev.patchbay.operator.OperatorMetrics(),
        o -> { }, listener);
    operator = parts.operator();
    reconciler = parts.connectors();
    operator.start();
  }

  void stopOperator() {
    if (operator != null) {
      operator.stop();
      operator = null;
      reconciler = null;
    }
  }

  /** A client for checking what Connect itself says (its calls are not recorded). */
  ConnectClient connect(String restUrl) {
    return testClients.forUrl(restUrl, "test");
  }

  KafkaConnect externalCluster(String name, String restUrl) {
    KafkaConnect cluster = new KafkaConnect();
    cluster.getMetadata().setName(name);
    cluster.getMetadata().setNamespace(NS);
    cluster.getSpec().setRestUrl(restUrl);
    return client.resource(cluster).create();
  }

  KafkaConnector create(String name, String cluster, String connectorClass, Map<String, String> config) {
    KafkaConnector resource = new KafkaConnector();
    resource.getMetadata().setName(name);
    resource.getMetadata().setNamespace(NS);
    resource.getSpec().setConnectCluster(cluster);
    resource.getSpec().setConnectorClass(connectorClass);
    resource.getSpec().setConfig(new java.util.LinkedHashMap<>(config));
    return client.resource(resource).create();
  }

  /** Writes to the KafkaConnector {@code name} itself (metadata, spec), as the API server logged them. */
  List<StrictCrudDispatcher.Write> objectWrites(String name) {
    String path = "/apis/patchbay.dev/v1alpha1/namespaces/" + NS + "/kafkaconnectors/" + name;
    return server.dispatcher().writes().stream().filter(w -> w.path().equals(path)).toList();
  }

  /** Writes to the KafkaConnector {@code name}'s status subresource. */
  List<StrictCrudDispatcher.Write> statusWrites(String name) {
    String path = "/apis/patchbay.dev/v1alpha1/namespaces/" + NS + "/kafkaconnectors/" + name + "/status";
    return server.dispatcher().writes().stream().filter(w -> w.path().equals(path)).toList();
  }

  KafkaConnector get(String name) {
    return client.resources(KafkaConnector.class).inNamespace(NS).withName(name).get();
  }

  /** Edits like kubectl edit: retried when the operator wrote the status in between (409). */
  KafkaConnector edit(String name, java.util.function.UnaryOperator<KafkaConnector> change) {
    for (int attempt = 0; ; attempt++) {
      try {
        return client.resources(KafkaConnector.class).inNamespace(NS).withName(name).edit(change);
      } catch (io.fabric8.kubernetes.client.KubernetesClientException e) {
        if (e.getCode() != 409 || attempt >= 20) {
          throw e;
        }
      }
    }
  }

  static Condition ready(KafkaConnector resource) {
    return resource == null || resource.getStatus() == null ? null
        : Conditions.ready(resource.getStatus().getConditions());
  }

  /** Waits until the current generation's status has Ready with this status and reason. */
  KafkaConnector awaitReady(String name, boolean ready, String reason, Duration timeout) {
    return awaitStatus(name, r -> {
      Condition condition = ready(r);
      return condition != null && condition.isTrue() == ready && reason.equals(condition.reason());
    }, timeout);
  }

  KafkaConnector awaitReady(String name) {
    return awaitReady(name, true, "Running", Duration.ofSeconds(60));
  }

  KafkaConnector awaitStatus(String name, Predicate<KafkaConnector> condition, Duration timeout) {
    KafkaConnector[] last = new KafkaConnector[1];
    try {
      await().alias(name).atMost(timeout).pollInterval(Duration.ofMillis(50)).until(() -> {
        KafkaConnector resource = get(name);
        last[0] = resource;
        return resource != null && resource.getStatus() != null
            && Objects.equals(resource.getStatus().getObservedGeneration(), resource.getMetadata().getGeneration())
            && condition.test(resource);
      });
    } catch (org.awaitility.core.ConditionTimeoutException e) {
      throw new AssertionError(name + " did not reach the expected status within " + timeout + "; last: generation "
          + (last[0] == null ? null : last[0].getMetadata().getGeneration()) + ", status "
          + (last[0] == null ? null : io.fabric8.kubernetes.client.utils.Serialization.asJson(last[0].getStatus())), e);
    }
    return last[0];
  }

  /** Calls recorded after {@code since} with this method and path template. */
  long count(Instant since, String method, String path) {
    return calls.stream().filter(c -> !c.at().isBefore(since) && c.method().equals(method)
        && c.path().equals(path)).count();
  }

  List<Call> since(Instant since, String cluster) {
    return calls.stream().filter(c -> !c.at().isBefore(since) && c.cluster().equals(cluster)).toList();
  }

  /** Writes that change Connect: POST, PUT (except validate), DELETE, made after {@code since}. */
  List<Call> writes(Instant since) {
    return calls.stream().filter(c -> !c.at().isBefore(since) && !c.method().equals("GET")
        && !c.path().endsWith("/validate")).toList();
  }

  @Override
  public void close() {
    stopOperator();
    testClients.close();
    client.close();
    server.close();
  }
}
