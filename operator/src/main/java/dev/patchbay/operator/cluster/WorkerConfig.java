package dev.patchbay.operator.cluster;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.patchbay.contract.PropertiesText;
import dev.patchbay.operator.Naming;
import dev.patchbay.operator.api.ArtifactType;
import dev.patchbay.operator.api.ConnectPlugin;
import dev.patchbay.operator.api.ConnectTopics;
import dev.patchbay.operator.api.KafkaConnect;
import dev.patchbay.operator.api.KafkaConnectSpec;
import dev.patchbay.operator.api.LogLevel;
import dev.patchbay.operator.api.Logging;
import dev.patchbay.operator.api.MavenCoordinates;
import dev.patchbay.operator.api.PluginArtifact;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.Duration;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;
import java.util.TreeMap;

/**
 * Renders the files of the worker ConfigMap from a {@link KafkaConnect}: pure functions, stable output (sorted keys)
 * so that the config hash only changes when the rendered config does.
 *
 * <p>Decision on logging and the hash: {@code loggers.properties} is <em>not</em> part of the hashed data. Logger
 * levels are applied live through Connect's {@code /admin/loggers} API, so changing them must not roll the workers;
 * the file only matters when a worker (re)starts, and then it reads the current ConfigMap. The root level also
 * travels in the {@code PATCHBAY_LOG_LEVEL} env var of the pod template, so changing it does roll the workers.
 */
public final class WorkerConfig {

  public static final String JSON_CONVERTER = "org.apache.kafka.connect.json.JsonConverter";

  /** ConfigMap keys whose content feeds the config hash on the pod template. */
  static final Set<String> HASHED_FILES = Set.of(Naming.WORKER_PROPERTIES_FILE, Naming.PLUGINS_FILE);

  private static final ObjectMapper JSON = new ObjectMapper();

  private WorkerConfig() {
  }

  public static String groupId(KafkaConnect kc) {
    String groupId = kc.getSpec().getGroupId();
    return isBlank(groupId) ? Naming.defaultGroupId(kc.getMetadata().getName(), kc.getMetadata().getNamespace())
        : groupId;
  }

  /** The worker properties Patchbay owns or defaults, in render order, before {@code spec.config}. */
  static Map<String, String> ownedProperties(KafkaConnect kc) {
    KafkaConnectSpec spec = kc.getSpec();
    String groupId = groupId(kc);
    ConnectTopics topics = Optional.ofNullable(spec.getTopics()).orElseGet(ConnectTopics::new);
    Map<String, String> owned = new LinkedHashMap<>();
    owned.put("bootstrap.servers", spec.getBootstrapServers());
    owned.put("group.id", groupId);
    owned.put("config.storage.topic", orDefault(topics.getConfig(), groupId + ".configs"));
    owned.put("offset.storage.topic", orDefault(topics.getOffset(), groupId + ".offsets"));
    owned.put("status.storage.topic", orDefault(topics.getStatus(), groupId + ".status"));
    return owned;
  }

  static final String SCHEDULED_REBALANCE_MAX_DELAY = "scheduled.rebalance.max.delay.ms";
  static final String DEFAULT_SCHEDULED_REBALANCE_DELAY_MS = "15000";

  /**
   * How long Connect waits for a lost worker before reassigning its connectors and tasks: {@code spec.config}'s
   * {@value #SCHEDULED_REBALANCE_MAX_DELAY} when it is a number, else Patchbay's default.
   */
  public static Duration scheduledRebalanceDelay(KafkaConnect kc) {
    String configured = Optional.ofNullable(kc.getSpec().getConfig()).map(c -> c.get(SCHEDULED_REBALANCE_MAX_DELAY))
        .orElse(DEFAULT_SCHEDULED_REBALANCE_DELAY_MS).trim();
    try {
      return Duration.ofMillis(Math.max(0, Long.parseLong(configured)));
    } catch (NumberFormatException e) {
      return Duration.ofMillis(Long.parseLong(DEFAULT_SCHEDULED_REBALANCE_DELAY_MS));
    }
  }

