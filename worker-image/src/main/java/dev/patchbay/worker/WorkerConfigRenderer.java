package dev.patchbay.worker;

import dev.patchbay.worker.metrics.PrometheusMetricsReporter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Renders the worker's effective {@code worker.properties} and {@code log4j2.properties} from the
 * mounted configuration directory and the environment. A pure function of its inputs.
 *
 * <p>Files read from the config directory ({@code PATCHBAY_CONFIG_DIR}, default
 * {@code /opt/patchbay/config}):
 * <ul>
 *   <li>{@code worker.properties} (required) — written by the operator. It must contain
 *       {@code bootstrap.servers}, {@code group.id}, {@code config.storage.topic},
 *       {@code offset.storage.topic} and {@code status.storage.topic}.</li>
 *   <li>{@code loggers.properties} (optional) — {@code <logger name>=<LEVEL>} lines, plus an optional
 *       {@code root=<LEVEL>}; appended to the distribution's {@code config/log4j2.properties}.</li>
 *   <li>{@code log4j2.properties} (optional) — a complete Log4j2 configuration used as is.</li>
 * </ul>
 *
 * <p>Keys the entrypoint owns (they win over {@code worker.properties}):
 * <ul>
 *   <li>{@code listeners=http://<PATCHBAY_REST_HOST, default 0.0.0.0>:<PATCHBAY_REST_PORT, default 8083>}
 *       and {@code rest.advertised.port} (same port), {@code rest.advertised.listener=http};</li>
 *   <li>{@code rest.advertised.host.name=$POD_IP} when {@code POD_IP} is set;</li>
 *   <li>{@code plugin.path=$PATCHBAY_PLUGIN_DIR} (default {@code /opt/patchbay/plugins}) when that
 *       directory exists;</li>
 *   <li>{@code config.providers} gains {@code dir,file,env} (Kafka's DirectoryConfigProvider,
 *       FileConfigProvider, EnvVarConfigProvider);</li>
 *   <li>{@code metric.reporters} gains {@link PrometheusMetricsReporter} (after the JMX reporter) when
 *       {@code PATCHBAY_METRICS_ENABLED=true}, serving on {@code PATCHBAY_METRICS_PORT} (default 9404) of
 *       {@code PATCHBAY_METRICS_HOST} (default all addresses; the sandbox gives each pod an address of its
 *       own).</li>
 * </ul>
 * {@code plugin.discovery} defaults to {@code service_load} (override: {@code PATCHBAY_PLUGIN_DISCOVERY}
 * or the key in worker.properties). The built-in file/json/transforms plugins all ship
 * ServiceLoader manifests; a fetched plugin without manifests needs {@code hybrid_warn}.
 * The root log level comes from {@code PATCHBAY_LOG_LEVEL}, else {@code root} in loggers.properties,
 * else INFO.
 */
public final class WorkerConfigRenderer {
  public static final String WORKER_PROPERTIES = "worker.properties";
  public static final String LOGGERS_PROPERTIES = "loggers.properties";
  public static final String LOG4J2_PROPERTIES = "log4j2.properties";

  public static final String ENV_POD_IP = "POD_IP";
  public static final String ENV_REST_PORT = "PATCHBAY_REST_PORT";
  public static final String ENV_REST_HOST = "PATCHBAY_REST_HOST";
  public static final String ENV_PLUGIN_DIR = "PATCHBAY_PLUGIN_DIR";
  public static final String ENV_PLUGIN_DISCOVERY = "PATCHBAY_PLUGIN_DISCOVERY";
  public static final String ENV_LOG_LEVEL = "PATCHBAY_LOG_LEVEL";
  public static final String ENV_METRICS_ENABLED = "PATCHBAY_METRICS_ENABLED";
  public static final String ENV_METRICS_PORT = "PATCHBAY_METRICS_PORT";
  public static final String ENV_METRICS_HOST = "PATCHBAY_METRICS_HOST";

  public static final String DEFAULT_PLUGIN_DIR = "/opt/patchbay/plugins";
  public static final int DEFAULT_REST_PORT = 8083;
  public static final int DEFAULT_METRICS_PORT = 9404;

  static final List<String> REQUIRED_KEYS = List.of(
      "bootstrap.servers", "group.id", "config.storage.topic", "offset.storage.topic", "status.storage.topic");
  static final Map<String, String> CONFIG_PROVIDERS = Map.of(
      "dir", "org.apache.kafka.common.config.provider.DirectoryConfigProvider",
      "file", "org.apache.kafka.common.config.provider.FileConfigProvider",
      "env", "org.apache.kafka.common.config.provider.EnvVarConfigProvider");
  static final String JMX_REPORTER = "org.apache.kafka.common.metrics.JmxReporter";
  private static final Set<String> LEVELS = Set.of("ALL", "TRACE", "DEBUG", "INFO", "WARN", "ERROR", "FATAL", "OFF");
  private static final Pattern ROOT_LEVEL_LINE = Pattern.compile("(?m)^\\s*rootLogger\\.level\\s*=.*$");

  /** The two rendered files' contents. */
  public record Rendered(Map<String, String> workerProperties, String log4j2Properties) {}

  private final Map<String, String> env;

  public WorkerConfigRenderer(Map<String, String> env) {
    this.env = Map.copyOf(env);
  }

  /**
   * @param configDir the mounted configuration directory
   * @param baseLog4j2 the distribution's default Log4j2 configuration text
   * @throws WorkerConfigException when worker.properties is missing or lacks required keys, or a
   *     level or port is invalid
   */
  public Rendered render(Path configDir, String baseLog4j2) {
    Path workerFile = configDir.resolve(WORKER_PROPERTIES);
    if (!Files.isRegularFile(workerFile)) {
      throw new WorkerConfigException("missing " + workerFile
          + " (set PATCHBAY_CONFIG_DIR to the directory holding the worker's worker.properties)");
    }
    Map<String, String> props = new LinkedHashMap<>(PropertiesFiles.read(workerFile));
    List<String> missing = REQUIRED_KEYS.stream()
        .filter(k -> props.getOrDefault(k, "").isBlank()).toList();
    if (!missing.isEmpty()) {
      throw new WorkerConfigException(workerFile + " is missing required worker config: " + String.join(", ", missing));
    }
    applyRest(props);
    applyPlugins(props);
    applyConfigProviders(props);
    applyMetrics(props);
    return new Rendered(props, renderLog4j2(configDir, baseLog4j2));
  }

  private void applyRest(Map<String, String> props) {
    int port = port(ENV_REST_PORT, DEFAULT_REST_PORT);
    String host = env.getOrDefault(ENV_REST_HOST, "0.0.0.0");
    props.put("listeners", "http://" + host + ":" + port);
    props.put("rest.advertised.listener", "http");
    props.put("rest.advertised.port", Integer.toString(port));
    String podIp = env.get(ENV_POD_IP);
    if (podIp != null && !podIp.isBlank()) {
      props.put("rest.advertised.host.name", podIp);
    }
  }

  private void applyPlugins(Map<String, String> props) {
    String pluginDir = env.getOrDefault(ENV_PLUGIN_DIR, DEFAULT_PLUGIN_DIR);
    if (Files.isDirectory(Path.of(pluginDir))) {
      props.put("plugin.path", pluginDir);
    } else {
      props.remove("plugin.path"); // Connect logs an error for a missing plugin.path entry
    }
    String discovery = env.get(ENV_PLUGIN_DISCOVERY);
    if (discovery != null && !discovery.isBlank()) {
      props.put("plugin.discovery", discovery);
    } else {
      props.putIfAbsent("plugin.discovery", "service_load");
    }
  }

  private static void applyConfigProviders(Map<String, String> props) {
    Set<String> names = new LinkedHashSet<>(List.of("dir", "file", "env"));
    names.addAll(list(props.get("config.providers")));
    props.put("config.providers", String.join(",", names));
    CONFIG_PROVIDERS.forEach((name, cls) -> props.put("config.providers." + name + ".class", cls));
  }

  private void applyMetrics(Map<String, String> props) {
    if (!Boolean.parseBoolean(env.getOrDefault(ENV_METRICS_ENABLED, "false").trim())) {
      return;
    }
    Set<String> reporters = new LinkedHashSet<>();
    String configured = props.get("metric.reporters");
    reporters.addAll(configured == null ? List.of(JMX_REPORTER) : list(configured));
    reporters.add(PrometheusMetricsReporter.class.getName());
    props.put("metric.reporters", String.join(",", reporters));
    props.put(PrometheusMetricsReporter.PORT_CONFIG, Integer.toString(port(ENV_METRICS_PORT, DEFAULT_METRICS_PORT)));
    String host = env.get(ENV_METRICS_HOST);
    if (host != null && !host.isBlank()) {
      props.put(PrometheusMetricsReporter.HOST_CONFIG, host.trim());
    }
  }

  private String renderLog4j2(Path configDir, String baseLog4j2) {
    Path custom = configDir.resolve(LOG4J2_PROPERTIES);
    if (Files.isRegularFile(custom)) {
      try {
        return Files.readString(custom);
      } catch (java.io.IOException e) {
        throw new WorkerConfigException("cannot read " + custom, e);
      }
    }
    Path loggersFile = configDir.resolve(LOGGERS_PROPERTIES);
    Map<String, String> loggers = Files.isRegularFile(loggersFile)
        ? new LinkedHashMap<>(PropertiesFiles.read(loggersFile)) : new LinkedHashMap<>();
    String fileRoot = loggers.remove("root");
    String envLevel = env.get(ENV_LOG_LEVEL);
    String root = level(envLevel != null && !envLevel.isBlank() ? envLevel : fileRoot != null ? fileRoot : "INFO",
        envLevel != null && !envLevel.isBlank() ? ENV_LOG_LEVEL : loggersFile + " root");
    StringBuilder out = new StringBuilder();
    Matcher m = ROOT_LEVEL_LINE.matcher(baseLog4j2);
    out.append(m.find() ? m.replaceFirst(Matcher.quoteReplacement("rootLogger.level = " + root))
        : baseLog4j2 + "\nrootLogger.level = " + root + "\n");
    if (!loggers.isEmpty()) {
      out.append("\n# from ").append(loggersFile).append('\n');
    }
    int i = 0;
    for (Map.Entry<String, String> e : loggers.entrySet()) {
      String id = "patchbay" + i++;
      out.append("logger.").append(id).append(".name = ").append(e.getKey()).append('\n');
      out.append("logger.").append(id).append(".level = ").append(level(e.getValue(), loggersFile + " " + e.getKey()))
          .append('\n');
    }
    return out.toString();
  }

  private static String level(String value, String source) {
    String level = value.trim().toUpperCase(Locale.ROOT);
    if (!LEVELS.contains(level)) {
      throw new WorkerConfigException("invalid log level '" + value + "' in " + source + "; expected one of " + LEVELS);
    }
    return level;
  }

  private int port(String envName, int defaultPort) {
    String value = env.get(envName);
    if (value == null || value.isBlank()) {
      return defaultPort;
    }
    try {
      int port = Integer.parseInt(value.trim());
      if (port < 1 || port > 65535) {
        throw new NumberFormatException();
      }
      return port;
    } catch (NumberFormatException e) {
      throw new WorkerConfigException(envName + "=" + value + " is not a valid port");
    }
  }

  private static List<String> list(String csv) {
    List<String> out = new ArrayList<>();
    if (csv != null) {
      for (String s : csv.split(",")) {
        if (!s.isBlank()) {
          out.add(s.trim());
        }
      }
    }
    return out;
  }
}
