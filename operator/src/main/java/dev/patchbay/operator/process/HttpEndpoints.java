package dev.patchbay.operator.process;

import dev.patchbay.operator.DaemonThreads;
import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import java.io.IOException;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.function.BooleanSupplier;
import java.util.function.Supplier;

/**
 * The operator's HTTP endpoints, on the JDK's built-in server.
 *
 * <ul>
 *   <li>{@code /healthz}: 200 while the operator runs (liveness);</li>
 *   <li>{@code /readyz}: 200 once the operator has started and its informers have synced (readiness). Every replica
 *       reports ready, leader or not: the followers have warm caches and only the leader reconciles;</li>
 *   <li>{@code /metrics}: the scrape of the operator's Prometheus meter registry, text format 0.0.4.</li>
 * </ul>
 */
public final class HttpEndpoints implements AutoCloseable {

  static final String PROMETHEUS_TEXT = "text/plain; version=0.0.4; charset=utf-8";

  private final HttpServer server;
  private final ExecutorService executor;

  public HttpEndpoints(int port, BooleanSupplier live, BooleanSupplier ready, Supplier<String> metrics) {
    try {
      server = HttpServer.create(new InetSocketAddress(port), 16);
    } catch (IOException e) {
      throw new UncheckedIOException("cannot listen on port " + port, e);
    }
    executor = Executors.newFixedThreadPool(2, DaemonThreads.named("patchbay-http"));
    server.setExecutor(executor);
    server.createContext("/healthz", exchange -> probe(exchange, live.getAsBoolean()));
    server.createContext("/readyz", exchange -> probe(exchange, ready.getAsBoolean()));
    server.createContext("/metrics", exchange -> respond(exchange, 200, PROMETHEUS_TEXT, metrics.get()));
    server.createContext("/", exchange -> respond(exchange, 404, "text/plain", "not found\n"));
  }

  public HttpEndpoints start() {
    server.start();
    return this;
  }

  /** The port actually listened on (useful with port 0). */
  public int port() {
    return server.getAddress().getPort();
  }

  @Override
  public void close() {
    server.stop(0);
    executor.shutdownNow();
  }

  private static void probe(HttpExchange exchange, boolean ok) throws IOException {
    respond(exchange, ok ? 200 : 503, "text/plain", ok ? "ok\n" : "not ready\n");
  }

  private static void respond(HttpExchange exchange, int status, String contentType, String body)
      throws IOException {
    try (exchange) {
      byte[] bytes = body.getBytes(StandardCharsets.UTF_8);
      exchange.getResponseHeaders().set("Content-Type", contentType);
      boolean head = "HEAD".equalsIgnoreCase(exchange.getRequestMethod());
      exchange.sendResponseHeaders(status, head ? -1 : bytes.length);
      if (!head) {
        try (OutputStream out = exchange.getResponseBody()) {
          out.write(bytes);
        }
      }
    }
  }
}
