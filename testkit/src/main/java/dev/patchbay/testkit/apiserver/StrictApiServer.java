package dev.patchbay.testkit.apiserver;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.dataformat.yaml.YAMLFactory;
import io.fabric8.kubernetes.api.model.GenericKubernetesResource;
import io.fabric8.kubernetes.client.Config;
import io.fabric8.kubernetes.client.ConfigBuilder;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.KubernetesClientBuilder;
import io.fabric8.kubernetes.client.jdkhttp.JdkHttpClientFactory;
import io.fabric8.kubernetes.client.server.mock.KubernetesMockServer;
import io.fabric8.kubernetes.client.utils.Serialization;
import io.fabric8.mockwebserver.Context;
import io.fabric8.mockwebserver.MockWebServer;
import io.fabric8.mockwebserver.http.Dispatcher;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.function.Function;
import java.util.stream.Stream;

/**
 * The test Kubernetes API server of every Patchbay test and of the sandbox: fabric8's mock server in CRUD mode behind
 * {@link StrictCrudDispatcher}, on a loopback port over plain HTTP, with the given CRDs created through the API (so a
 * CRD a real server would refuse is refused here too).
 */
public final class StrictApiServer implements AutoCloseable {

  /** The mock web server logs every request through java.util.logging at INFO; held so the level sticks. */
  private static final java.util.logging.Logger MOCK_JUL_LOGGER =
      java.util.logging.Logger.getLogger("io.fabric8.mockwebserver");
  private static final ObjectMapper YAML = new ObjectMapper(new YAMLFactory());

  private final KubernetesMockServer server;
  private final StrictCrudDispatcher dispatcher;
  private final boolean https;
  private final String token;
  private final Thread drainer;
  private volatile boolean closed;

  private StrictApiServer(KubernetesMockServer server, StrictCrudDispatcher dispatcher, boolean https,
      String token) {
    this.server = server;
    this.dispatcher = dispatcher;
    this.https = https;
    this.token = token;
    // The mock server records every request in an unbounded queue; a long-running server must empty it.
    this.drainer = new Thread(this::drain, "api-server-request-drainer");
    this.drainer.setDaemon(true);
  }

  /** Starts a server with the CRDs of the repository's {@code crds/} directory. */
  public static StrictApiServer start() {
    return builder().start();
  }

  /** Starts a server with {@code crds}. */
  public static StrictApiServer start(List<JsonNode> crds) {
    return builder().crds(crds).start();
  }

  /**
   * Starts a server whose requests go to {@code front}, built around the strict dispatcher (the sandbox adds what
   * kubectl needs there), with {@code crds} created.
   */
  public static StrictApiServer start(Function<StrictCrudDispatcher, Dispatcher> front, List<JsonNode> crds) {
    return builder().front(front).crds(crds).start();
  }

  public static Builder builder() {
    return new Builder();
  }

  /** Options of a server: its CRDs, the front dispatcher, HTTPS, and a bearer token every request must carry. */
  public static final class Builder {
    private Function<StrictCrudDispatcher, Dispatcher> front = strict -> strict;
    private List<JsonNode> crds;
    private boolean https;
    private String token;

    public Builder front(Function<StrictCrudDispatcher, Dispatcher> front) {
      this.front = front;
      return this;
    }

    public Builder crds(List<JsonNode> crds) {
      this.crds = crds;
      return this;
    }

    /** Serve HTTPS with the mock's self-signed certificate, as a cluster's in-cluster endpoint does. */
    public Builder https() {
      this.https = true;
      return this;
    }

    /** Answer 401 to every request without {@code Authorization: Bearer <token>}, as a real server would. */
    public Builder requireToken(String token) {
      this.token = token;
      return this;
    }

    public StrictApiServer start() {
      MOCK_JUL_LOGGER.setLevel(java.util.logging.Level.WARNING);
      StrictCrudDispatcher strict = new StrictCrudDispatcher();
      Dispatcher dispatcher = front.apply(strict);
      if (token != null) {
        dispatcher = new TokenCheck(dispatcher, token);
      }
      KubernetesMockServer server = new KubernetesMockServer(new Context(Serialization.jsonMapper()),
          new MockWebServer(), new HashMap<>(), dispatcher, https);
      server.start(InetAddress.getLoopbackAddress(), 0);
      StrictApiServer api = new StrictApiServer(server, strict, https, token);
      api.drainer.start();
      try (KubernetesClient client = api.newClient("default")) {
        for (JsonNode crd : crds == null ? repoCrds() : crds) {
          client.resource(Serialization.jsonMapper().convertValue(crd, GenericKubernetesResource.class)).create();
        }
      } catch (RuntimeException e) {
        api.close();
        throw e;
      }
      return api;
    }
  }

