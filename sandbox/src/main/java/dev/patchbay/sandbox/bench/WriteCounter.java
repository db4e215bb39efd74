package dev.patchbay.sandbox.bench;

import io.fabric8.kubernetes.client.http.BasicBuilder;
import io.fabric8.kubernetes.client.http.HttpRequest;
import io.fabric8.kubernetes.client.http.Interceptor;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicLong;

/**
 * Counts the writes (every request but GET) a Kubernetes client sends, by method and resource
 * ({@code PATCH kafkaconnectors/status}, {@code POST events}); installed on the operator's own client, so it sees
 * exactly what the operator writes. Also remembers when the first status write was sent.
 */
final class WriteCounter implements Interceptor {

  private final Map<String, AtomicLong> counts = new ConcurrentHashMap<>();
  private final AtomicLong firstStatusWrite = new AtomicLong();

  @Override
  public void before(BasicBuilder builder, HttpRequest request, RequestTags tags) {
    if ("GET".equalsIgnoreCase(request.method())) {
      return;
    }
    String key = request.method() + " " + resourceOf(request.uri().getPath());
    counts.computeIfAbsent(key, k -> new AtomicLong()).incrementAndGet();
    if (key.endsWith("/status")) {
      firstStatusWrite.compareAndSet(0, System.nanoTime());
    }
  }

  /** {@link System#nanoTime()} of the first status write, 0 before. */
  long firstStatusWriteNanos() {
    return firstStatusWrite.get();
  }

  Map<String, Long> snapshot() {
    Map<String, Long> copy = new TreeMap<>();
    counts.forEach((k, v) -> copy.put(k, v.get()));
    return copy;
  }

  /** {@code /apis/g/v/namespaces/ns/kafkaconnectors/x/status} becomes {@code kafkaconnectors/status}. */
  static String resourceOf(String path) {
    String[] s = path.split("/");
    for (int i = 0; i < s.length - 2; i++) {
      if (s[i].equals("namespaces")) {
        String kind = s[i + 2];
        boolean status = s.length > i + 4 && s[i + 4].equals("status");
        return kind + (status ? "/status" : "");
      }
    }
    return path;
  }
}
