package dev.patchbay.operator.connect;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.IOException;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.Semaphore;
import java.util.concurrent.TimeUnit;

/** {@link ConnectClient} over the JDK {@link HttpClient} and Jackson. */
final class HttpConnectClient implements ConnectClient {

  private static final ObjectMapper JSON = new ObjectMapper();

  private final HttpClient http;
  private final URI base;
  private final String cluster;
  private final Duration requestTimeout;
  private final Semaphore slots;
  private final RestCallListener listener;

  HttpConnectClient(HttpClient http, String baseUrl, String cluster, Duration requestTimeout, int maxConcurrent,
                    RestCallListener listener) {
    this.http = http;
    this.base = URI.create(baseUrl.endsWith("/") ? baseUrl.substring(0, baseUrl.length() - 1) : baseUrl);
    this.cluster = cluster;
    this.requestTimeout = requestTimeout;
    this.slots = new Semaphore(maxConcurrent);
    this.listener = listener;
  }

  @Override
  public ServerInfo serverInfo() {
    JsonNode root = call("GET", "/", "/", null);
    return new ServerInfo(text(root, "version"), text(root, "commit"), text(root, "kafka_cluster_id"));
  }

  @Override
  public List<PluginInfo> connectorPlugins() {
    List<PluginInfo> plugins = new ArrayList<>();
    for (JsonNode plugin : call("GET", "/connector-plugins", "/connector-plugins", null)) {
      plugins.add(new PluginInfo(text(plugin, "class"), text(plugin, "type"), text(plugin, "version")));
    }
    return plugins;
  }

  @Override
  public Map<String, ConnectorView> connectors() {
    JsonNode root = call("GET", "/connectors?expand=status&expand=info", "/connectors?expand", null);
    Map<String, ConnectorView> connectors = new LinkedHashMap<>();
    root.fields().forEachRemaining(e -> connectors.put(e.getKey(), ConnectorJson.view(e.getKey(), e.getValue())));
    return connectors;
  }

  @Override
  public ConnectorView status(String name) {
    JsonNode root;
    try {
      root = call("GET", "/connectors/" + enc(name) + "/status", "/connectors/{name}/status", null);
    } catch (ConnectRestException e) {
      if (e.isNotFound()) {
        return null;
      }
      throw e;
    }
    return ConnectorJson.view(name, JSON.createObjectNode().set("status", root));
  }

  @Override
  public Map<String, String> create(String name, Map<String, String> config, String initialState) {
    ObjectNode body = JSON.createObjectNode();
    body.put("name", name);
    body.set("config", JSON.valueToTree(config));
    if (initialState != null) {
      body.put("initial_state", initialState);
    }
    JsonNode answer = call("POST", "/connectors", "/connectors", body);
    Map<String, String> stored = new LinkedHashMap<>();
    answer.path("config").fields().forEachRemaining(e -> stored.put(e.getKey(), e.getValue().asText()));
    return stored;
  }

  @Override
  public void putConfig(String name, Map<String, String> config) {
    call("PUT", "/connectors/" + enc(name) + "/config", "/connectors/{name}/config", JSON.valueToTree(config));
  }

  @Override
  public ValidationResult validate(String connectorClass, Map<String, String> config) {
    Map<String, String> body = new LinkedHashMap<>(config);
    body.put("connector.class", connectorClass);
    JsonNode root = call("PUT", "/connector-plugins/" + enc(connectorClass) + "/config/validate",
        "/connector-plugins/{class}/config/validate", JSON.valueToTree(body));
    List<ValidationResult.FieldError> errors = new ArrayList<>();
    Set<String> passwords = new LinkedHashSet<>();
    for (JsonNode entry : root.path("configs")) {
      JsonNode definition = entry.path("definition");
      String key = definition.path("name").asText(entry.path("value").path("name").asText());
      if ("PASSWORD".equals(definition.path("type").asText())) {
        passwords.add(key);
      }
      List<String> messages = new ArrayList<>();
      entry.path("value").path("errors").forEach(m -> messages.add(m.asText()));
      if (!messages.isEmpty()) {
        errors.add(new ValidationResult.FieldError(key, messages));
      }
    }
    return new ValidationResult(root.path("error_count").asInt(errors.size()), errors, passwords);
  }

  @Override
  public void pause(String name) {
    call("PUT", "/connectors/" + enc(name) + "/pause", "/connectors/{name}/pause", null);
  }

  @Override
  public void resume(String name) {
    call("PUT", "/connectors/" + enc(name) + "/resume", "/connectors/{name}/resume", null);
  }

  @Override
  public void stop(String name) {
    call("PUT", "/connectors/" + enc(name) + "/stop", "/connectors/{name}/stop", null);
  }

  @Override
  public void restart(String name, boolean includeTasks, boolean onlyFailed) {
    call("POST", "/connectors/" + enc(name) + "/restart?includeTasks=" + includeTasks + "&onlyFailed=" + onlyFailed,
        "/connectors/{name}/restart", null);
  }

