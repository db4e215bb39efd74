package dev.patchbay.operator;

import dev.patchbay.operator.connect.ConnectClients;
import dev.patchbay.operator.connect.RestCallListener;
import dev.patchbay.operator.connector.ConnectorSettings;
import dev.patchbay.operator.connector.KafkaConnectorReconciler;
import io.fabric8.kubernetes.api.model.HasMetadata;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.javaoperatorsdk.operator.api.config.ControllerConfigurationOverrider;
import io.javaoperatorsdk.operator.Operator;

/**
 * Builds the operator: the JOSDK {@link Operator} with Patchbay's reconcilers registered. The process entry point
 * ({@link #main}), the sandbox and the integration tests all go through {@link #create}, so they run the same code.
 */
public final class PatchbayOperator {

  private PatchbayOperator() {
  }

  /**
   * Creates (does not start) an operator on the given client. Server-side apply is off everywhere: the test API
   * server does not support it, and production takes the same patch path the tests exercise.
   */
  public static Operator create(KubernetesClient client, OperatorSettings settings) {
    return create(client, settings, RestCallListener.NONE);
  }

  /** As {@link #create(KubernetesClient, OperatorSettings)}, telling {@code restCalls} about every Connect REST call. */
  public static Operator create(KubernetesClient client, OperatorSettings settings, RestCallListener restCalls) {
    ConnectClients connectClients = new ConnectClients(restCalls);
    Operator operator = new Operator(o -> o
        .withKubernetesClient(client)
        .withUseSSAToPatchPrimaryResource(false)
        .withSSABasedCreateUpdateMatchForDependentResources(false)
        .withCloseClientOnStop(false)
        .withStopOnInformerErrorDuringStartup(false));
    // Reconcilers are registered here, e.g.:
    // operator.register(new KafkaConnectorReconciler(...), c -> c.settingNamespaces(settings.watchNamespaces()));
    operator.register(new KafkaConnectorReconciler(client, connectClients, ConnectorSettings.from(settings),
        settings.restUrlRewriter()), c -> watch(c, settings));
    return operator;
  }

  private static <R extends HasMetadata> ControllerConfigurationOverrider<R> watch(ControllerConfigurationOverrider<R> c,
                                                                                  OperatorSettings settings) {
    return settings.watchNamespaces().isEmpty() ? c : c.settingNamespaces(settings.watchNamespaces());
  }

  public static void main(String[] args) {
    throw new UnsupportedOperationException("not yet: see issue 7");
  }
}
