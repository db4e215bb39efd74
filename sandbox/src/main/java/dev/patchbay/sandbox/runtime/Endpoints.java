package dev.patchbay.sandbox.runtime;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

/** The ready local pods, as a Service sees them: what the Endpoints controller maintains in a cluster. */
public final class Endpoints {

  /** A ready pod: its labels, its address and its container port → port on that address. */
  public record Endpoint(String namespace, String podName, Map<String, String> labels, String ip,
                         Map<Integer, Integer> ports) {

    boolean matches(String ns, Map<String, String> selector) {
      return namespace.equals(ns) && selector != null && !selector.isEmpty()
          && selector.entrySet().stream().allMatch(e -> e.getValue().equals(labels.get(e.getKey())));
    }
  }

  private final Map<String, List<Endpoint>> byDeployment = new ConcurrentHashMap<>();

  /** Replaces the ready pods of one Deployment ({@code namespace/name}). */
  void set(String deploymentKey, List<Endpoint> ready) {
    if (ready.isEmpty()) {
      byDeployment.remove(deploymentKey);
    } else {
      byDeployment.put(deploymentKey, List.copyOf(ready));
    }
  }

  /** Ready pods in {@code namespace} whose labels match the selector. */
  public List<Endpoint> select(String namespace, Map<String, String> selector) {
    List<Endpoint> out = new ArrayList<>();
    byDeployment.values().forEach(list -> list.stream().filter(e -> e.matches(namespace, selector)).forEach(out::add));
    return out;
  }

  /** All ready pods. */
  public List<Endpoint> all() {
    List<Endpoint> out = new ArrayList<>();
    byDeployment.values().forEach(out::addAll);
    return out;
  }
}
