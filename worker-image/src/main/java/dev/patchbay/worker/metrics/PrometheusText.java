package dev.patchbay.worker.metrics;

import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.TreeMap;
import org.apache.kafka.common.MetricName;
import org.apache.kafka.common.metrics.KafkaMetric;

/**
 * Prometheus text exposition (format 0.0.4) of Kafka metrics.
 *
 * <p>A metric {@code <name>} of group {@code <group>} becomes {@code kafka_connect_<group>_<name>},
 * where the group loses a leading {@code connect-} and a trailing {@code -metrics}, and every
 * character outside {@code [a-zA-Z0-9_]} becomes {@code _}. Tags become labels. Examples:
 * <pre>
 * connect-worker-metrics / connector-count        → kafka_connect_worker_connector_count
 * connector-task-metrics / batch-size-avg         → kafka_connect_connector_task_batch_size_avg{connector,task}
 * source-task-metrics / source-record-poll-total  → kafka_connect_source_task_source_record_poll_total{connector,task}
 * sink-task-metrics / sink-record-read-total      → kafka_connect_sink_task_sink_record_read_total{connector,task}
 * </pre>
 * Names ending in {@code _total} are typed {@code counter}, the rest {@code gauge}. A metric whose
 * value is not a number (e.g. {@code connector-metrics / status = "running"}) is exposed as a gauge
 * of value 1 with the text in a {@code value} label:
 * {@code kafka_connect_connector_status{connector="file-source",value="running"} 1}.
 */
public final class PrometheusText {
  public static final String CONTENT_TYPE = "text/plain; version=0.0.4; charset=utf-8";

  private PrometheusText() {}

  public static String format(Collection<KafkaMetric> metrics) {
    Map<String, Family> families = new TreeMap<>();
    for (KafkaMetric metric : metrics) {
      MetricName mn = metric.metricName();
      String name = name(mn.group(), mn.name());
      Object value;
      try {
        value = metric.metricValue();
      } catch (RuntimeException e) {
        continue; // a gauge whose owner is closing; skip this scrape
      }
      Family family = families.computeIfAbsent(name, n -> new Family(n, mn.description()));
      Map<String, String> labels = new TreeMap<>();
      mn.tags().forEach((k, v) -> labels.put(sanitize(k), v == null ? "" : v));
      if (value instanceof Number number) {
        family.samples.add(sample(name, labels, number(number.doubleValue())));
      } else if (value != null) {
        labels.put("value", value.toString());
        family.samples.add(sample(name, labels, "1"));
      }
    }
    StringBuilder out = new StringBuilder();
    for (Family family : families.values()) {
      if (family.samples.isEmpty()) {
        continue;
      }
      if (family.help != null && !family.help.isBlank()) {
        out.append("# HELP ").append(family.name).append(' ').append(escapeHelp(family.help)).append('\n');
      }
      out.append("# TYPE ").append(family.name).append(' ')
          .append(family.name.endsWith("_total") ? "counter" : "gauge").append('\n');
      family.samples.stream().sorted().forEach(s -> out.append(s).append('\n'));
    }
    return out.toString();
  }

  /** {@code kafka_connect_<group without connect- and -metrics>_<name>}, sanitized. */
  public static String name(String group, String metric) {
    String g = group.toLowerCase(Locale.ROOT);
    if (g.startsWith("connect-")) {
      g = g.substring("connect-".length());
    }
    if (g.endsWith("-metrics")) {
      g = g.substring(0, g.length() - "-metrics".length());
    } else if (g.equals("metrics")) {
      g = "";
    }
    return sanitize("kafka_connect_" + (g.isEmpty() ? "" : g + "_") + metric);
  }

  static String sanitize(String s) {
    StringBuilder out = new StringBuilder(s.length());
    for (int i = 0; i < s.length(); i++) {
      char c = s.charAt(i);
      boolean ok = (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || c == '_' || (i > 0 && c >= '0' && c <= '9');
      out.append(ok ? c : '_');
    }
    return out.toString();
  }

  private static String sample(String name, Map<String, String> labels, String value) {
    StringBuilder out = new StringBuilder(name);
    if (!labels.isEmpty()) {
      out.append('{');
      boolean first = true;
      for (Map.Entry<String, String> e : labels.entrySet()) {
        if (!first) {
          out.append(',');
        }
        first = false;
        out.append(e.getKey()).append("=\"").append(escapeLabel(e.getValue())).append('"');
      }
      out.append('}');
    }
    return out.append(' ').append(value).toString();
  }

  private static String number(double d) {
    if (Double.isNaN(d)) {
      return "NaN";
    } else if (Double.isInfinite(d)) {
      return d > 0 ? "+Inf" : "-Inf";
    } else if (d == Math.rint(d) && Math.abs(d) < 1e15) {
      return Long.toString((long) d);
    }
    return Double.toString(d);
  }

  private static String escapeLabel(String s) {
    return s.replace("\\", "\\\\").replace("\"", "\\\"").replace("\n", "\\n");
  }

  private static String escapeHelp(String s) {
    return s.replace("\\", "\\\\").replace("\n", "\\n");
  }

  private static final class Family {
    final String name;
    final String help;
    final List<String> samples = new ArrayList<>();

    Family(String name, String help) {
      this.name = name;
      this.help = help;
    }
  }
}
