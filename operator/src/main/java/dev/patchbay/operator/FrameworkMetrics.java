package dev.patchbay.operator;

import io.fabric8.kubernetes.api.model.HasMetadata;
import io.javaoperatorsdk.operator.api.monitoring.Metrics;
import io.javaoperatorsdk.operator.api.reconciler.Constants;
import io.javaoperatorsdk.operator.api.reconciler.RetryInfo;
import io.javaoperatorsdk.operator.monitoring.micrometer.MicrometerMetrics;
import io.javaoperatorsdk.operator.processing.Controller;
import io.javaoperatorsdk.operator.processing.GroupVersionKind;
import io.javaoperatorsdk.operator.processing.event.Event;
import io.javaoperatorsdk.operator.processing.event.ResourceID;
import java.time.Duration;
import java.util.Map;
import java.util.concurrent.atomic.AtomicReference;

/**
 * The framework's metrics hook. JOSDK takes a single {@link Metrics}, and two sets of meters want its calls: JOSDK's
 * own Micrometer meters ({@code operator_sdk_*}: events, reconciliations started, retries, execution timers) and
 * Patchbay's {@code patchbay_reconciliations_total} and {@code patchbay_reconcile_duration_seconds}, which the README
 * documents. So every call goes to JOSDK's {@link MicrometerMetrics}, and each controller execution (reconcile or
 * cleanup) is also counted by kind, failed when the reconciler threw, and timed into {@link OperatorMetrics}. What
 * the reconciler throws reaches the framework unchanged.
 *
 * <p>JOSDK's meters are kept without per-resource tags: with them the number of series grows with the number of
 * KafkaConnectors.
 */
final class FrameworkMetrics implements Metrics {

  private final OperatorMetrics metrics;
  private final Metrics josdk;

  FrameworkMetrics(OperatorMetrics metrics) {
    this.metrics = metrics;
    this.josdk = MicrometerMetrics.withoutPerResourceMetrics(metrics.registry());
  }

  @Override
  public <T> T timeControllerExecution(ControllerExecution<T> execution) throws Exception {
    String kind = execution.metadata().get(Constants.RESOURCE_GVK_KEY) instanceof GroupVersionKind gvk
        ? gvk.getKind() : execution.controllerName();
    Remembering<T> remembering = new Remembering<>(execution, new AtomicReference<>());
    long start = System.nanoTime();
    boolean failed = true;
    try {
      T result = josdk.timeControllerExecution(remembering);
      failed = false;
      return result;
    } catch (Exception e) {
      // JOSDK's timer wraps what the reconciler threw in an OperatorException; the framework (retry, logging) and
      // the reconciler's updateErrorStatus get the original, as they would without metrics.
      Exception original = remembering.thrown().get();
      throw original != null ? original : e;
    } finally {
      metrics.reconcileDuration(execution.controllerName(), execution.name(),
          Duration.ofNanos(System.nanoTime() - start));
      metrics.reconcile(kind, failed);
    }
  }

  /** An execution that keeps what it threw. */
  private record Remembering<T>(ControllerExecution<T> execution, AtomicReference<Exception> thrown)
      implements ControllerExecution<T> {

    @Override
    public T execute() throws Exception {
      try {
        return execution.execute();
      } catch (Exception e) {
        thrown.set(e);
        throw e;
      }
    }

    @Override
    public String name() {
      return execution.name();
    }

    @Override
    public String controllerName() {
      return execution.controllerName();
    }

    @Override
    public String successTypeName(T result) {
      return execution.successTypeName(result);
    }

    @Override
    public ResourceID resourceID() {
      return execution.resourceID();
    }

    @Override
    public Map<String, Object> metadata() {
      return execution.metadata();
    }
  }

  @Override
  public void controllerRegistered(Controller<? extends HasMetadata> controller) {
    josdk.controllerRegistered(controller);
    metrics.reconcilerRegistered(controller.getAssociatedGroupVersionKind().getKind());
  }

  @Override
  public void receivedEvent(Event event, Map<String, Object> metadata) {
    josdk.receivedEvent(event, metadata);
  }

  @Override
  public void reconcileCustomResource(HasMetadata resource, RetryInfo retryInfo, Map<String, Object> metadata) {
    josdk.reconcileCustomResource(resource, retryInfo, metadata);
  }

  @Override
  public void failedReconciliation(HasMetadata resource, Exception exception, Map<String, Object> metadata) {
    josdk.failedReconciliation(resource, exception, metadata);
  }

  @Override
  public void reconciliationExecutionStarted(HasMetadata resource, Map<String, Object> metadata) {
    josdk.reconciliationExecutionStarted(resource, metadata);
  }

  @Override
  public void reconciliationExecutionFinished(HasMetadata resource, Map<String, Object> metadata) {
    josdk.reconciliationExecutionFinished(resource, metadata);
  }

  @Override
  public void cleanupDoneFor(ResourceID resourceId, Map<String, Object> metadata) {
    josdk.cleanupDoneFor(resourceId, metadata);
  }

  @Override
  public void finishedReconciliation(HasMetadata resource, Map<String, Object> metadata) {
    josdk.finishedReconciliation(resource, metadata);
  }

  @Override
  public <T extends Map<?, ?>> T monitorSizeOf(T map, String name) {
    return josdk.monitorSizeOf(map, name);
  }
}
