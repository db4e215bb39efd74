package dev.patchbay.operator.rbac;

/**
 * One RBAC permission: a verb on a resource (or subresource, e.g. {@code kafkaconnects/status}) of an API group
 * ({@code ""} is the core group).
 */
public record Permission(String apiGroup, String resource, String verb) {

  @Override
  public String toString() {
    return (apiGroup.isEmpty() ? "core" : apiGroup) + "/" + resource + ":" + verb;
  }
}
