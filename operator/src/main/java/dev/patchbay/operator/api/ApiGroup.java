package dev.patchbay.operator.api;

/** The API group, version and category shared by Patchbay's custom resources. */
public final class ApiGroup {
  public static final String GROUP = "patchbay.dev";
  public static final String VERSION = "v1alpha1";
  public static final String API_VERSION = GROUP + "/" + VERSION;
  public static final String CATEGORY = "patchbay";

  private ApiGroup() {
  }
}
