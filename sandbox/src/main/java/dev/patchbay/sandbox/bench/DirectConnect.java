package dev.patchbay.sandbox.bench;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Collection;
import java.util.HashSet;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.TimeoutException;

/**
 * What a user without Patchbay does: talk to the worker's REST API directly. The baseline of the side-by-side
 * figures, so it is as plain as possible: one JDK HTTP client, no retries but on 409 (rebalance).
 */
final class DirectConnect {

  private static final ObjectMapper JSON = new ObjectMapper();
  private final HttpClient http = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1)
      .connectTimeout(Duration.ofSeconds(3)).build();
  private final String url;
  private final java.util.concurrent.atomic.AtomicLong rebalanceRetries = new java.util.concurrent.atomic.AtomicLong();

  DirectConnect(String url) {
    this.url = url;
  }

  /** {@code POST /connectors}; retried while Connect answers 409 (rebalancing). */
  void create(String name, String connectorClass, Map<String, String> config) throws IOException,
      InterruptedException {
    Map<String, String> all = new LinkedHashMap<>(config);
    all.put("connector.class", connectorClass);
    all.put("tasks.max", "1");
    String body = JSON.writeValueAsString(Map.of("name", name, "config", all));
    for (int attempt = 0; ; attempt++) {
      HttpResponse<String> response = send(HttpRequest.newBuilder(uri("/connectors"))
          .header("Content-Type", "application/json")
          .POST(HttpRequest.BodyPublishers.ofString(body)));
      if (response.statusCode() == 201) {
        return;
      }
      if (response.statusCode() != 409 || attempt > 100) {
        throw new IOException("POST /connectors " + name + ": " + response.statusCode() + " " + response.body());
      }
      rebalanceRetries.incrementAndGet();
      Thread.sleep(100);
    }
  }

  /** How many POSTs were answered 409 (rebalancing) and retried so far. */
  long rebalanceRetries() {
    return rebalanceRetries.get();
  }

  /** {@code GET /connectors/{name}/status}: the connector and all its tasks RUNNING. */
  boolean isRunning(String name) throws IOException, InterruptedException {
    HttpResponse<String> response = send(HttpRequest.newBuilder(uri("/connectors/" + encode(name) + "/status")));
    return response.statusCode() == 200 && running(JSON.readTree(response.body()));
  }

  /** Polls {@code GET /connectors/{name}/status} every {@code interval} until RUNNING; returns when it saw it. */
  long awaitRunning(String name, Duration interval, Duration timeout) throws IOException, InterruptedException,
      TimeoutException {
    long deadline = System.nanoTime() + timeout.toNanos();
    while (System.nanoTime() < deadline) {
      if (isRunning(name)) {
        return System.nanoTime();
      }
      Thread.sleep(interval.toMillis());
    }
    throw new TimeoutException(name + " not RUNNING within " + timeout);
  }

  /**
   * Polls {@code GET /connectors?expand=status} every {@code interval} until all {@code names} are RUNNING; returns
   * when it saw that.
   */
  long awaitAllRunning(Collection<String> names, Duration interval, Duration timeout) throws IOException,
      InterruptedException, TimeoutException {
    long deadline = System.nanoTime() + timeout.toNanos();
    Set<String> waiting = new HashSet<>(names);
    while (System.nanoTime() < deadline) {
      try {
        JsonNode all = listing();
        waiting.removeIf(n -> all.has(n) && running(all.get(n).path("status")));
        if (waiting.isEmpty()) {
          return System.nanoTime();
        }
      } catch (IOException workerNotBackYet) {
        // recovery: the worker may still be starting
      }
      Thread.sleep(interval.toMillis());
    }
    throw new TimeoutException(waiting.size() + " of " + names.size() + " connectors not RUNNING within " + timeout);
  }

  /** Deletes the connectors and waits until Connect no longer lists them. */
  void deleteAll(Collection<String> names, Duration timeout) throws IOException, InterruptedException,
      TimeoutException {
    for (String name : names) {
      for (int attempt = 0; ; attempt++) {
        int status = send(HttpRequest.newBuilder(uri("/connectors/" + encode(name))).DELETE()).statusCode();
        if (status == 204 || status == 404 || status == 200) {
          break;
        }
        if (attempt > 100) {
          throw new IOException("DELETE " + name + ": " + status);
        }
        Thread.sleep(100);
      }
    }
    long deadline = System.nanoTime() + timeout.toNanos();
    while (System.nanoTime() < deadline) {
      JsonNode all = listing();
      if (names.stream().noneMatch(all::has)) {
        return;
      }
      Thread.sleep(100);
    }
    throw new TimeoutException("connectors still listed " + timeout + " after DELETE");
  }

  private JsonNode listing() throws IOException, InterruptedException {
    HttpResponse<String> response = send(HttpRequest.newBuilder(uri("/connectors?expand=status")));
    if (response.statusCode() != 200) {
      throw new IOException("GET /connectors?expand=status: " + response.statusCode());
    }
    return JSON.readTree(response.body());
  }

  static boolean running(JsonNode status) {
    if (!"RUNNING".equals(status.path("connector").path("state").asText())) {
      return false;
    }
    JsonNode tasks = status.path("tasks");
    if (!tasks.isArray() || tasks.isEmpty()) {
      return false;
    }
    for (Iterator<JsonNode> it = tasks.elements(); it.hasNext(); ) {
      if (!"RUNNING".equals(it.next().path("state").asText())) {
        return false;
      }
    }
    return true;
  }

  private HttpResponse<String> send(HttpRequest.Builder request) throws IOException, InterruptedException {
    return http.send(request.timeout(Duration.ofSeconds(30)).build(), HttpResponse.BodyHandlers.ofString());
  }

  private URI uri(String path) {
    return URI.create(url + path);
  }

  private static String encode(String name) {
    return URLEncoder.encode(name, StandardCharsets.UTF_8).replace("+", "%20");
  }
}
