package dev.patchbay.operator.rbac;

import dev.patchbay.operator.api.ApiGroup;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;

/**
 * Every API call the operator makes, as RBAC permissions: the reconcilers' reads and writes, event recording and
 * leader election. {@code deploy/} grants exactly these (a test compares them), so a reconciler that starts calling
 * a new API adds it here, and the test then says which RBAC rule to add.
 *
 * <p>Not listed: {@code authorization.k8s.io/selfsubjectrulesreviews: create}, which the leader election makes to
 * check its Lease access; every authenticated user may do that ({@code system:basic-user}). The operator never reads
 * Secrets: the workers mount them.
 */
public final class RequiredPermissions {

  static final List<String> READ = List.of("get", "list", "watch");
  static final List<String> OWN = List.of("get", "list", "watch", "create", "update", "patch", "delete");

  /** Permissions needed in every watched namespace. */
  public static final List<Permission> WATCHED_NAMESPACES = Collections.unmodifiableList(watched());

  /** Permissions needed in the operator's own namespace, for leader election. */
  public static final List<Permission> LEADER_ELECTION = List.of(
      new Permission("coordination.k8s.io", "leases", "get"),
      new Permission("coordination.k8s.io", "leases", "create"),
      new Permission("coordination.k8s.io", "leases", "update"));

  /** Everything. */
  public static final List<Permission> ALL = concat(WATCHED_NAMESPACES, LEADER_ELECTION);

  private RequiredPermissions() {
  }

  private static List<Permission> watched() {
    List<Permission> permissions = new ArrayList<>();
    String group = ApiGroup.GROUP;
    // The primary resources. Finalizers are added and removed on KafkaConnectors (update/patch of the resource).
    add(permissions, group, "kafkaconnects", READ);
    add(permissions, group, "kafkaconnectors", List.of("get", "list", "watch", "update", "patch"));
    // Status is written through the status subresource only.
    add(permissions, group, "kafkaconnects/status", List.of("get", "patch", "update"));
    add(permissions, group, "kafkaconnectors/status", List.of("get", "patch", "update"));
    // Owner references with blockOwnerDeletion on the objects a KafkaConnect owns need update on its finalizers.
    add(permissions, group, "kafkaconnects/finalizers", List.of("update"));
    add(permissions, group, "kafkaconnectors/finalizers", List.of("update"));
    // What a managed KafkaConnect owns: created, compared and replaced, watched for drift, deleted.
    add(permissions, "apps", "deployments", OWN);
    add(permissions, "", "services", OWN);
    add(permissions, "", "configmaps", OWN);
    add(permissions, "networking.k8s.io", "networkpolicies", OWN);
    add(permissions, "policy", "poddisruptionbudgets", OWN);
    // The worker pods, read only: why a plugin fetch or a worker failed (their termination messages).
    add(permissions, "", "pods", READ);
    // Events for kubectl describe, through either events API.
    add(permissions, "", "events", List.of("create", "patch"));
    add(permissions, "events.k8s.io", "events", List.of("create", "patch"));
    return permissions;
  }

  private static void add(List<Permission> to, String group, String resource, List<String> verbs) {
    verbs.forEach(verb -> to.add(new Permission(group, resource, verb)));
  }

  private static List<Permission> concat(List<Permission> a, List<Permission> b) {
    List<Permission> all = new ArrayList<>(a);
    all.addAll(b);
    return Collections.unmodifiableList(all);
  }
}
