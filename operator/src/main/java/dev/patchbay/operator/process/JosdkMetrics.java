package dev.patchbay.operator.process;

import dev.patchbay.operator.OperatorMetrics;
import io.javaoperatorsdk.operator.api.monitoring.Metrics;
import io.javaoperatorsdk.operator.api.reconciler.Constants;
import io.javaoperatorsdk.operator.processing.GroupVersionKind;
import java.time.Duration;

/**
 * Feeds the framework's view of every controller execution (reconcile or cleanup) into {@link OperatorMetrics}:
 * one reconciliation by kind, failed when the reconciler threw, and its duration.
 */
public final class JosdkMetrics implements Metrics {

  private final OperatorMetrics metrics;

  public JosdkMetrics(OperatorMetrics metrics) {
    this.metrics = metrics;
  }

  @Override
  public <T> T timeControllerExecution(ControllerExecution<T> execution) throws Exception {
    String kind = execution.metadata().get(Constants.RESOURCE_GVK_KEY) instanceof GroupVersionKind gvk
        ? gvk.getKind() : execution.controllerName();
    long start = System.nanoTime();
    boolean failed = true;
    try {
      T result = execution.execute();
      failed = false;
      return result;
    } finally {
      metrics.reconcileDuration(execution.controllerName(), execution.name(),
          Duration.ofNanos(System.nanoTime() - start));
      metrics.reconcile(kind, failed);
    }
  }
}
