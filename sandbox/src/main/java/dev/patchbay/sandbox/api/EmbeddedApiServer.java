package dev.patchbay.sandbox.api;

import com.fasterxml.jackson.databind.JsonNode;
import dev.patchbay.testkit.apiserver.StrictApiServer;
import io.fabric8.kubernetes.client.KubernetesClient;
import java.io.IOException;
import java.nio.file.Path;
import java.util.List;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The sandbox's Kubernetes API: testkit's {@link StrictApiServer} (fabric8's mock in CRUD mode, as strict as a real
 * API server where Patchbay touches it), fronted by {@link SandboxDispatcher} so that {@code kubectl} works, with the
 * committed CRDs loaded.
 */
public final class EmbeddedApiServer implements AutoCloseable {

  private static final Logger LOG = LoggerFactory.getLogger(EmbeddedApiServer.class);

  /** The committed CRDs from crds/ (printer columns in their documented order), on the class path and in the jar. */
  public static final List<String> CRD_RESOURCES = List.of(
      "patchbay-sandbox/crds/kafkaconnects.patchbay.dev.yaml",
      "patchbay-sandbox/crds/kafkaconnectors.patchbay.dev.yaml");

  private final StrictApiServer server;

  private EmbeddedApiServer(StrictApiServer server) {
    this.server = server;
  }

  /** Starts the server on a free loopback port and loads the CRDs. */
  public static EmbeddedApiServer start() {
    StrictApiServer[] self = new StrictApiServer[1];
    ClassLoader loader = EmbeddedApiServer.class.getClassLoader();
    List<JsonNode> crds = CRD_RESOURCES.stream().map(r -> StrictApiServer.crdResource(loader, r)).toList();
    StrictApiServer server = StrictApiServer.start(strict -> new SandboxDispatcher(strict,
        () -> "127.0.0.1:" + self[0].port()), crds);
    self[0] = server;
    LOG.info("Kubernetes API (strict test API server) on {}", server.url());
    return new EmbeddedApiServer(server);
  }

  /** e.g. {@code http://127.0.0.1:41234} */
  public String url() {
    return server.url();
  }

  public int port() {
    return server.port();
  }

  /** A new client on this server; the caller closes it. */
  public KubernetesClient newClient(String namespace) {
    return server.newClient(namespace);
  }

  /** Writes a kubeconfig whose current context points at this server, for {@code kubectl}. */
  public void writeKubeconfig(Path file, String namespace) throws IOException {
    server.writeKubeconfig(file, namespace);
  }

  @Override
  public void close() {
    server.close();
  }
}
