package dev.patchbay.worker.metrics;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import java.io.IOException;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.Executors;
import org.apache.kafka.common.MetricName;
import org.apache.kafka.common.metrics.KafkaMetric;

/**
 * One HTTP server per port shared by every reporter instance of the JVM: Connect hands
 * {@code metric.reporters} to the worker and to the clients of its internal topics, so several
 * reporters exist; the server starts with the first and stops with the last.
 */
final class MetricsEndpoint {
  private static final Map<Integer, MetricsEndpoint> ENDPOINTS = new HashMap<>();

  private final int port;
  private final HttpServer server;
  private final Set<PrometheusMetricsReporter> reporters = ConcurrentHashMap.newKeySet();
  private int references;

  private MetricsEndpoint(String host, int port) {
    this.port = port;
    try {
      server = HttpServer.create(new InetSocketAddress(host, port), 16);
    } catch (IOException e) {
      throw new UncheckedIOException("cannot serve metrics on " + host + ":" + port, e);
    }
    server.createContext("/", this::handle);
    server.setExecutor(Executors.newSingleThreadExecutor(r -> {
      Thread t = new Thread(r, "patchbay-metrics-http");
      t.setDaemon(true);
      return t;
    }));
    server.start();
  }

  static synchronized MetricsEndpoint acquire(String host, int port, PrometheusMetricsReporter reporter) {
    MetricsEndpoint endpoint = ENDPOINTS.computeIfAbsent(port, p -> new MetricsEndpoint(host, p));
    endpoint.references++;
    endpoint.reporters.add(reporter);
    return endpoint;
  }

  synchronized void release(PrometheusMetricsReporter reporter) {
    synchronized (MetricsEndpoint.class) {
      if (reporters.remove(reporter) && --references == 0) {
        ENDPOINTS.remove(port);
        server.stop(0);
      }
    }
  }

  int port() {
    return server.getAddress().getPort();
  }

  private void handle(HttpExchange exchange) throws IOException {
    try (exchange) {
      String path = exchange.getRequestURI().getPath();
      if (!"GET".equals(exchange.getRequestMethod()) && !"HEAD".equals(exchange.getRequestMethod())) {
        exchange.sendResponseHeaders(405, -1);
        return;
      }
      if (!"/metrics".equals(path) && !"/".equals(path)) {
        exchange.sendResponseHeaders(404, -1);
        return;
      }
      Map<MetricName, KafkaMetric> all = new LinkedHashMap<>();
      for (PrometheusMetricsReporter reporter : reporters) {
        reporter.exposed().forEach(m -> all.putIfAbsent(m.metricName(), m));
      }
      byte[] body = PrometheusText.format(all.values()).getBytes(StandardCharsets.UTF_8);
      exchange.getResponseHeaders().set("Content-Type", PrometheusText.CONTENT_TYPE);
      if ("HEAD".equals(exchange.getRequestMethod())) {
        exchange.sendResponseHeaders(200, -1);
        return;
      }
      exchange.sendResponseHeaders(200, body.length);
      try (OutputStream out = exchange.getResponseBody()) {
        out.write(body);
      }
    }
  }
}
