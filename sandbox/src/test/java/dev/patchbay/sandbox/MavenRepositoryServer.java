package dev.patchbay.sandbox;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;

/**
 * A local Maven repository (such as {@code ~/.m2/repository}) served read-only over HTTP on loopback, in the layout
 * of a remote repository: what a mirror in an air-gapped cluster is to the operator's
 * {@code PATCHBAY_MAVEN_REPOSITORY}. Files are served as they are, including the {@code .sha1} files Maven keeps
 * next to what it downloaded (the checksums the remote repository published). Records every path it was asked for.
 */
final class MavenRepositoryServer implements AutoCloseable {

  private final Path root;
  private final HttpServer server;
  private final ExecutorService executor = Executors.newFixedThreadPool(2);
  private final List<String> requested = new CopyOnWriteArrayList<>();

  private MavenRepositoryServer(Path root) throws IOException {
    this.root = root.toAbsolutePath().normalize();
    server = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 0);
    server.createContext("/", this::serve);
    server.setExecutor(executor);
  }

  static MavenRepositoryServer start(Path root) throws IOException {
    MavenRepositoryServer s = new MavenRepositoryServer(root);
    s.server.start();
    return s;
  }

  /** The repository's base URL (no trailing slash). */
  String url() {
    return "http://127.0.0.1:" + server.getAddress().getPort();
  }

  /** Paths asked for so far, in order (200 and 404 alike). */
  List<String> requested() {
    return List.copyOf(requested);
  }

  private void serve(HttpExchange exchange) throws IOException {
    try (exchange) {
      String path = URI.create(exchange.getRequestURI().getRawPath()).getPath();
      requested.add(path);
      boolean head = "HEAD".equals(exchange.getRequestMethod());
      if (!head && !"GET".equals(exchange.getRequestMethod())) {
        exchange.sendResponseHeaders(405, -1);
        return;
      }
      Path file = root.resolve(path.replaceFirst("^/+", "")).normalize();
      if (!file.startsWith(root) || !Files.isRegularFile(file)) {
        exchange.sendResponseHeaders(404, -1);
        return;
      }
      long size = Files.size(file);
      exchange.sendResponseHeaders(200, head ? -1 : size == 0 ? -1 : size);
      if (!head) {
        try (InputStream in = Files.newInputStream(file); OutputStream out = exchange.getResponseBody()) {
          in.transferTo(out);
        }
      }
    }
  }

  @Override
  public void close() {
    server.stop(0);
    executor.shutdownNow();
  }
}
