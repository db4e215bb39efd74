package dev.patchbay.sandbox.api;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.ArrayList;
import java.util.List;

/**
 * The STATUS and RESTARTS cells of a pod as a real API server prints them ({@code printPod} in Kubernetes'
 * internal printers): {@code Init:Error}, {@code Init:CrashLoopBackOff}, {@code Init:0/1} while an init container
 * has not completed, else the reason a container waits or terminated ({@code CrashLoopBackOff}, {@code Error}),
 * else the phase; {@code Terminating} when deleted. Restarts count the init containers' while they run, else the
 * containers'.
 */
final class PodStatusColumn {

  private PodStatusColumn() {
  }

  static String status(JsonNode pod) {
    return evaluate(pod).status();
  }

  static int restarts(JsonNode pod) {
    return evaluate(pod).restarts();
  }

  private record Cells(String status, int restarts) {
  }

  private static Cells evaluate(JsonNode pod) {
    JsonNode status = pod.path("status");
    String reason = status.path("reason").asText(status.path("phase").asText(""));
    int restarts = 0;
    boolean initializing = false;
    int initCount = pod.path("spec").path("initContainers").size();
    int i = 0;
    for (JsonNode init : status.path("initContainerStatuses")) {
      restarts += init.path("restartCount").asInt();
      JsonNode terminated = init.path("state").path("terminated");
      String waiting = init.path("state").path("waiting").path("reason").asText("");
      if (!terminated.isMissingNode() && terminated.path("exitCode").asInt() == 0) {
        i++;
        continue;
      }
      initializing = true;
      if (!terminated.isMissingNode()) {
        reason = terminated.path("reason").asText("").isEmpty()
            ? "Init:ExitCode:" + terminated.path("exitCode").asInt() : "Init:" + terminated.path("reason").asText();
      } else if (!waiting.isEmpty() && !waiting.equals("PodInitializing")) {
        reason = "Init:" + waiting;
      } else {
        reason = "Init:" + i + "/" + initCount;
      }
      break;
    }
    if (!initializing) {
      restarts = 0;
      List<JsonNode> containers = new ArrayList<>();
      status.path("containerStatuses").forEach(containers::add);
      boolean running = false;
      for (int c = containers.size() - 1; c >= 0; c--) {
        JsonNode container = containers.get(c);
        restarts += container.path("restartCount").asInt();
        JsonNode state = container.path("state");
        String waiting = state.path("waiting").path("reason").asText("");
        String terminated = state.path("terminated").path("reason").asText("");
        if (!waiting.isEmpty()) {
          reason = waiting;
        } else if (!terminated.isEmpty()) {
          reason = terminated;
        } else if (state.has("terminated")) {
          reason = "ExitCode:" + state.path("terminated").path("exitCode").asInt();
        } else if (container.path("ready").asBoolean() && state.has("running")) {
          running = true;
        }
      }
      if (reason.equals("Completed") && running) {
        reason = "Running";
      }
    }
    if (pod.path("metadata").has("deletionTimestamp")) {
      reason = "Terminating";
    }
    return new Cells(reason, restarts);
  }
}
