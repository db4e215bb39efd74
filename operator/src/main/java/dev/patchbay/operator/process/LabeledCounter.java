package dev.patchbay.operator.process;

import java.util.List;
import java.util.concurrent.atomic.DoubleAdder;

/** A Prometheus counter with labels. */
public final class LabeledCounter extends MetricFamily<DoubleAdder> {

  public LabeledCounter(String name, String help, String... labelNames) {
    super(name, help, "counter", labelNames);
  }

  public void increment(String... labelValues) {
    series(DoubleAdder::new, labelValues).add(1);
  }

  /** Current value; 0 for a series never incremented. */
  public double value(String... labelValues) {
    DoubleAdder adder = existing(labelValues);
    return adder == null ? 0 : adder.sum();
  }

  @Override
  protected void writeSeries(StringBuilder out, List<String> labelValues, DoubleAdder state) {
    sample(out, "", labelValues, null, null, state.sum());
  }
}
