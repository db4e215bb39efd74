package dev.patchbay.operator.connector;

import dev.patchbay.operator.OperatorMetrics;
import dev.patchbay.operator.connect.RestCallListener;

/** Feeds the operator's metrics from Connect REST calls. */
public final class ConnectorMetrics {

  private ConnectorMetrics() {
  }

  /** A listener recording every REST call's outcome and latency into {@code metrics}, then telling {@code also}. */
  public static RestCallListener restCalls(OperatorMetrics metrics, RestCallListener also) {
    return (cluster, method, path, status, latency) -> {
      metrics.restCall(cluster, outcome(status), latency);
      also.onCall(cluster, method, path, status, latency);
    };
  }

  /** ok, not_found, conflict, bad_request, client_error, server_error or unreachable. */
  static String outcome(int status) {
    if (status < 0) {
      return "unreachable";
    }
    if (status < 400) {
      return "ok";
    }
    return switch (status) {
      case 400 -> "bad_request";
      case 404 -> "not_found";
      case 409 -> "conflict";
      default -> status >= 500 ? "server_error" : "client_error";
    };
  }
}
