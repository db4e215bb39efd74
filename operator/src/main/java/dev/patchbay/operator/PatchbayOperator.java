package dev.patchbay.operator;

import dev.patchbay.operator.cluster.KafkaConnectReconciler;
import dev.patchbay.operator.connect.ConnectClient;
import dev.patchbay.operator.connect.ConnectClients;
import dev.patchbay.operator.connect.RestCallListener;
import dev.patchbay.operator.connect.SharedListingClient;
import dev.patchbay.operator.connector.ConnectorMetrics;
import dev.patchbay.operator.connector.ConnectorSettings;
import dev.patchbay.operator.connector.KafkaConnectorReconciler;
import io.fabric8.kubernetes.api.model.HasMetadata;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.javaoperatorsdk.operator.Operator;
import io.javaoperatorsdk.operator.api.config.ConfigurationServiceOverrider;
import io.javaoperatorsdk.operator.api.config.ControllerConfigurationOverrider;
import io.javaoperatorsdk.operator.processing.retry.GenericRetry;
import java.time.Clock;
import java.util.function.BiFunction;
import java.util.function.Consumer;

/**
 * Builds the operator: the JOSDK {@link Operator} with Patchbay's reconcilers registered. The process (package
 * {@code process}, whose {@code OperatorMain} is the jar's entry point), the sandbox and the integration tests all go
 * through {@link #create}, so they run the same code. This class knows nothing of the process around it: the
 * dependency goes from {@code process} to here only.
 */
public final class PatchbayOperator {

  /** Request timeout of the KafkaConnect reconciler's REST probes. */
  static final java.time.Duration PROBE_TIMEOUT = java.time.Duration.ofSeconds(5);

  private PatchbayOperator() {
  }

  /**
   * Creates (does not start) an operator on the given client. Server-side apply is off everywhere: the test API
   * server does not support it, and production takes the same patch path the tests exercise.
   */
  public static Operator create(KubernetesClient client, OperatorSettings settings) {
    return create(client, settings, new OperatorMetrics(), o -> { });
  }

  /** Like {@link #create(KubernetesClient, OperatorSettings)}, recording into {@code metrics}. */
  public static Operator create(KubernetesClient client, OperatorSettings settings, OperatorMetrics metrics) {
    return create(client, settings, metrics, o -> { });
  }

  /**
   * Like {@link #create(KubernetesClient, OperatorSettings)}, recording into {@code metrics}; {@code overrides} may
   * change the framework configuration further (the process adds leader election there).
   */
  public static Operator create(KubernetesClient client, OperatorSettings settings, OperatorMetrics metrics,
      Consumer<ConfigurationServiceOverrider> overrides) {
    return create(client, settings, metrics, overrides, RestCallListener.NONE);
  }

  /** Like {@link #create(KubernetesClient, OperatorSettings)}, also telling {@code restCalls} about every REST call. */
  public static Operator create(KubernetesClient client, OperatorSettings settings, RestCallListener restCalls) {
    return create(client, settings, new OperatorMetrics(), o -> { }, restCalls);
  }

  private static Operator create(KubernetesClient client, OperatorSettings settings, OperatorMetrics metrics,
      Consumer<ConfigurationServiceOverrider> overrides, RestCallListener restCalls) {
    return build(client, settings, metrics, overrides, restCalls).operator();
  }

  /**
   * The operator with its parts, for tests that look at what it keeps per cluster (pollers, REST clients, probes)
   * and must see it released.
   */
  public record Parts(Operator operator, KafkaConnectorReconciler connectors, KafkaConnectReconciler clusters,
                      ConnectClients connectClients, OperatorMetrics metrics) {
  }

  /** Like {@link #create(KubernetesClient, OperatorSettings)}, returning the parts as well. */
  public static Parts build(KubernetesClient client, OperatorSettings settings, OperatorMetrics metrics,
      Consumer<ConfigurationServiceOverrider> overrides, RestCallListener restCalls) {
    ConnectClients connectClients = new ConnectClients(ConnectorMetrics.restCalls(metrics, restCalls));
    Operator operator = new Operator(o -> {
      o.withKubernetesClient(client)
          .withUseSSAToPatchPrimaryResource(false)
          .withSSABasedCreateUpdateMatchForDependentResources(false)
          .withCloseClientOnStop(false)
          .withStopOnInformerErrorDuringStartup(false)
          .withMetrics(new FrameworkMetrics(metrics));
      overrides.accept(o);
    });
    KafkaConnectorReconciler connectors = new KafkaConnectorReconciler(client, connectClients,
        ConnectorSettings.from(settings), settings.restUrlRewriter(), metrics);
    operator.register(connectors, c -> watch(c, settings));
    // The cluster reconciler reads the connector reconciler's listing when it is at most one poll interval old.
    // Its own probes (version, plugins, a listing when the shared one is too old) time out after a few seconds, so
    // a cluster that accepts connections and never answers holds a reconcile thread only that long.
    ConnectClients probeClients = new ConnectClients(ConnectClients.CONNECT_TIMEOUT, PROBE_TIMEOUT,
        ConnectorMetrics.restCalls(metrics, restCalls));
    BiFunction<String, String, ConnectClient> clusterClients = (url, key) -> new SharedListingClient(
        probeClients.forUrl(url, key),
        () -> connectors.recentListing(url, settings.pollInterval()));
    KafkaConnectReconciler clusters = new KafkaConnectReconciler(client, settings, clusterClients, Clock.systemUTC())
        .onDeleted(key -> {
          connectClients.release(key);
          probeClients.release(key);
          metrics.forgetCluster(key);
        });
    operator.register(clusters, c -> watch(c, settings));
    return new Parts(operator, connectors, clusters, connectClients, metrics);
  }

  /**
   * Namespaces, and a retry that never gives up: a failed reconcile has written a status saying so and is retried
   * with exponential backoff from half a second, capped at the poll interval.
   */
  private static <R extends HasMetadata> ControllerConfigurationOverrider<R> watch(ControllerConfigurationOverrider<R> c,
      OperatorSettings settings) {
    c.withRetry(retry(settings));
    return settings.watchNamespaces().isEmpty() ? c : c.settingNamespaces(settings.watchNamespaces());
  }

  static GenericRetry retry(OperatorSettings settings) {
    long cap = Math.max(500, settings.pollInterval().toMillis());
    return new GenericRetry().setMaxAttempts(-1).setInitialInterval(Math.min(500, cap)).setIntervalMultiplier(2)
        .setMaxInterval(cap);
  }
}
