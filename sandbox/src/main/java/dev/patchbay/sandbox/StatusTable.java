package dev.patchbay.sandbox;

import dev.patchbay.operator.api.ApiGroup;
import io.fabric8.kubernetes.api.model.GenericKubernetesResource;
import io.fabric8.kubernetes.client.KubernetesClient;
import java.io.PrintStream;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Objects;

/**
 * The live view of the sandbox's resources: NAME, KIND, STATE, TASKS, READY and, for what is not Ready, the Ready
 * condition's MESSAGE (why: a plugin that could not be fetched, a connector's error), for every KafkaConnect and
 * KafkaConnector. On a terminal it redraws in place with ANSI escapes; otherwise it prints the table again (with a
 * blank line before) only when it changed.
 */
public final class StatusTable {

  /** One line of the table. */
  public record Row(String name, String kind, String state, String tasks, String ready, String message) {
  }

  private static final String[] HEADER = {"NAME", "KIND", "STATE", "TASKS", "READY", "MESSAGE"};
  /** A message is cut here, so that a line fits a terminal and the in-place redraw stays in step. */
  static final int MAX_MESSAGE = 120;

  private final PrintStream out;
  private final boolean ansi;
  private List<String> lastLines = List.of();

  public StatusTable(PrintStream out, boolean ansi) {
    this.out = out;
    this.ansi = ansi;
  }

  /** The current rows, read from the API server. */
  public static List<Row> rows(KubernetesClient client) {
    List<Row> rows = new ArrayList<>();
    for (GenericKubernetesResource r : list(client, "KafkaConnect")) {
      Integer replicas = r.get("spec", "replicas");
      Integer ready = r.get("status", "readyReplicas");
      rows.add(new Row(name(r), "KafkaConnect", conditionReason(r),
          (ready == null ? 0 : ready) + "/" + (replicas == null ? 1 : replicas) + " workers", readyStatus(r),
          notReadyMessage(r)));
    }
    for (GenericKubernetesResource r : list(client, "KafkaConnector")) {
      String state = r.get("status", "state");
      String tasks = r.get("status", "tasksReady");
      rows.add(new Row(name(r), "KafkaConnector", state == null ? conditionReason(r) : state,
          tasks == null ? "-" : tasks, readyStatus(r), notReadyMessage(r)));
    }
    return rows;
  }

  private static List<GenericKubernetesResource> list(KubernetesClient client, String kind) {
    try {
      List<GenericKubernetesResource> items = new ArrayList<>(
          client.genericKubernetesResources(ApiGroup.API_VERSION, kind).inAnyNamespace().list().getItems());
      items.sort(java.util.Comparator.comparing(StatusTable::name));
      return items;
    } catch (RuntimeException e) {
      return List.of();
    }
  }

  private static String name(GenericKubernetesResource r) {
    return r.getMetadata().getNamespace() + "/" + r.getMetadata().getName();
  }

  /** The Ready condition's status ("True", "False", "Unknown"), or "-" when there is none. */
  public static String readyStatus(GenericKubernetesResource r) {
    Map<String, Object> c = readyCondition(r);
    return c == null ? "-" : String.valueOf(c.get("status"));
  }

  private static String conditionReason(GenericKubernetesResource r) {
    Map<String, Object> c = readyCondition(r);
    return c == null || c.get("reason") == null ? "Pending" : String.valueOf(c.get("reason"));
  }

  /** The Ready condition's message, on one line and cut short, when the resource is not Ready; else empty. */
  static String notReadyMessage(GenericKubernetesResource r) {
    Map<String, Object> c = readyCondition(r);
    if (c == null || "True".equals(c.get("status")) || c.get("message") == null) {
      return "";
    }
    String message = String.valueOf(c.get("message")).replaceAll("\\s+", " ").strip();
    return message.length() <= MAX_MESSAGE ? message : message.substring(0, MAX_MESSAGE - 1) + "…";
  }

  /** Whether the resource is Ready for its current generation. */
  public static boolean isReady(GenericKubernetesResource r) {
    Map<String, Object> c = readyCondition(r);
    if (c == null || !"True".equals(c.get("status"))) {
      return false;
    }
    Object observed = r.get("status", "observedGeneration");
    Long generation = r.getMetadata().getGeneration();
    return observed == null || generation == null || generation.equals(((Number) observed).longValue());
  }

  @SuppressWarnings("unchecked")
  static Map<String, Object> readyCondition(GenericKubernetesResource r) {
    Object conditions = r.get("status", "conditions");
    if (conditions instanceof List<?> list) {
      for (Object o : list) {
        if (o instanceof Map<?, ?> m && "Ready".equals(m.get("type"))) {
          return (Map<String, Object>) m;
        }
      }
    }
    return null;
  }

  /** Draws the rows: in place on a terminal, else only when changed. */
  public void draw(List<Row> rows) {
    List<String> lines = format(rows);
    if (!ansi) {
      if (!lines.equals(lastLines)) {
        out.println();
        lines.forEach(out::println);
        out.flush();
      }
      lastLines = lines;
      return;
    }
    StringBuilder b = new StringBuilder();
    if (!lastLines.isEmpty()) {
      b.append("\033[").append(lastLines.size()).append('A');
    }
    for (String line : lines) {
      b.append('\r').append("\033[2K").append(line).append('\n');
    }
    for (int i = lines.size(); i < lastLines.size(); i++) {
      b.append("\033[2K\n");
    }
    if (lastLines.size() > lines.size()) {
      b.append("\033[").append(lastLines.size() - lines.size()).append('A');
    }
    out.print(b);
    out.flush();
    lastLines = lines;
  }

  static List<String> format(List<Row> rows) {
    int[] w = new int[HEADER.length];
    List<String[]> cells = new ArrayList<>();
    cells.add(HEADER);
    rows.forEach(r -> cells.add(new String[] {r.name(), r.kind(), r.state(), r.tasks(), r.ready(), r.message()}));
    for (String[] c : cells) {
      for (int i = 0; i < c.length; i++) {
        w[i] = Math.max(w[i], Objects.toString(c[i], "").length());
      }
    }
    List<String> lines = new ArrayList<>();
    for (String[] c : cells) {
      StringBuilder line = new StringBuilder();
      for (int i = 0; i < c.length; i++) {
        String v = Objects.toString(c[i], "");
        line.append(v);
        if (i < c.length - 1) {
          line.append(" ".repeat(w[i] - v.length() + 3));
        }
      }
      lines.add(line.toString().stripTrailing());
    }
    return lines;
  }
}
