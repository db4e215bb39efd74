package dev.patchbay.operator.connect;

/** What {@code GET /} answers. */
public record ServerInfo(String version, String commit, String kafkaClusterId) {
}
