package dev.patchbay.sandbox.bench;

import java.io.BufferedInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.util.Locale;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicLong;

/**
 * A TCP forwarder in front of a Connect worker's REST port that counts the HTTP requests going through it by method
 * and path template ({@code GET /connectors/{name}/status}). Bytes are passed on as they come; only request heads are
 * read, so it adds well under a millisecond. Everything the operator sends to the worker goes through it (both
 * reconcilers), which is what {@code rest_calls_per_*} count.
 */
final class CountingProxy implements AutoCloseable {

  private final ServerSocket server;
  private final int targetPort;
  private final Map<String, AtomicLong> counts = new ConcurrentHashMap<>();
  private final Map<String, Long> lastSeen = new ConcurrentHashMap<>();
  private volatile boolean closed;

  CountingProxy(int targetPort) throws IOException {
    this.targetPort = targetPort;
    this.server = new ServerSocket(0, 50, InetAddress.getLoopbackAddress());
    Thread acceptor = new Thread(this::acceptLoop, "bench-proxy-accept");
    acceptor.setDaemon(true);
    acceptor.start();
  }

  String url() {
    return "http://127.0.0.1:" + server.getLocalPort();
  }

  /** A copy of the counts so far, by {@code METHOD /path/template}. */
  Map<String, Long> snapshot() {
    Map<String, Long> copy = new TreeMap<>();
    counts.forEach((k, v) -> copy.put(k, v.get()));
    return copy;
  }

  /** {@link System#nanoTime()} when the last request of this key ({@code POST /connectors}) came in; 0 if none. */
  long lastSeen(String key) {
    return lastSeen.getOrDefault(key, 0L);
  }

  /** {@code after - before}, per key, leaving out zeros. */
  static Map<String, Long> delta(Map<String, Long> before, Map<String, Long> after) {
    Map<String, Long> d = new TreeMap<>();
    after.forEach((k, v) -> {
      long n = v - before.getOrDefault(k, 0L);
      if (n != 0) {
        d.put(k, n);
      }
    });
    return d;
  }

  static long total(Map<String, Long> counts) {
    return counts.values().stream().mapToLong(Long::longValue).sum();
  }

  private void acceptLoop() {
    while (!closed) {
      try {
        Socket client = server.accept();
        Thread t = new Thread(() -> serve(client), "bench-proxy-conn");
        t.setDaemon(true);
        t.start();
      } catch (IOException e) {
        if (!closed) {
          sleepQuietly(50);
        }
      }
    }
  }

  private void serve(Socket client) {
    Socket upstream = new Socket();
    try (client; upstream) {
      client.setTcpNoDelay(true);
      upstream.setTcpNoDelay(true);
      upstream.connect(new InetSocketAddress(InetAddress.getLoopbackAddress(), targetPort), 3000);
      Thread back = new Thread(() -> pump(upstream, client), "bench-proxy-back");
      back.setDaemon(true);
      back.start();
      forwardRequests(new BufferedInputStream(client.getInputStream()), upstream.getOutputStream());
    } catch (IOException e) {
      // the worker is gone or a side closed: both sockets close, the client sees a broken connection
    }
  }

  /** Copies requests one by one, counting each from its head; a chunked body ends the counting on this connection. */
  private void forwardRequests(InputStream in, OutputStream out) throws IOException {
    while (true) {
      byte[] head = readHead(in);
      if (head == null) {
        return;
      }
      String text = new String(head, StandardCharsets.ISO_8859_1);
      String[] requestLine = text.substring(0, text.indexOf('\r')).split(" ");
      if (requestLine.length >= 2) {
        String key = requestLine[0] + " " + template(requestLine[1]);
        counts.computeIfAbsent(key, k -> new AtomicLong()).incrementAndGet();
        lastSeen.put(key, System.nanoTime());
      }
      out.write(head);
      String lower = text.toLowerCase(Locale.ROOT);
      if (lower.contains("\r\ntransfer-encoding: chunked")) {
        in.transferTo(out);
        return;
      }
      long length = contentLength(lower);
      byte[] buffer = new byte[8192];
      while (length > 0) {
        int n = in.read(buffer, 0, (int) Math.min(buffer.length, length));
        if (n < 0) {
          return;
        }
        out.write(buffer, 0, n);
        length -= n;
      }
      out.flush();
    }
  }

  private static byte[] readHead(InputStream in) throws IOException {
    ByteArrayOutputStream head = new ByteArrayOutputStream(512);
    int matched = 0;
    while (matched < 4) {
      int b = in.read();
      if (b < 0) {
        return null;
      }
      head.write(b);
      matched = (b == '\r' && (matched == 0 || matched == 2)) || (b == '\n' && (matched == 1 || matched == 3))
          ? matched + 1 : (b == '\r' ? 1 : 0);
    }
    return head.toByteArray();
  }

  private static long contentLength(String lowerHead) {
    int i = lowerHead.indexOf("\r\ncontent-length:");
    if (i < 0) {
      return 0;
    }
    int end = lowerHead.indexOf('\r', i + 2);
    return Long.parseLong(lowerHead.substring(i + "\r\ncontent-length:".length(), end).trim());
  }

  /** {@code /connectors/x/tasks/0/restart?a=b} becomes {@code /connectors/{name}/tasks/{task}/restart}. */
  static String template(String target) {
    int q = target.indexOf('?');
    String path = q < 0 ? target : target.substring(0, q);
    String query = q < 0 ? "" : target.substring(q);
    String[] s = path.split("/", -1);
    if (s.length > 2 && s[1].equals("connectors") && !s[2].isEmpty()) {
      s[2] = "{name}";
      if (s.length > 4 && s[3].equals("tasks")) {
        s[4] = "{task}";
      }
      query = "";
    } else if (s.length > 2 && s[1].equals("connector-plugins") && !s[2].isEmpty()) {
      s[2] = "{class}";
    } else if (s.length > 3 && s[1].equals("admin") && s[2].equals("loggers")) {
      s[3] = "{logger}";
    }
    return String.join("/", s) + query;
  }

  private static void pump(Socket from, Socket to) {
    try {
      from.getInputStream().transferTo(to.getOutputStream());
    } catch (IOException e) {
      // closed
    } finally {
      try {
        to.close();
        from.close();
      } catch (IOException ignored) {
        // closing
      }
    }
  }

  private static void sleepQuietly(long millis) {
    try {
      Thread.sleep(millis);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
  }

  @Override
  public void close() throws IOException {
    closed = true;
    server.close();
  }
}
