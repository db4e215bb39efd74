package dev.patchbay.operator.cluster;

import io.fabric8.kubernetes.api.model.apiextensions.v1.CustomResourceDefinition;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.server.mock.KubernetesCrudDispatcher;
import io.fabric8.kubernetes.client.server.mock.KubernetesMockServer;
import io.fabric8.kubernetes.client.utils.Serialization;
import io.fabric8.mockwebserver.Context;
import io.fabric8.mockwebserver.MockWebServer;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.List;
import java.util.stream.Stream;

/** The fabric8 mock API server in CRUD mode with Patchbay's CRDs applied. */
final class MockApiServer implements AutoCloseable {

  private final KubernetesMockServer server;
  private final KubernetesClient client;

  MockApiServer() {
    server = new KubernetesMockServer(new Context(Serialization.jsonMapper()), new MockWebServer(), new HashMap<>(),
        new KubernetesCrudDispatcher(), false);
    server.init();
    client = server.createClient();
    crdFiles().forEach(this::applyCrd);
  }

  KubernetesClient client() {
    return client;
  }

  /** CRDs from the committed {@code crds/} when present, else the ones generated into target/classes. */
  private static List<Path> crdFiles() {
    Path root = Path.of(System.getProperty("patchbay.repo.root", ".."));
    Path committed = root.resolve("crds");
    Path dir = Files.isDirectory(committed) ? committed : Path.of("target", "classes", "META-INF", "fabric8");
    try (Stream<Path> files = Files.list(dir)) {
      return files.filter(p -> p.toString().endsWith(".yml") || p.toString().endsWith(".yaml")).sorted().toList();
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  private void applyCrd(Path file) {
    try (InputStream in = Files.newInputStream(file)) {
      Object loaded = Serialization.unmarshal(in);
      if (loaded instanceof CustomResourceDefinition crd) {
        client.resource(crd).create();
      }
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  @Override
  public void close() {
    client.close();
    server.destroy();
  }
}
