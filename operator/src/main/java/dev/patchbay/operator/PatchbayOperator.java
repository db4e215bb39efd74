package dev.patchbay.operator;

import dev.patchbay.operator.cluster.KafkaConnectReconciler;
import io.fabric8.kubernetes.client.KubernetesClient;
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
    Operator operator = new Operator(o -> o
        .withKubernetesClient(client)
        .withUseSSAToPatchPrimaryResource(false)
        .withSSABasedCreateUpdateMatchForDependentResources(false)
        .withCloseClientOnStop(false)
        .withStopOnInformerErrorDuringStartup(false));
    // Reconcilers are registered here, e.g.:
    // operator.register(new KafkaConnectorReconciler(...), c -> c.settingNamespaces(settings.watchNamespaces()));
    operator.register(new KafkaConnectReconciler(client, settings), c -> c.settingNamespaces(settings.watchNamespaces()));
    return operator;
  }

  public static void main(String[] args) {
    throw new UnsupportedOperationException("not yet: see issue 7");
  }
}