  @Override
  public void restartTask(String name, int task) {
    call("POST", "/connectors/" + enc(name) + "/tasks/" + task + "/restart", "/connectors/{name}/tasks/{id}/restart",
        null);
  }

  @Override
  public void delete(String name) {
    try {
      call("DELETE", "/connectors/" + enc(name), "/connectors/{name}", null);
    } catch (ConnectRestException e) {
      if (!e.isNotFound()) {
        throw e;
      }
    }
  }

  @Override
  public List<String> topics(String name) {
    JsonNode root = call("GET", "/connectors/" + enc(name) + "/topics", "/connectors/{name}/topics", null);
    List<String> topics = new ArrayList<>();
    root.path(name).path("topics").forEach(t -> topics.add(t.asText()));
    topics.sort(Comparator.naturalOrder());
    return topics;
  }

  @Override
  public String offsets(String name) {
    return call("GET", "/connectors/" + enc(name) + "/offsets", "/connectors/{name}/offsets", null).toString();
  }

  @Override
  public String alterOffsets(String name, String offsetsJson) {
    JsonNode body;
    try {
      body = JSON.readTree(offsetsJson);
    } catch (JsonProcessingException e) {
      throw new IllegalArgumentException("offsets are not JSON: " + e.getOriginalMessage(), e);
    }
    return call("PATCH", "/connectors/" + enc(name) + "/offsets", "/connectors/{name}/offsets", body)
        .path("message").asText("");
  }

  @Override
  public String resetOffsets(String name) {
    return call("DELETE", "/connectors/" + enc(name) + "/offsets", "/connectors/{name}/offsets", null)
        .path("message").asText("");
  }

  @Override
  public Map<String, String> loggerLevels() {
    Map<String, String> levels = new LinkedHashMap<>();
    call("GET", "/admin/loggers", "/admin/loggers", null).fields()
        .forEachRemaining(e -> levels.put(e.getKey(), e.getValue().path("level").asText(null)));
    return levels;
  }

  @Override
  public void setLoggerLevel(String logger, String level) {
    ObjectNode body = JSON.createObjectNode().put("level", level);
    call("PUT", "/admin/loggers/" + enc(logger) + "?scope=cluster", "/admin/loggers/{logger}", body);
  }

  private JsonNode call(String method, String path, String pathTemplate, JsonNode body) {
    HttpRequest request = request(method, path, body);
    acquireSlot();
    long start = System.nanoTime();
    int status = -1;
    try {
      HttpResponse<String> response = http.send(request, HttpResponse.BodyHandlers.ofString());
      status = response.statusCode();
      if (status >= 400) {
        throw new ConnectRestException(status, errorMessage(response.body(), status));
      }
      String text = response.body();
      return text == null || text.isBlank() ? JSON.nullNode() : JSON.readTree(text);
    } catch (JsonProcessingException e) {
      throw new ConnectException("Connect at " + base + " answered " + method + " " + pathTemplate
          + " with a body that is not JSON", e);
    } catch (IOException e) {
      throw new ConnectUnavailableException("Connect at " + base + " is unreachable (" + describe(e) + ")", e);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new ConnectUnavailableException("interrupted while calling Connect at " + base, e);
    } finally {
      slots.release();
      listener.onCall(cluster, method, pathTemplate, status, Duration.ofNanos(System.nanoTime() - start));
    }
  }

  private HttpRequest request(String method, String path, JsonNode body) {
    HttpRequest.BodyPublisher publisher = body == null
        ? HttpRequest.BodyPublishers.noBody()
        : HttpRequest.BodyPublishers.ofString(body.toString(), StandardCharsets.UTF_8);
    return HttpRequest.newBuilder(URI.create(base + path))
        .timeout(requestTimeout)
        .header("Accept", "application/json")
        .header("Content-Type", "application/json")
        .method(method, publisher)
        .build();
  }

  private void acquireSlot() {
    try {
      if (!slots.tryAcquire(requestTimeout.toMillis(), TimeUnit.MILLISECONDS)) {
        throw new ConnectUnavailableException("too many requests in flight to Connect at " + base, null);
      }
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new ConnectUnavailableException("interrupted while waiting to call Connect at " + base, e);
    }
  }

  private static String errorMessage(String body, int status) {
    try {
      JsonNode node = JSON.readTree(body);
      if (node != null && node.hasNonNull("message")) {
        return node.get("message").asText();
      }
    } catch (IOException | RuntimeException ignored) {
      // not Connect's JSON error shape; fall through
    }
    return "HTTP " + status;
  }

  private static String describe(IOException e) {
    String message = e.getMessage();
    return e.getClass().getSimpleName() + (message == null ? "" : ": " + message);
  }

  private static String text(JsonNode node, String field) {
    JsonNode value = node.get(field);
    return value == null || value.isNull() ? null : value.asText();
  }

  private static String enc(String segment) {
    return URLEncoder.encode(segment, StandardCharsets.UTF_8).replace("+", "%20");
  }
}
