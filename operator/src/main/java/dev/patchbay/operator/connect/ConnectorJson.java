package dev.patchbay.operator.connect;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/** Reads one entry of {@code GET /connectors?expand=status&expand=info} into a {@link ConnectorView}. */
public final class ConnectorJson {

  private ConnectorJson() {
  }

  /** {@code entry} is {@code {"info": {...}, "status": {...}}}; either may be missing while Connect is busy. */
  public static ConnectorView view(String name, JsonNode entry) {
    JsonNode info = entry.path("info");
    JsonNode status = entry.path("status");
    Map<String, String> config = new LinkedHashMap<>();
    info.path("config").fields().forEachRemaining(e -> config.put(e.getKey(), e.getValue().asText()));
    String type = textOr(status.path("type"), textOr(info.path("type"), null));
    JsonNode connector = status.path("connector");
    ConnectorView.InstanceState state = connector.isMissingNode() ? null
        : new ConnectorView.InstanceState(textOr(connector.path("state"), null),
            textOr(connector.path("worker_id"), null), textOr(connector.path("trace"), null));
    List<ConnectorView.TaskState> tasks = new ArrayList<>();
    for (JsonNode task : status.path("tasks")) {
      tasks.add(new ConnectorView.TaskState(task.path("id").asInt(), textOr(task.path("state"), null),
          textOr(task.path("worker_id"), null), textOr(task.path("trace"), null)));
    }
    tasks.sort(Comparator.comparingInt(ConnectorView.TaskState::id));
    return new ConnectorView(name, config, type == null || "unknown".equals(type) ? null : type, state, tasks);
  }

  private static String textOr(JsonNode node, String fallback) {
    return node == null || node.isMissingNode() || node.isNull() ? fallback : node.asText();
  }
}
