package dev.patchbay.operator.connect;

import java.time.Duration;

/** Told about every REST call: feeds the operator's metrics and lets tests count calls. */
@FunctionalInterface
public interface RestCallListener {

  RestCallListener NONE = (cluster, method, path, status, latency) -> { };

  /**
   * @param cluster the cluster key the client was created for
   * @param method HTTP method
   * @param path the path template, e.g. {@code /connectors/{name}/config} (no names, no values)
   * @param status the HTTP status, or -1 when no answer came
   * @param latency time to the answer
   */
  void onCall(String cluster, String method, String path, int status, Duration latency);
}
