package dev.patchbay.operator.process;

import dev.patchbay.operator.Env;
import dev.patchbay.operator.OperatorSettings;
import java.util.Map;

/**
 * Settings of the operator process around the operator itself: HTTP port, logging, leader election identity.
 *
 * @param operator what the reconcilers see
 * @param httpPort port of /healthz, /readyz and /metrics ({@code PATCHBAY_HTTP_PORT}, default 8080; 0 = any)
 * @param logLevel root log level ({@code PATCHBAY_LOG_LEVEL})
 * @param logFormat {@code text} or {@code json} ({@code PATCHBAY_LOG_FORMAT})
 * @param identity leader election identity ({@code POD_NAME}; null = host name or a random id)
 * @param leaseNamespace namespace of the leader Lease ({@code POD_NAMESPACE}; null = the client's namespace)
 */
public record ProcessSettings(
    OperatorSettings operator,
    int httpPort,
    String logLevel,
    String logFormat,
    String identity,
    String leaseNamespace) {

  public static final int DEFAULT_HTTP_PORT = 8080;
  public static final String LEASE_NAME = "patchbay-operator-lease";

  /** Reads every setting from the environment; throws IllegalArgumentException naming a variable with a bad value. */
  public static ProcessSettings fromEnv(Map<String, String> environment) {
    Env env = new Env(environment);
    return new ProcessSettings(
        OperatorSettings.fromEnv(environment),
        env.integer("PATCHBAY_HTTP_PORT", DEFAULT_HTTP_PORT, 0, 65535),
        env.choice("PATCHBAY_LOG_LEVEL", "INFO", "TRACE", "DEBUG", "INFO", "WARN", "ERROR", "OFF"),
        env.choice("PATCHBAY_LOG_FORMAT", "text", "text", "json"),
        env.raw("POD_NAME"),
        env.raw("POD_NAMESPACE"));
  }

  public ProcessSettings withHttpPort(int port) {
    return new ProcessSettings(operator, port, logLevel, logFormat, identity, leaseNamespace);
  }
}
