package dev.patchbay.operator.deploy;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import dev.patchbay.operator.rbac.Permission;
import dev.patchbay.operator.rbac.RequiredPermissions;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;
import java.util.TreeSet;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * The RBAC rules in deploy/ grant exactly {@link RequiredPermissions}: everything the operator calls, nothing more.
 * Reads the YAML files directly, so it runs without kubectl.
 */
class RbacTest {

  private static Set<Permission> granted(List<JsonNode> objects, String kind) {
    Set<Permission> permissions = new LinkedHashSet<>();
    for (JsonNode object : objects) {
      if (!kind.equals(object.path("kind").asText())) {
        continue;
      }
      for (JsonNode rule : object.path("rules")) {
        assertThat(rule.has("nonResourceURLs")).as("no non-resource URLs in %s", rule).isFalse();
        assertThat(rule.has("resourceNames")).as("rules apply to whole resources in %s", rule).isFalse();
        for (JsonNode group : rule.path("apiGroups")) {
          for (JsonNode resource : rule.path("resources")) {
            for (JsonNode verb : rule.path("verbs")) {
              permissions.add(new Permission(group.asText(), resource.asText(), verb.asText()));
            }
          }
        }
      }
    }
    return permissions;
  }

  private static void assertSame(Set<Permission> granted, List<Permission> required, String where) {
    Set<String> missing = new TreeSet<>();
    required.stream().filter(p -> !granted.contains(p)).forEach(p -> missing.add(p.toString()));
    Set<String> extra = new TreeSet<>();
    granted.stream().filter(p -> !required.contains(p)).forEach(p -> extra.add(p.toString()));
    assertThat(missing).as("%s lacks permissions the operator needs (RequiredPermissions)", where).isEmpty();
    assertThat(extra).as("%s grants permissions the operator does not use (not in RequiredPermissions)", where)
        .isEmpty();
  }

  @ParameterizedTest
  @ValueSource(strings = {"deploy", "deploy/namespaced"})
  void deployGrantsExactlyTheRequiredPermissions(String variant) {
    List<JsonNode> objects = DeployFiles.objects(DeployFiles.dir(variant));
    Set<Permission> all = new LinkedHashSet<>(granted(objects, "ClusterRole"));
    all.addAll(granted(objects, "Role"));
    assertSame(all, RequiredPermissions.ALL, variant);
  }

  @ParameterizedTest
  @ValueSource(strings = {"deploy", "deploy/namespaced"})
  void noWildcards(String variant) {
    for (JsonNode object : DeployFiles.objects(DeployFiles.dir(variant))) {
      for (JsonNode rule : object.path("rules")) {
        for (String field : List.of("apiGroups", "resources", "verbs")) {
          for (JsonNode value : rule.path(field)) {
            assertThat(value.asText()).as("%s in %s", field, object.path("metadata").path("name")).doesNotContain("*");
          }
        }
      }
    }
  }

  @Test
  void clusterWideVariantGrantsLeasesOnlyInItsOwnNamespace() {
    List<JsonNode> objects = DeployFiles.objects(DeployFiles.dir("deploy"));
    assertSame(granted(objects, "ClusterRole"), RequiredPermissions.WATCHED_NAMESPACES, "deploy/ ClusterRole");
    assertSame(granted(objects, "Role"), RequiredPermissions.LEADER_ELECTION, "deploy/ Role");
  }

  @Test
  void namespacedVariantHasNoClusterScopedRbac() {
    List<JsonNode> objects = DeployFiles.objects(DeployFiles.dir("deploy/namespaced"));
    assertThat(objects).extracting(o -> o.path("kind").asText())
        .doesNotContain("ClusterRole", "ClusterRoleBinding", "Namespace");
  }

  @ParameterizedTest
  @ValueSource(strings = {"deploy", "deploy/namespaced"})
  void everyRoleIsBoundToTheOperatorServiceAccount(String variant) {
    List<JsonNode> objects = DeployFiles.objects(DeployFiles.dir(variant));
    for (JsonNode role : objects) {
      String kind = role.path("kind").asText();
      if (!kind.equals("Role") && !kind.equals("ClusterRole")) {
        continue;
      }
      String name = role.path("metadata").path("name").asText();
      assertThat(objects).as("a binding of %s %s to the ServiceAccount patchbay-operator", kind, name)
          .anyMatch(b -> b.path("kind").asText().endsWith("Binding")
              && b.path("roleRef").path("kind").asText().equals(kind)
              && b.path("roleRef").path("name").asText().equals(name)
              && b.path("subjects").findValuesAsText("name").contains("patchbay-operator"));
    }
  }

  @Test
  void theOperatorNeverTouchesSecrets() {
    assertThat(RequiredPermissions.ALL).noneMatch(p -> p.resource().equals("secrets"));
  }
}
