package dev.patchbay.testkit.apiserver;

import java.util.Optional;

/**
 * A parsed Kubernetes REST path: {@code /api/v1/...} or {@code /apis/<group>/<version>/...}, optionally under
 * {@code namespaces/<ns>/}, then {@code <plural>[/<name>[/<subresource>]]}.
 */
public record ResourcePath(String group, String version, String namespace, String plural, String name, String subresource) {

  public static Optional<ResourcePath> parse(String rawPath) {
    int q = rawPath.indexOf('?');
    String path = q >= 0 ? rawPath.substring(0, q) : rawPath;
    String[] s = path.replaceAll("^/+", "").split("/");
    int i;
    String group;
    String version;
    if (s.length >= 3 && s[0].equals("api")) {
      group = "";
      version = s[1];
      i = 2;
    } else if (s.length >= 4 && s[0].equals("apis")) {
      group = s[1];
      version = s[2];
      i = 3;
    } else {
      return Optional.empty();
    }
    String namespace = null;
    if (s[i].equals("namespaces") && s.length - i >= 3) {
      namespace = s[i + 1];
      i += 2;
    }
    String plural = s[i];
    String name = s.length > i + 1 ? s[i + 1] : null;
    String sub = s.length > i + 2 ? s[i + 2] : null;
    return Optional.of(new ResourcePath(group, version, namespace, plural, name, sub));
  }

  /** The path of the object itself (without the subresource), e.g. for a request on {@code .../x/scale}. */
  public String objectPath() {
    StringBuilder b = new StringBuilder(group.isEmpty() ? "/api/" + version : "/apis/" + group + "/" + version);
    if (namespace != null) {
      b.append("/namespaces/").append(namespace);
    }
    b.append('/').append(plural);
    if (name != null) {
      b.append('/').append(name);
    }
    return b.toString();
  }

  /** The group a Status names, e.g. {@code apps}; empty for the core group. */
  public boolean isCore() {
    return group.isEmpty();
  }
}
