package dev.patchbay.operator.connect;

import dev.patchbay.operator.DaemonThreads;
import java.net.http.HttpClient;
import java.time.Duration;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;

/**
 * Hands out one {@link ConnectClient} per Connect cluster URL, all sharing one JDK {@link HttpClient}. Each client
 * bounds its own concurrency, so a slow cluster only holds up its own calls.
 */
public final class ConnectClients implements AutoCloseable {

  public static final Duration CONNECT_TIMEOUT = Duration.ofSeconds(3);
  public static final Duration REQUEST_TIMEOUT = Duration.ofSeconds(30);
  public static final int MAX_CONCURRENT_PER_CLUSTER = 4;

  private final ExecutorService executor = Executors.newCachedThreadPool(DaemonThreads.named("patchbay-connect-http"));
  private final HttpClient http;
  private final Duration requestTimeout;
  private final RestCallListener listener;
  private final Map<String, ConnectClient> clients = new ConcurrentHashMap<>();

  public ConnectClients(RestCallListener listener) {
    this(CONNECT_TIMEOUT, REQUEST_TIMEOUT, listener);
  }

  public ConnectClients(Duration connectTimeout, Duration requestTimeout, RestCallListener listener) {
    this.http = HttpClient.newBuilder()
        .connectTimeout(connectTimeout)
        .version(HttpClient.Version.HTTP_1_1)
        .executor(executor)
        .build();
    this.requestTimeout = requestTimeout;
    this.listener = listener;
  }

  /**
   * The client for a Connect REST URL.
   *
   * @param restUrl e.g. {@code http://my-connect-connect-api.data.svc:8083}
   * @param clusterKey how metrics and logs name the cluster, e.g. {@code data/my-connect}
   */
  public ConnectClient forUrl(String restUrl, String clusterKey) {
    return clients.computeIfAbsent(clusterKey + " " + restUrl, k -> new HttpConnectClient(http, restUrl, clusterKey,
        requestTimeout, MAX_CONCURRENT_PER_CLUSTER, listener));
  }

  /** Forgets the clients of a cluster that no longer exists. */
  public void release(String clusterKey) {
    clients.keySet().removeIf(k -> k.startsWith(clusterKey + " "));
  }

  /** How many clients are kept (for tests of state release). */
  public int size() {
    return clients.size();
  }

  @Override
  public void close() {
    executor.shutdownNow();
  }
}
