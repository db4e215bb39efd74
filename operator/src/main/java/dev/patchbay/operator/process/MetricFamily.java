package dev.patchbay.operator.process;

import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentSkipListMap;
import java.util.function.Supplier;

/**
 * A Prometheus metric with a fixed list of label names and one series per distinct list of label values, written in
 * the text exposition format (version 0.0.4). Series are kept sorted, so the output is stable.
 *
 * @param <S> the state of one series
 */
public abstract class MetricFamily<S> {

  private final String name;
  private final String help;
  private final String type;
  private final List<String> labelNames;
  private final Map<List<String>, S> series = new ConcurrentSkipListMap<>(MetricFamily::compare);

  protected MetricFamily(String name, String help, String type, String... labelNames) {
    this.name = name;
    this.help = help;
    this.type = type;
    this.labelNames = List.of(labelNames);
  }

  public String name() {
    return name;
  }

  protected S series(Supplier<S> initial, String... labelValues) {
    if (labelValues.length != labelNames.size()) {
      throw new IllegalArgumentException(name + " takes labels " + labelNames + ", got " + labelValues.length);
    }
    List<String> key = Arrays.stream(labelValues).map(v -> v == null ? "" : v).toList();
    return series.computeIfAbsent(key, k -> initial.get());
  }

  /** The series for these label values, or null. */
  protected S existing(String... labelValues) {
    return series.get(Arrays.stream(labelValues).map(v -> v == null ? "" : v).toList());
  }

  /** Drops every series whose label {@code labelName} has this value. */
  public void remove(String labelName, String value) {
    int index = labelNames.indexOf(labelName);
    series.keySet().removeIf(key -> key.get(index).equals(value));
  }

  /** Drops every series whose label matches and is not in {@code keep} for label {@code keptLabel}. */
  protected void retain(String labelName, String value, String keptLabel, java.util.Set<String> keep) {
    int index = labelNames.indexOf(labelName);
    int kept = labelNames.indexOf(keptLabel);
    series.keySet().removeIf(key -> key.get(index).equals(value) && !keep.contains(key.get(kept)));
  }

  public void write(StringBuilder out) {
    out.append("# HELP ").append(name).append(' ').append(help.replace("\\", "\\\\").replace("\n", "\\n"))
        .append('\n');
    out.append("# TYPE ").append(name).append(' ').append(type).append('\n');
    series.forEach((labels, state) -> writeSeries(out, labels, state));
  }

  protected abstract void writeSeries(StringBuilder out, List<String> labelValues, S state);

  /** {@code name{a="x",b="y",extra="z"} value}. */
  protected void sample(StringBuilder out, String suffix, List<String> labelValues, String extraLabel,
      String extraValue, double value) {
    out.append(name).append(suffix);
    if (!labelNames.isEmpty() || extraLabel != null) {
      out.append('{');
      for (int i = 0; i < labelNames.size(); i++) {
        label(out, i == 0 ? "" : ",", labelNames.get(i), labelValues.get(i));
      }
      if (extraLabel != null) {
        label(out, labelNames.isEmpty() ? "" : ",", extraLabel, extraValue);
      }
      out.append('}');
    }
    out.append(' ').append(format(value)).append('\n');
  }

  private static void label(StringBuilder out, String separator, String name, String value) {
    out.append(separator).append(name).append("=\"")
        .append(value.replace("\\", "\\\\").replace("\"", "\\\"").replace("\n", "\\n"))
        .append('"');
  }

  static String format(double value) {
    if (value == Double.POSITIVE_INFINITY) {
      return "+Inf";
    }
    if (value == Math.rint(value) && Math.abs(value) < 1e15) {
      return Long.toString((long) value);
    }
    return Double.toString(value);
  }

  private static int compare(List<String> a, List<String> b) {
    for (int i = 0; i < Math.min(a.size(), b.size()); i++) {
      int c = a.get(i).compareTo(b.get(i));
      if (c != 0) {
        return c;
      }
    }
    return Integer.compare(a.size(), b.size());
  }
}
