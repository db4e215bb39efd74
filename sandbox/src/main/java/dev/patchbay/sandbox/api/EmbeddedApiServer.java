package dev.patchbay.sandbox.api;

import io.fabric8.kubernetes.api.model.apiextensions.v1.CustomResourceDefinition;
import io.fabric8.kubernetes.client.Config;
import io.fabric8.kubernetes.client.ConfigBuilder;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.KubernetesClientBuilder;
import io.fabric8.kubernetes.client.dsl.base.CustomResourceDefinitionContext;
import io.fabric8.kubernetes.client.jdkhttp.JdkHttpClientFactory;
import io.fabric8.kubernetes.client.server.mock.KubernetesCrudDispatcher;
import io.fabric8.kubernetes.client.server.mock.KubernetesMockServer;
import io.fabric8.kubernetes.client.utils.Serialization;
import io.fabric8.mockwebserver.Context;
import io.fabric8.mockwebserver.MockWebServer;
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
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * An in-process Kubernetes API: fabric8's mock server in CRUD mode on a loopback port, over plain HTTP, wrapped by
 * {@link SandboxDispatcher} so that {@code kubectl} works, with Patchbay's CRDs loaded.
 */
public final class EmbeddedApiServer implements AutoCloseable {

  private static final Logger LOG = LoggerFactory.getLogger(EmbeddedApiServer.class);
  /** The mock web server logs every request through java.util.logging at INFO; held so the level sticks. */
  private static final java.util.logging.Logger MOCK_JUL_LOGGER =
      java.util.logging.Logger.getLogger("io.fabric8.mockwebserver");

  /** The committed CRDs from crds/ (printer columns in their documented order), on the class path and in the jar. */
  public static final List<String> CRD_RESOURCES = List.of(
      "patchbay-sandbox/crds/kafkaconnects.patchbay.dev.yaml",
      "patchbay-sandbox/crds/kafkaconnectors.patchbay.dev.yaml");

  private final KubernetesMockServer server;
  private final Thread drainer;
  private volatile boolean closed;

  private EmbeddedApiServer(KubernetesMockServer server) {
    this.server = server;
    // The mock server records every request in an unbounded queue; a long-running sandbox must empty it.
    this.drainer = new Thread(this::drain, "api-server-request-drainer");
    this.drainer.setDaemon(true);
  }

  /** Starts the server on a free loopback port and loads the CRDs. */
  public static EmbeddedApiServer start() {
    MOCK_JUL_LOGGER.setLevel(java.util.logging.Level.WARNING);
    // Deployments get a status subresource as in a real API server: writes to the object keep the status the
    // local runtime wrote, and status is written through /status only.
    KubernetesCrudDispatcher crud = new SandboxCrudDispatcher(List.of(new CustomResourceDefinitionContext.Builder()
        .withGroup("apps").withVersion("v1").withPlural("deployments").withKind("Deployment")
        .withScope("Namespaced").withStatusSubresource(true).build()));
    SandboxDispatcher[] holder = new SandboxDispatcher[1];
    KubernetesMockServer[] serverRef = new KubernetesMockServer[1];
    holder[0] = new SandboxDispatcher(crud, () -> "127.0.0.1:" + serverRef[0].getPort());
    KubernetesMockServer server = new KubernetesMockServer(new Context(Serialization.jsonMapper()),
        new MockWebServer(), new HashMap<>(), holder[0], false);
    serverRef[0] = server;
    server.start(InetAddress.getLoopbackAddress(), 0);
    EmbeddedApiServer api = new EmbeddedApiServer(server);
    api.drainer.start();
    try (KubernetesClient client = api.newClient("default")) {
      for (CustomResourceDefinition crd : loadCrds()) {
        client.apiextensions().v1().customResourceDefinitions().resource(crd).create();
      }
    }
    LOG.info("Kubernetes API (fabric8 mock, CRUD mode) on {}", api.url());
    return api;
  }

  /** The CRDs bundled on the class path. */
  public static List<CustomResourceDefinition> loadCrds() {
    List<CustomResourceDefinition> crds = new ArrayList<>();
    for (String resource : CRD_RESOURCES) {
      try (InputStream in = EmbeddedApiServer.class.getClassLoader().getResourceAsStream(resource)) {
        if (in == null) {
          throw new IllegalStateException("CRD not found on the class path: " + resource);
        }
        crds.add(Serialization.unmarshal(in, CustomResourceDefinition.class));
      } catch (IOException e) {
        throw new UncheckedIOException(e);
      }
    }
    return crds;
  }

  /** e.g. {@code http://127.0.0.1:41234} */
  public String url() {
    return "http://127.0.0.1:" + server.getPort();
  }

  public int port() {
    return server.getPort();
  }

  /** A new client on this server; the caller closes it. */
  public KubernetesClient newClient(String namespace) {
    Config config = new ConfigBuilder(Config.empty())
        .withMasterUrl(url())
        .withNamespace(namespace)
        .withHttp2Disable(true)
        .withRequestTimeout(30_000)
        .withConnectionTimeout(10_000)
        .build();
    return new KubernetesClientBuilder().withConfig(config).withHttpClientFactory(new JdkHttpClientFactory())
        .build();
  }

  /** Writes a kubeconfig whose current context points at this server, for {@code kubectl}. */
  public void writeKubeconfig(Path file, String namespace) throws IOException {
    String yaml = """
        apiVersion: v1
        kind: Config
        clusters:
        - name: patchbay-sandbox
          cluster:
            server: %s
        users:
        - name: patchbay-sandbox
          user:
            token: sandbox
        contexts:
        - name: patchbay-sandbox
          context:
            cluster: patchbay-sandbox
            user: patchbay-sandbox
            namespace: %s
        current-context: patchbay-sandbox
        preferences: {}
        """.formatted(url(), namespace);
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
        LOG.debug("request drainer", e);
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
