package dev.patchbay.sandbox.api;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.List;

/**
 * Renders a {@code meta.k8s.io/v1} Table, which {@code kubectl get} asks for and the mock server does not produce:
 * columns from a CRD's {@code additionalPrinterColumns}, a few fixed ones for Pods ({@link PodStatusColumn}) and
 * Deployments, NAME and AGE otherwise.
 */
final class TableRenderer {

  private static final JsonNodeFactory JSON = JsonNodeFactory.instance;

  /** One column: a JSONPath evaluated on each object, or a computed cell. */
  record Column(String name, String type, String format, String description, int priority, String jsonPath) {
  }

  private final Clock clock;

  TableRenderer(Clock clock) {
    this.clock = clock;
  }

  /** The columns kubectl shows for a kind: NAME, then the CRD's printer columns (or AGE when it has none). */
  static List<Column> columnsFor(JsonNode crd, String version, String kind) {
    List<Column> columns = new ArrayList<>();
    columns.add(new Column("Name", "string", "name", "Name of the resource", 0, ".metadata.name"));
    JsonNode printerColumns = null;
    if (crd != null) {
      for (JsonNode v : crd.path("spec").path("versions")) {
        if (v.path("name").asText().equals(version)) {
          printerColumns = v.path("additionalPrinterColumns");
        }
      }
    }
    if (printerColumns != null && printerColumns.size() > 0) {
      for (JsonNode c : printerColumns) {
        columns.add(new Column(c.path("name").asText(), c.path("type").asText("string"), c.path("format").asText(""),
            c.path("description").asText(""), c.path("priority").asInt(0), c.path("jsonPath").asText()));
      }
      return columns;
    }
    if ("Pod".equals(kind)) {
      columns.add(new Column("Ready", "string", "", "Ready/all containers", 0, "#podready"));
      columns.add(new Column("Status", "string", "", "Status of the pod as kubectl prints it", 0, "#podstatus"));
      columns.add(new Column("Restarts", "integer", "", "Container restarts", 0, "#podrestarts"));
    }
    if ("Deployment".equals(kind)) {
      columns.add(new Column("Ready", "string", "", "Ready/desired replicas", 0, "#ready"));
      columns.add(new Column("Up-to-date", "integer", "", "Updated replicas", 0, ".status.updatedReplicas"));
      columns.add(new Column("Available", "integer", "", "Available replicas", 0, ".status.availableReplicas"));
    }
    columns.add(new Column("Age", "date", "", "Time since creation", 0, ".metadata.creationTimestamp"));
    return columns;
  }

  /**
   * @param body a single object or a list ({@code items})
   * @param includeObject {@code None}, {@code Object} or (default) {@code Metadata}
   */
  JsonNode render(JsonNode body, List<Column> columns, String includeObject) {
    ObjectNode table = JSON.objectNode().put("kind", "Table").put("apiVersion", "meta.k8s.io/v1");
    ObjectNode metadata = table.putObject("metadata");
    if (body.has("items")) {
      metadata.put("resourceVersion", body.path("metadata").path("resourceVersion").asText(""));
    }
    ArrayNode definitions = table.putArray("columnDefinitions");
    for (Column c : columns) {
      definitions.addObject().put("name", c.name()).put("type", c.type()).put("format", c.format())
          .put("description", c.description()).put("priority", c.priority());
    }
    ArrayNode rows = table.putArray("rows");
    Iterable<JsonNode> items = body.has("items") ? body.path("items") : List.of(body);
    for (JsonNode item : items) {
      ObjectNode row = rows.addObject();
      ArrayNode cells = row.putArray("cells");
      for (Column c : columns) {
        cells.add(cell(item, c));
      }
      if ("Object".equals(includeObject)) {
        row.set("object", item);
      } else if (!"None".equals(includeObject)) {
        row.putObject("object").put("kind", "PartialObjectMetadata").put("apiVersion", "meta.k8s.io/v1")
            .set("metadata", item.path("metadata"));
      }
    }
    return table;
  }

  private JsonNode cell(JsonNode item, Column c) {
    if (c.jsonPath().equals("#podready")) {
      int all = item.path("status").path("containerStatuses").size();
      int ready = 0;
      for (JsonNode cs : item.path("status").path("containerStatuses")) {
        ready += cs.path("ready").asBoolean() ? 1 : 0;
      }
      return JSON.textNode(ready + "/" + all);
    }
    if (c.jsonPath().equals("#podstatus")) {
      return JSON.textNode(PodStatusColumn.status(item));
    }
    if (c.jsonPath().equals("#podrestarts")) {
      return JSON.numberNode(PodStatusColumn.restarts(item));
    }
    if (c.jsonPath().equals("#ready")) {
      return JSON.textNode(item.path("status").path("readyReplicas").asInt(0) + "/"
          + item.path("spec").path("replicas").asInt(1));
    }
    JsonNode value = SimpleJsonPath.first(item, c.jsonPath());
    if (value.isMissingNode() || value.isNull()) {
      return JSON.nullNode();
    }
    switch (c.type()) {
      case "date":
        return JSON.textNode(age(value.asText()));
      case "integer":
        return value.isNumber() ? value : JSON.textNode(value.asText());
      case "number":
      case "boolean":
        return value.isValueNode() ? value : JSON.textNode(value.toString());
      default:
        return JSON.textNode(value.isValueNode() ? value.asText() : value.toString());
    }
  }

  private String age(String timestamp) {
    try {
      return humanDuration(Duration.between(Instant.parse(timestamp), clock.instant()));
    } catch (DateTimeParseException e) {
      return "<unknown>";
    }
  }

  /** The age format kubectl uses (k8s.io/apimachinery duration.HumanDuration). */
  static String humanDuration(Duration d) {
    long seconds = d.getSeconds();
    if (seconds < 0) {
      return "0s";
    }
    if (seconds < 120) {
      return seconds + "s";
    }
    long minutes = seconds / 60;
    if (minutes < 10) {
      return seconds % 60 == 0 ? minutes + "m" : minutes + "m" + seconds % 60 + "s";
    }
    if (minutes < 180) {
      return minutes + "m";
    }
    long hours = minutes / 60;
    if (hours < 8) {
      return minutes % 60 == 0 ? hours + "h" : hours + "h" + minutes % 60 + "m";
    }
    if (hours < 48) {
      return hours + "h";
    }
    if (hours < 24 * 8) {
      return hours % 24 == 0 ? hours / 24 + "d" : hours / 24 + "d" + hours % 24 + "h";
    }
    if (hours < 24 * 365 * 2) {
      return hours / 24 + "d";
    }
    if (hours < 24 * 365 * 8) {
      long days = hours / 24;
      return days % 365 == 0 ? days / 365 + "y" : days / 365 + "y" + days % 365 + "d";
    }
    return hours / 24 / 365 + "y";
  }
}
