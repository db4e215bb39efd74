package dev.patchbay.sandbox.runtime;

import io.fabric8.kubernetes.api.model.IntOrString;
import io.fabric8.kubernetes.api.model.Service;
import io.fabric8.kubernetes.api.model.ServicePort;
import io.fabric8.kubernetes.client.KubernetesClient;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.net.URI;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.UnaryOperator;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Services on loopback: each Service port that someone asks for gets a local TCP proxy on a free port of 127.0.0.1,
 * which forwards every new connection to a ready pod (at the pod's own address) selected by the Service's selector
 * (round-robin), as kube-proxy would. {@link #rewriter()} turns an in-cluster URL ({@code http://<svc>.<ns>.svc:<port>/...}) into the proxy's
 * loopback URL; the operator gets it as its REST URL rewriter.
 */
public final class LoopbackServices implements AutoCloseable {

  private static final Logger LOG = LoggerFactory.getLogger(LoopbackServices.class);

  private final KubernetesClient client;
  private final Endpoints endpoints;
  private final Map<String, Proxy> proxies = new ConcurrentHashMap<>();
  private final ExecutorService pumps = Executors.newCachedThreadPool(r -> {
    Thread t = new Thread(r, "service-proxy");
    t.setDaemon(true);
    return t;
  });
  private volatile boolean closed;

  public LoopbackServices(KubernetesClient client, Endpoints endpoints) {
    this.client = client;
    this.endpoints = endpoints;
  }

  /** Maps {@code http://<svc>.<ns>.svc[.cluster.local]:<port>} URLs to loopback; other URLs pass unchanged. */
  public UnaryOperator<String> rewriter() {
    return this::rewrite;
  }

  public String rewrite(String url) {
    URI uri;
    try {
      uri = URI.create(url);
    } catch (IllegalArgumentException e) {
      return url;
    }
    String host = uri.getHost();
    if (host == null) {
      return url;
    }
    String[] parts = host.split("\\.");
    boolean inCluster = parts.length >= 3 && parts[2].equals("svc")
        && (parts.length == 3 || host.endsWith(".svc.cluster.local"));
    if (!inCluster) {
      return url;
    }
    int port = uri.getPort() > 0 ? uri.getPort() : 80;
    int local = localPort(parts[1], parts[0], port);
    String rest = url.substring(url.indexOf(host) + host.length());
    int slash = rest.indexOf('/');
    return uri.getScheme() + "://127.0.0.1:" + local + (slash >= 0 ? rest.substring(slash) : "");
  }

  /** The loopback port standing in for port {@code port} of Service {@code namespace/name}. */
  public int localPort(String namespace, String name, int port) {
    return proxies.computeIfAbsent(namespace + "/" + name + ":" + port, k -> open(namespace, name, port)).port();
  }

  private Proxy open(String namespace, String name, int port) {
    try {
      ServerSocket socket = new ServerSocket();
      socket.setReuseAddress(true);
      socket.bind(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0));
      Proxy proxy = new Proxy(namespace, name, port, socket);
      Thread accept = new Thread(proxy::acceptLoop, "service-" + namespace + "-" + name + "-" + port);
      accept.setDaemon(true);
      accept.start();
      LOG.info("Service {}/{} port {} on 127.0.0.1:{}", namespace, name, port, socket.getLocalPort());
      return proxy;
    } catch (IOException e) {
      throw new IllegalStateException("cannot open a loopback port for service " + namespace + "/" + name, e);
    }
  }

  @Override
  public void close() {
    closed = true;
    proxies.values().forEach(p -> {
      try {
        p.socket.close();
      } catch (IOException ignored) {
        // closing
      }
    });
    pumps.shutdownNow();
  }

  private final class Proxy {
    private final String namespace;
    private final String name;
    private final int servicePort;
    private final ServerSocket socket;
    private final AtomicInteger next = new AtomicInteger();

    Proxy(String namespace, String name, int servicePort, ServerSocket socket) {
      this.namespace = namespace;
      this.name = name;
      this.servicePort = servicePort;
      this.socket = socket;
    }

    int port() {
      return socket.getLocalPort();
    }

    void acceptLoop() {
      while (!closed) {
        try {
          Socket in = socket.accept();
          pumps.execute(() -> connect(in));
        } catch (IOException e) {
          if (!closed) {
            LOG.debug("accept on service proxy {}/{}", namespace, name, e);
          }
          return;
        }
      }
    }

    private void connect(Socket in) {
      InetSocketAddress target = backend();
      if (target == null) {
        closeQuietly(in); // no ready endpoint: the connection is refused, as with an empty Service
        return;
      }
      try {
        Socket out = new Socket(target.getAddress(), target.getPort());
        in.setTcpNoDelay(true);
        out.setTcpNoDelay(true);
        pumps.execute(() -> pump(in, out));
        pump(out, in);
      } catch (IOException e) {
        closeQuietly(in);
      }
    }

    /** A ready pod's address and port for this Service port, round-robin; null when there is none. */
    private InetSocketAddress backend() {
      Service svc;
      try {
        svc = client.services().inNamespace(namespace).withName(name).get();
      } catch (RuntimeException e) {
        return null;
      }
      if (svc == null || svc.getSpec() == null) {
        return null;
      }
      List<Endpoints.Endpoint> ready = endpoints.select(namespace, svc.getSpec().getSelector());
      if (ready.isEmpty()) {
        return null;
      }
      Endpoints.Endpoint e = ready.get(Math.floorMod(next.getAndIncrement(), ready.size()));
      int containerPort = servicePort;
      for (ServicePort p : svc.getSpec().getPorts()) {
        if (p.getPort() != null && p.getPort() == servicePort) {
          IntOrString t = p.getTargetPort();
          containerPort = t == null || t.getIntVal() == null ? servicePort : t.getIntVal();
        }
      }
      Integer port = e.ports().get(containerPort);
      return port == null ? null : new InetSocketAddress(e.ip(), port);
    }
  }

  private static void pump(Socket from, Socket to) {
    byte[] buf = new byte[16 * 1024];
    try (InputStream in = from.getInputStream(); OutputStream out = to.getOutputStream()) {
      int n;
      while ((n = in.read(buf)) >= 0) {
        out.write(buf, 0, n);
        out.flush();
      }
    } catch (IOException ignored) {
      // one side closed
    } finally {
      closeQuietly(from);
      closeQuietly(to);
    }
  }

  private static void closeQuietly(Socket s) {
    try {
      s.close();
    } catch (IOException ignored) {
      // closing
    }
  }
}