  /** A real server authenticates every request; this one checks for one bearer token. */
  private static final class TokenCheck extends Dispatcher {
    private final Dispatcher next;
    private final String expected;

    TokenCheck(Dispatcher next, String token) {
      this.next = next;
      this.expected = "Bearer " + token;
    }

    @Override
    public io.fabric8.mockwebserver.http.MockResponse dispatch(io.fabric8.mockwebserver.http.RecordedRequest request) {
      if (!expected.equals(request.getHeader("Authorization"))) {
        return new io.fabric8.mockwebserver.http.MockResponse().setResponseCode(401)
            .setHeader("Content-Type", "application/json")
            .setBody("{\"kind\":\"Status\",\"apiVersion\":\"v1\",\"metadata\":{},\"status\":\"Failure\","
                + "\"message\":\"Unauthorized\",\"reason\":\"Unauthorized\",\"code\":401}");
      }
      return next.dispatch(request);
    }
  }

  /** The CRDs in {@code crds/} of the repository (system property {@code patchbay.repo.root}, else the parents). */
  public static List<JsonNode> repoCrds() {
    return crds(dev.patchbay.testkit.RepoFiles.resolve("crds"));
  }

  /** Every CRD in the YAML files of {@code dir}, in file-name order. */
  public static List<JsonNode> crds(Path dir) {
    try (Stream<Path> files = Files.list(dir)) {
      List<JsonNode> out = new ArrayList<>();
      for (Path file : files.filter(f -> f.toString().endsWith(".yaml") || f.toString().endsWith(".yml"))
          .sorted().toList()) {
        try (InputStream in = Files.newInputStream(file)) {
          out.add(YAML.readTree(in));
        }
      }
      return out;
    } catch (IOException e) {
      throw new UncheckedIOException("cannot read the CRDs in " + dir, e);
    }
  }

  /** Reads one CRD from a class-path resource (the sandbox bundles the committed CRDs). */
  public static JsonNode crdResource(ClassLoader loader, String resource) {
    try (InputStream in = loader.getResourceAsStream(resource)) {
      if (in == null) {
        throw new IllegalStateException("CRD not found on the class path: " + resource);
      }
      return YAML.readTree(in);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  public StrictCrudDispatcher dispatcher() {
    return dispatcher;
  }

  /** e.g. {@code http://127.0.0.1:41234} */
  public String url() {
    return (https ? "https" : "http") + "://127.0.0.1:" + server.getPort();
  }

  public int port() {
    return server.getPort();
  }

  /** A new client of this server with {@code namespace} as its default; the caller closes it. */
  public KubernetesClient newClient(String namespace) {
    Config config = new ConfigBuilder(Config.empty())
        .withMasterUrl(url())
        .withNamespace(namespace)
        .withHttp2Disable(true)
        .withRequestTimeout(30_000)
        .withConnectionTimeout(10_000)
        .withTrustCerts(https)
        .withOauthToken(token)
        .build();
    return new KubernetesClientBuilder().withConfig(config).withHttpClientFactory(new JdkHttpClientFactory())
        .build();
  }

  /** Writes a kubeconfig whose current context points at this server, for {@code kubectl} or the operator jar. */
  public void writeKubeconfig(Path file, String namespace) throws IOException {
    String yaml = """
        apiVersion: v1
        kind: Config
        clusters:
        - name: patchbay-test
          cluster:
            server: %s
        users:
        - name: patchbay-test
          user:
            token: %s
        contexts:
        - name: patchbay-test
          context:
            cluster: patchbay-test
            user: patchbay-test
            namespace: %s
        current-context: patchbay-test
        preferences: {}
        """.formatted(url(), token == null ? "patchbay-test" : token, namespace);
    Path parent = file.toAbsolutePath().getParent();
    if (parent != null) {
      Files.createDirectories(parent);
    }
    Files.writeString(file, yaml, StandardCharsets.UTF_8);
  }

  private void drain() {
    while (!closed) {
      try {
        server.takeRequest(1, TimeUnit.SECONDS);
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
        return;
      } catch (RuntimeException e) {
        // keep draining
      }
    }
  }

  @Override
  public void close() {
    closed = true;
    drainer.interrupt();
    server.shutdown();
  }
}
