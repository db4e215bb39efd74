package dev.patchbay.sandbox;

import com.fasterxml.jackson.databind.MappingIterator;
import com.fasterxml.jackson.dataformat.yaml.YAMLMapper;
import dev.patchbay.operator.Naming;
import io.fabric8.kubernetes.api.model.GenericKubernetesResource;
import io.fabric8.kubernetes.api.model.NamespaceBuilder;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.KubernetesClientException;
import io.fabric8.kubernetes.client.utils.Serialization;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URI;
import java.net.URISyntaxException;
import java.nio.charset.StandardCharsets;
import java.nio.file.FileSystem;
import java.nio.file.FileSystems;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;

/**
 * Applies YAML to the embedded API the way the sandbox needs it: a KafkaConnect's {@code bootstrapServers} points
 * at the embedded broker, a FileStream connector's {@code file} moves into the sandbox's data directory (a source
 * file is pre-filled with three lines), and {@code /opt/patchbay/secrets/} in connector config becomes the local
 * directory the runtime mounts Secrets into.
 */
public final class ResourceApplier {

  /** Where the quick start is bundled inside the jar. */
  public static final String BUNDLED_QUICKSTART = "patchbay-sandbox/quickstart";
  public static final List<String> SOURCE_LINES = List.of("hello patchbay", "kafka connect", "in a sandbox");

  /** A resource applied, and what was rewritten. */
  public record Applied(String apiVersion, String kind, String namespace, String name) {
    public String display() {
      return kind + " " + namespace + "/" + name;
    }
  }

  /** A FileStream connector's file, moved into the sandbox. */
  public record DataFile(String connector, String role, Path path) {
  }

  private final KubernetesClient client;
  private final String defaultNamespace;
  private final String bootstrapServers;
  private final Path dataDir;
  private final Path secretsRoot;
  private final List<DataFile> dataFiles = new ArrayList<>();

  public ResourceApplier(KubernetesClient client, String defaultNamespace, String bootstrapServers, Path dataDir,
      Path secretsRoot) {
    this.client = client;
    this.defaultNamespace = defaultNamespace;
    this.bootstrapServers = bootstrapServers;
    this.dataDir = dataDir;
    this.secretsRoot = secretsRoot;
  }

  public List<DataFile> dataFiles() {
    return List.copyOf(dataFiles);
  }

  /** Applies every YAML file of the given paths (directories: their *.yaml / *.yml files, sorted). */
  public List<Applied> apply(List<Path> paths) throws IOException {
    List<GenericKubernetesResource> resources = new ArrayList<>();
    for (Path p : paths) {
      for (Path file : yamlFiles(p)) {
        resources.addAll(parse(Files.readString(file, StandardCharsets.UTF_8)));
      }
    }
    return applyAll(resources);
  }

  /** Applies the quick start bundled in the jar (a copy of examples/quickstart). */
  public List<Applied> applyBundledQuickstart() throws IOException {
    URI uri;
    try {
      var url = ResourceApplier.class.getClassLoader().getResource(BUNDLED_QUICKSTART);
      if (url == null) {
        throw new IllegalStateException("the quick start is not bundled (" + BUNDLED_QUICKSTART + ")");
      }
      uri = url.toURI();
    } catch (URISyntaxException e) {
      throw new IllegalStateException(e);
    }
    if ("jar".equals(uri.getScheme())) {
      try (FileSystem fs = FileSystems.newFileSystem(uri, Map.of())) {
        return apply(List.of(fs.provider().getPath(uri)));
      }
    }
    return apply(List.of(Path.of(uri)));
  }

  /** Applies multi-document YAML given as text. */
  public List<Applied> applyYaml(String yaml) throws IOException {
    return applyAll(parse(yaml));
  }

