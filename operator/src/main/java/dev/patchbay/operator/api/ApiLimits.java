package dev.patchbay.operator.api;

/**
 * Size limits declared in the CRDs. A real API server estimates the worst-case cost of every CEL rule from the
 * declared sizes of what the rule reads and rejects the CRD when the estimate exceeds its budget, so every map, list
 * and string a rule reaches is bounded; the limits are far above what any real configuration uses.
 */
public final class ApiLimits {

  /** Entries of a worker or connector config map ({@code spec.config}). */
  public static final int MAX_CONFIG_ENTRIES = 512;
  /** Entries of {@code spec.plugins}. */
  public static final int MAX_PLUGINS = 64;
  /** Artifacts of one plugin. */
  public static final int MAX_PLUGIN_ARTIFACTS = 64;
  /** Length of {@code spec.restUrl} and of plugin artifact URLs. */
  public static final int MAX_URL_LENGTH = 2048;
  /**
   * {@code spec.restUrl}: http or https, a host name or IPv4 address (or a bracketed IPv6 address), an optional port
   * and an optional path; no spaces or other characters a URL may not hold unescaped.
   */
  public static final String REST_URL_PATTERN =
      "^https?://([A-Za-z0-9]([-A-Za-z0-9.]*[A-Za-z0-9])?|\\[[0-9A-Fa-f:.]+\\])(:[0-9]{1,5})?(/[-A-Za-z0-9._~%!$&'()*+,;=:@/]*)?$";

  private ApiLimits() {
  }
}
