package dev.patchbay.operator.process;

import java.util.List;
import java.util.Set;
import java.util.concurrent.atomic.AtomicReference;

/** A Prometheus gauge with labels, set to absolute values. */
public final class LabeledGauge extends MetricFamily<AtomicReference<Double>> {

  public LabeledGauge(String name, String help, String... labelNames) {
    super(name, help, "gauge", labelNames);
  }

  public void set(double value, String... labelValues) {
    series(() -> new AtomicReference<>(0.0), labelValues).set(value);
  }

  /** Current value; 0 for a series never set. */
  public double value(String... labelValues) {
    AtomicReference<Double> ref = existing(labelValues);
    return ref == null ? 0 : ref.get();
  }

  /** Drops the series of {@code labelName=value} whose {@code keptLabel} is not in {@code keep}. */
  public void retainOnly(String labelName, String value, String keptLabel, Set<String> keep) {
    retain(labelName, value, keptLabel, keep);
  }

  @Override
  protected void writeSeries(StringBuilder out, List<String> labelValues, AtomicReference<Double> state) {
    sample(out, "", labelValues, null, null, state.get());
  }
}