  /** Parses multi-document YAML into generic resources (the typed model is not used on purpose). */
  public static List<GenericKubernetesResource> parse(String yaml) throws IOException {
    List<GenericKubernetesResource> out = new ArrayList<>();
    try (MappingIterator<Map<String, Object>> docs = new YAMLMapper().readerForMapOf(Object.class).readValues(yaml)) {
      while (docs.hasNext()) {
        Map<String, Object> doc = docs.next();
        if (doc == null || doc.isEmpty()) {
          continue;
        }
        if ("List".equals(doc.get("kind")) && doc.get("items") instanceof List<?> items) {
          for (Object item : items) {
            out.add(Serialization.jsonMapper().convertValue(item, GenericKubernetesResource.class));
          }
        } else {
          out.add(Serialization.jsonMapper().convertValue(doc, GenericKubernetesResource.class));
        }
      }
    }
    return out;
  }

  private static List<Path> yamlFiles(Path p) throws IOException {
    if (!Files.isDirectory(p)) {
      return List.of(p);
    }
    try (Stream<Path> files = Files.list(p)) {
      return files.filter(f -> f.getFileName().toString().matches(".*\\.ya?ml")).sorted(
          // the cluster first, so connectors find it at once
          (a, b) -> Integer.compare(order(a), order(b)) != 0 ? Integer.compare(order(a), order(b)) : a.compareTo(b))
          .toList();
    }
  }

  private static int order(Path file) {
    try {
      String text = Files.readString(file);
      return text.contains("kind: KafkaConnector") ? 1 : 0;
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  private List<Applied> applyAll(List<GenericKubernetesResource> resources) throws IOException {
    List<Applied> applied = new ArrayList<>();
    for (GenericKubernetesResource r : resources) {
      if (r.getMetadata().getNamespace() == null || r.getMetadata().getNamespace().isBlank()) {
        r.getMetadata().setNamespace(defaultNamespace);
      }
      ensureNamespace(r.getMetadata().getNamespace());
      rewrite(r);
      try {
        client.resource(r).create();
      } catch (KubernetesClientException e) {
        if (e.getCode() != 409) {
          throw e;
        }
        client.resource(r).update();
      }
      applied.add(new Applied(r.getApiVersion(), r.getKind(), r.getMetadata().getNamespace(),
          r.getMetadata().getName()));
    }
    return applied;
  }

  private void ensureNamespace(String ns) {
    if (client.namespaces().withName(ns).get() == null) {
      client.namespaces().resource(new NamespaceBuilder().withNewMetadata().withName(ns).endMetadata().build())
          .create();
    }
  }

  @SuppressWarnings("unchecked")
  private void rewrite(GenericKubernetesResource r) throws IOException {
    if (!r.getApiVersion().startsWith(Naming.DOMAIN + "/")) {
      return;
    }
    Object specObject = r.getAdditionalProperties().get("spec");
    if (!(specObject instanceof Map)) {
      return;
    }
    Map<String, Object> spec = (Map<String, Object>) specObject;
    if ("KafkaConnect".equals(r.getKind())) {
      Object restUrl = spec.get("restUrl");
      if (restUrl == null || restUrl.toString().isBlank()) {
        spec.put("bootstrapServers", bootstrapServers);
      }
    } else if ("KafkaConnector".equals(r.getKind())) {
      Map<String, Object> config = spec.get("config") instanceof Map
          ? new LinkedHashMap<>((Map<String, Object>) spec.get("config")) : new LinkedHashMap<>();
      String cls = String.valueOf(spec.getOrDefault("class", ""));
      if (cls.contains("FileStream") && config.get("file") instanceof String file && !file.isBlank()) {
        Path local = dataDir.resolve(Path.of(file).getFileName().toString());
        config.put("file", local.toString());
        boolean source = cls.contains("Source");
        dataFiles.add(new DataFile(r.getMetadata().getName(), source ? "source" : "sink", local));
        Files.createDirectories(dataDir);
        if (source && !Files.exists(local)) {
          Files.writeString(local, String.join("\n", SOURCE_LINES) + "\n", StandardCharsets.UTF_8);
        }
      }
      String secretsDir = secretsRoot.resolve(r.getMetadata().getNamespace()) + "/";
      config.replaceAll((k, v) -> v instanceof String s ? s.replace(Naming.SECRETS_DIR + "/", secretsDir) : v);
      spec.put("config", config);
    }
  }
}
