package dev.patchbay.operator.cluster;

import dev.patchbay.operator.api.ConnectorPluginStatus;
import dev.patchbay.operator.api.LogLevel;
import dev.patchbay.operator.connect.ConnectClient;
import dev.patchbay.operator.connect.ConnectException;
import dev.patchbay.operator.connect.PluginInfo;
import dev.patchbay.operator.connect.ServerInfo;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/** What the operator learns from a Connect cluster's REST API on each reconcile, and the live logger sync. */
final class ConnectProbe {

  private static final Logger LOG = LoggerFactory.getLogger(ConnectProbe.class);

  /** A successful probe ({@code error} null) or why the REST API could not be used. */
  record Result(ServerInfo info, List<ConnectorPluginStatus> plugins, Set<String> connectorNames, String error) {

    boolean reachable() {
      return error == null;
    }
  }

  private ConnectProbe() {
  }

  /** GET /, GET /connector-plugins and GET /connectors (expanded: the same call the connector reconciler uses). */
  static Result probe(ConnectClient connect) {
    return probe(connect, null);
  }

  /**
   * Like {@link #probe(ConnectClient)}, but reuses version and plugins from {@code known} (a reachable earlier probe
   * of the same workers) and only lists the connectors: they change only when the workers restart.
   */
  static Result probe(ConnectClient connect, Result known) {
    try {
      ServerInfo info;
      List<ConnectorPluginStatus> plugins;
      if (known != null && known.reachable()) {
        info = known.info();
        plugins = known.plugins();
      } else {
        info = connect.serverInfo();
        plugins = connect.connectorPlugins().stream()
            .map(ConnectProbe::pluginStatus)
            // every version a worker offers is its own entry (Connect 4.1+ lists each installed version)
            .sorted(Comparator.comparing(ConnectorPluginStatus::className, Comparator.nullsFirst(String::compareTo))
                .thenComparing(ConnectorPluginStatus::version, Comparator.nullsFirst(String::compareTo)))
            .toList();
      }
      Set<String> names = new TreeSet<>(connect.connectors().keySet());
      return new Result(info, plugins, names, null);
    } catch (ConnectException e) {
      return new Result(null, null, null, e.getMessage() == null ? e.getClass().getSimpleName() : e.getMessage());
    }
  }

  private static ConnectorPluginStatus pluginStatus(PluginInfo plugin) {
    return new ConnectorPluginStatus(plugin.className(), plugin.type(), plugin.version());
  }

  /**
   * Applies {@code spec.logging.loggers} through {@code /admin/loggers} where the live level differs, without a
   * restart. A failure is logged and retried on the next poll; it does not affect the cluster's readiness.
   */
  static void syncLoggers(ConnectClient connect, Map<String, LogLevel> wanted, String cluster) {
    if (wanted.isEmpty()) {
      return;
    }
    try {
      Map<String, String> live = connect.loggerLevels();
      wanted.forEach((logger, level) -> {
        if (!level.name().equalsIgnoreCase(live.get(logger))) {
          LOG.info("Setting logger {} to {} on cluster {}", logger, level, cluster);
          connect.setLoggerLevel(logger, level.name());
        }
      });
    } catch (ConnectException e) {
      LOG.warn("Could not apply logger levels on cluster {}: {}", cluster, e.getMessage());
    }
  }
}