  /** Defaults the user may override through {@code spec.config}. */
  static Map<String, String> defaultProperties(KafkaConnect kc) {
    ConnectTopics topics = Optional.ofNullable(kc.getSpec().getTopics()).orElseGet(ConnectTopics::new);
    String replicationFactor = String.valueOf(Optional.ofNullable(topics.getReplicationFactor()).orElse(-1));
    Map<String, String> defaults = new LinkedHashMap<>();
    defaults.put("config.storage.replication.factor", replicationFactor);
    defaults.put("offset.storage.replication.factor", replicationFactor);
    defaults.put("status.storage.replication.factor", replicationFactor);
    // A worker that dies comes back as a new member of the group, whether its container restarts in place (same
    // pod, same id) or a new pod replaces it, so Connect's default of waiting 5 min for the old member before
    // reassigning its connectors and tasks leaves them stalled that long while they still show RUNNING on the dead
    // worker. 15 s rides out a brief network blip.
    defaults.put(SCHEDULED_REBALANCE_MAX_DELAY, DEFAULT_SCHEDULED_REBALANCE_DELAY_MS);
    // Connect requires converters in distributed mode; JSON is what its own examples use.
    defaults.put("key.converter", JSON_CONVERTER);
    defaults.put("value.converter", JSON_CONVERTER);
    return defaults;
  }

  /** {@code worker.properties}: owned keys, defaults not overridden, then {@code spec.config} sorted by key. */
  public static String workerProperties(KafkaConnect kc) {
    Map<String, String> userConfig = new TreeMap<>(Optional.ofNullable(kc.getSpec().getConfig()).orElse(Map.of()));
    StringBuilder out = new StringBuilder();
    out.append("# Rendered by Patchbay from KafkaConnect ").append(kc.getMetadata().getNamespace()).append('/')
        .append(kc.getMetadata().getName()).append(". Edits are overwritten.\n");
    ownedProperties(kc).forEach((k, v) -> PropertiesText.appendLine(out, k, v));
    defaultProperties(kc).forEach((k, v) -> {
      if (!userConfig.containsKey(k)) {
        PropertiesText.appendLine(out, k, v);
      }
    });
    userConfig.forEach((k, v) -> PropertiesText.appendLine(out, k, v));
    return out.toString();
  }

  /**
   * {@code loggers.properties}: {@code root=<LEVEL>} and one {@code <logger>=<LEVEL>} line per
   * {@code spec.logging.loggers} entry, sorted; the worker image appends them to its Log4j2 config.
   */
  public static String loggersProperties(KafkaConnect kc) {
    StringBuilder out = new StringBuilder();
    out.append("# Rendered by Patchbay from spec.logging. Logger levels are also applied live via /admin/loggers.\n");
    out.append("root=").append(rootLevel(kc)).append('\n');
    new TreeMap<>(loggers(kc)).forEach((logger, level) -> PropertiesText.appendLine(out, logger, level.name()));
    return out.toString();
  }

  public static boolean hasPlugins(KafkaConnect kc) {
    return kc.getSpec().getPlugins() != null && !kc.getSpec().getPlugins().isEmpty();
  }

  /**
   * {@code plugins.json} for the {@code fetch-plugins} init container (the format is documented on the worker
   * image's {@code PluginFetcher}), or empty when there are no plugins. A maven artifact carries its coordinates and
   * the repository to resolve them in: its own, else {@code mavenRepository}, so that the ConfigMap says exactly what
   * is fetched and a change of the operator's repository rolls the workers.
   */
  public static Optional<String> pluginsJson(KafkaConnect kc, String mavenRepository) {
    if (!hasPlugins(kc)) {
      return Optional.empty();
    }
    List<Map<String, Object>> rendered = kc.getSpec().getPlugins().stream()
        .map(plugin -> renderPlugin(plugin, mavenRepository)).toList();
    try {
      return Optional.of(JSON.writerWithDefaultPrettyPrinter().writeValueAsString(rendered) + "\n");
    } catch (JsonProcessingException e) {
      throw new IllegalStateException("cannot render plugins.json", e);
    }
  }

