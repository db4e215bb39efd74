package dev.patchbay.operator.connector;

import dev.patchbay.operator.api.ConnectorState;
import dev.patchbay.operator.api.KafkaConnector;
import dev.patchbay.operator.api.KafkaConnectorSpec;
import java.util.Map;
import java.util.Objects;
import java.util.SortedSet;
import java.util.TreeMap;
import java.util.TreeSet;

/**
 * The connector config Patchbay pushes, and the comparison with what Connect holds. Pure functions: the comparison is
 * on normalised string maps, so a difference in representation (whitespace Connect trims anyway, an alias against the
 * class's full name) never causes a PUT, which would restart the connector.
 */
public final class DesiredConfig {

  public static final String NAME = "name";
  public static final String CONNECTOR_CLASS = "connector.class";
  public static final String TASKS_MAX = "tasks.max";
  public static final String PLUGIN_VERSION = "connector.plugin.version";

  private DesiredConfig() {
  }

  /** {@code spec.config} plus {@code name}, {@code connector.class} and {@code tasks.max}, as strings, sorted by key. */
  /** spec.state, RUNNING when unset. */
  static ConnectorState state(KafkaConnector resource) {
    ConnectorState state = resource.getSpec().getState();
    return state == null ? ConnectorState.RUNNING : state;
  }

  public static Map<String, String> of(KafkaConnector resource) {
    KafkaConnectorSpec spec = resource.getSpec();
    Map<String, String> config = new TreeMap<>();
    if (spec.getConfig() != null) {
      spec.getConfig().forEach((key, value) -> {
        if (key != null && value != null) {
          config.put(key, value);
        }
      });
    }
    config.put(NAME, resource.getMetadata().getName());
    config.put(CONNECTOR_CLASS, spec.getConnectorClass());
    config.put(TASKS_MAX, String.valueOf(spec.getTasksMax() == null ? 1 : spec.getTasksMax()));
    if (spec.getVersion() != null && !spec.getVersion().isBlank()) {
      config.put(PLUGIN_VERSION, spec.getVersion().strip());
    }
    return config;
  }

  /** Every value under {@code spec.config}: none of them may appear in status, events or logs. */
  public static java.util.Collection<String> secretsOf(KafkaConnector resource) {
    Map<String, String> config = resource.getSpec().getConfig();
    return config == null ? java.util.List.of() : config.values().stream().filter(Objects::nonNull).toList();
  }

  /** Keys whose values differ between desired and live config after normalisation; empty when nothing to push. */
  public static SortedSet<String> changedKeys(Map<String, String> desired, Map<String, String> live) {
    SortedSet<String> keys = new TreeSet<>(desired.keySet());
    keys.addAll(live.keySet());
    keys.removeIf(key -> equivalent(key, desired.get(key), live.get(key)));
    return keys;
  }

  static boolean equivalent(String key, String desired, String live) {
    if (desired == null || live == null) {
      return desired == null && live == null;
    }
    String d = desired.strip();
    String l = live.strip();
    if (CONNECTOR_CLASS.equals(key)) {
      return sameClass(d, l);
    }
    if (TASKS_MAX.equals(key)) {
      return sameNumber(d, l);
    }
    return d.equals(l);
  }

  /**
   * Connect accepts a connector class by its full name, its simple name, or its simple name without the
   * {@code Connector} suffix: {@code FileStreamSource} and {@code org.apache.kafka.connect.file.FileStreamSourceConnector}
   * are the same class.
   */
  static boolean sameClass(String a, String b) {
    return a.equals(b) || aliasOf(a, b) || aliasOf(b, a);
  }

  private static boolean aliasOf(String alias, String fullName) {
    if (alias.contains(".")) {
      return false;
    }
    String simple = fullName.substring(fullName.lastIndexOf('.') + 1);
    return simple.equals(alias) || simple.equals(alias + "Connector");
  }

  private static boolean sameNumber(String a, String b) {
    try {
      return Integer.parseInt(a) == Integer.parseInt(b);
    } catch (NumberFormatException e) {
      return Objects.equals(a, b);
    }
  }
}
