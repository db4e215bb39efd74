package dev.patchbay.operator.connect;

/** One entry of {@code GET /connector-plugins}. */
public record PluginInfo(String className, String type, String version) {
}