  private static Map<String, Object> renderPlugin(ConnectPlugin plugin, String mavenRepository) {
    Map<String, Object> out = new LinkedHashMap<>();
    out.put("name", plugin.getName());
    out.put("artifacts", plugin.getArtifacts().stream().map(a -> {
      String sha512 = a.getSha512() == null ? null : a.getSha512().toLowerCase(Locale.ROOT);
      Map<String, Object> artifact = new LinkedHashMap<>();
      if (a.getMaven() != null) {
        artifact.put("maven", renderCoordinates(a.getMaven()));
        artifact.put("repository", (isBlank(a.getRepository()) ? mavenRepository : a.getRepository())
            .replaceAll("/+$", ""));
        artifact.put("sha512", sha512);
      } else {
        artifact.put("url", a.getUrl());
        artifact.put("sha512", sha512);
        artifact.put("type", artifactType(a).map(WorkerConfig::typeName).orElse(null));
      }
      artifact.values().removeIf(Objects::isNull);
      return artifact;
    }).toList());
    return out;
  }

  private static Map<String, String> renderCoordinates(MavenCoordinates maven) {
    Map<String, String> out = new LinkedHashMap<>();
    out.put("group", maven.getGroup());
    out.put("artifact", maven.getArtifact());
    out.put("version", maven.getVersion());
    out.put("classifier", maven.getClassifier());
    out.put("type", maven.getType() == null ? null : maven.getType().extension());
    out.values().removeIf(Objects::isNull);
    return out;
  }

  /** The artifact's type: explicit, or inferred from the URL's suffix. */
  static Optional<ArtifactType> artifactType(PluginArtifact artifact) {
    if (artifact.getType() != null) {
      return Optional.of(artifact.getType());
    }
    String path = artifact.getUrl() == null ? "" : artifact.getUrl().replaceAll("[?#].*$", "").toLowerCase(Locale.ROOT);
    if (path.endsWith(".jar")) {
      return Optional.of(ArtifactType.JAR);
    } else if (path.endsWith(".zip")) {
      return Optional.of(ArtifactType.ZIP);
    } else if (path.endsWith(".tgz") || path.endsWith(".tar.gz")) {
      return Optional.of(ArtifactType.TGZ);
    }
    return Optional.empty();
  }

  private static String typeName(ArtifactType type) {
    return type.name().toLowerCase(Locale.ROOT);
  }

  public static LogLevel rootLevel(KafkaConnect kc) {
    Logging logging = kc.getSpec().getLogging();
    return logging == null || logging.getLevel() == null ? LogLevel.INFO : logging.getLevel();
  }

  public static Map<String, LogLevel> loggers(KafkaConnect kc) {
    return loggers(Optional.ofNullable(kc.getSpec().getLogging()).orElseGet(Logging::new));
  }

  private static Map<String, LogLevel> loggers(Logging logging) {
    return logging.getLoggers() == null ? Map.of() : logging.getLoggers();
  }

  /** The ConfigMap data: worker properties, logging, and plugins when there are any. */
  public static Map<String, String> configMapData(KafkaConnect kc, String mavenRepository) {
    Map<String, String> data = new TreeMap<>();
    data.put(Naming.WORKER_PROPERTIES_FILE, workerProperties(kc));
    data.put(Naming.LOGGERS_FILE, loggersProperties(kc));
    pluginsJson(kc, mavenRepository).ifPresent(json -> data.put(Naming.PLUGINS_FILE, json));
    return data;
  }

  /** Hash of the hashed files of the ConfigMap data (see the class comment for what is left out and why). */
  public static String configHash(Map<String, String> configMapData) {
    try {
      MessageDigest digest = MessageDigest.getInstance("SHA-256");
      new TreeMap<>(configMapData).forEach((key, value) -> {
        if (HASHED_FILES.contains(key)) {
          digest.update(key.getBytes(StandardCharsets.UTF_8));
          digest.update((byte) 0);
          digest.update(value.getBytes(StandardCharsets.UTF_8));
          digest.update((byte) 0);
        }
      });
      return HexFormat.of().formatHex(digest.digest()).substring(0, 16);
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException("SHA-256 is always available", e);
    }
  }

  private static String orDefault(String value, String fallback) {
    return isBlank(value) ? fallback : value;
  }

  static boolean isBlank(String s) {
    return s == null || s.isBlank();
  }
}
