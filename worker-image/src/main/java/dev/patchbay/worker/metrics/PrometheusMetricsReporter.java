package dev.patchbay.worker.metrics;

import java.util.Collection;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.regex.Pattern;
import org.apache.kafka.common.MetricName;
import org.apache.kafka.common.metrics.KafkaMetric;
import org.apache.kafka.common.metrics.MetricsReporter;

/**
 * A Kafka {@link MetricsReporter} serving the worker's own Connect metrics in Prometheus text
 * format on {@code http://<host>:<port>/metrics} (see {@link PrometheusText} for the names).
 *
 * <p>Worker config (the entrypoint sets them when {@code PATCHBAY_METRICS_ENABLED=true}):
 * <ul>
 *   <li>{@code metric.reporters=org.apache.kafka.common.metrics.JmxReporter,dev.patchbay.worker.metrics.PrometheusMetricsReporter}</li>
 *   <li>{@value #PORT_CONFIG} (default 9404, or env {@code PATCHBAY_METRICS_PORT})</li>
 *   <li>{@value #HOST_CONFIG} (default {@code 0.0.0.0})</li>
 *   <li>{@value #INCLUDE_CONFIG}: regex of metric groups to expose, default {@value #DEFAULT_INCLUDE}
 *       (worker, rebalance, coordinator, connector, task, source/sink task and task-error metrics;
 *       use {@code .*} to add the internal clients' metrics)</li>
 * </ul>
 */
public class PrometheusMetricsReporter implements MetricsReporter {
  public static final String PORT_CONFIG = "patchbay.metrics.port";
  public static final String HOST_CONFIG = "patchbay.metrics.host";
  public static final String INCLUDE_CONFIG = "patchbay.metrics.include";
  public static final String DEFAULT_INCLUDE = "connect-.*|connector-.*|source-task-.*|sink-task-.*|task-error-.*";

  private final Map<MetricName, KafkaMetric> metrics = new ConcurrentHashMap<>();
  private String host = "0.0.0.0";
  private int port = 9404;
  private Pattern include = Pattern.compile(DEFAULT_INCLUDE);
  private MetricsEndpoint endpoint;

  @Override
  public void configure(Map<String, ?> configs) {
    Object p = configs.get(PORT_CONFIG);
    String envPort = System.getenv("PATCHBAY_METRICS_PORT");
    if (p != null) {
      port = Integer.parseInt(p.toString().trim());
    } else if (envPort != null && !envPort.isBlank()) {
      port = Integer.parseInt(envPort.trim());
    }
    Object h = configs.get(HOST_CONFIG);
    if (h != null) {
      host = h.toString().trim();
    }
    Object i = configs.get(INCLUDE_CONFIG);
    if (i != null) {
      include = Pattern.compile(i.toString().trim());
    }
  }

  @Override
  public void init(List<KafkaMetric> initial) {
    initial.forEach(this::metricChange);
    endpoint = MetricsEndpoint.acquire(host, port, this);
  }

  @Override
  public void metricChange(KafkaMetric metric) {
    if (include.matcher(metric.metricName().group()).matches()) {
      metrics.put(metric.metricName(), metric);
    }
  }

  @Override
  public void metricRemoval(KafkaMetric metric) {
    metrics.remove(metric.metricName());
  }

  @Override
  public Set<String> reconfigurableConfigs() {
    return Set.of();
  }

  @Override
  public void close() {
    if (endpoint != null) {
      endpoint.release(this);
      endpoint = null;
    }
    metrics.clear();
  }

  Collection<KafkaMetric> exposed() {
    return metrics.values();
  }

  /** The port actually bound (useful with port 0 in tests), or -1 before {@link #init}. */
  public int boundPort() {
    return endpoint == null ? -1 : endpoint.port();
  }
}
