package dev.patchbay.operator.process;

import io.fabric8.kubernetes.api.model.ConfigMap;
import io.javaoperatorsdk.operator.Operator;
import io.javaoperatorsdk.operator.api.reconciler.Context;
import io.javaoperatorsdk.operator.api.reconciler.ErrorStatusUpdateControl;
import io.javaoperatorsdk.operator.api.reconciler.Reconciler;
import io.javaoperatorsdk.operator.api.reconciler.UpdateControl;
import java.util.List;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * A test-only reconciler of ConfigMaps labelled {@code patchbay.test/probe}: it counts what it reconciles and throws
 * for ConfigMaps whose data has {@code fail=true}, keeping the exceptions the framework hands back. It proves the process wiring (metrics, leader election) without
 * depending on the real reconcilers.
 */
final class ProbeReconciler implements Reconciler<ConfigMap> {

  static final String LABEL = "patchbay.test/probe";

  final AtomicInteger reconciliations = new AtomicInteger();
  final Set<String> seen = ConcurrentHashMap.newKeySet();
  final List<Exception> errors = new CopyOnWriteArrayList<>();

  static ProbeReconciler registerOn(Operator operator) {
    ProbeReconciler reconciler = new ProbeReconciler();
    operator.register(reconciler, o -> o.withLabelSelector(LABEL).withName("probe"));
    return reconciler;
  }

  @Override
  public UpdateControl<ConfigMap> reconcile(ConfigMap resource, Context<ConfigMap> context) {
    reconciliations.incrementAndGet();
    seen.add(resource.getMetadata().getName());
    if (resource.getData() != null && "true".equals(resource.getData().get("fail"))) {
      throw new IllegalStateException("probe failure requested");
    }
    return UpdateControl.noUpdate();
  }

  @Override
  public ErrorStatusUpdateControl<ConfigMap> updateErrorStatus(ConfigMap resource, Context<ConfigMap> context,
      Exception e) {
    errors.add(e);
    return ErrorStatusUpdateControl.noStatusUpdate();
  }
}
