package dev.patchbay.operator.deploy;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.MappingIterator;
import com.fasterxml.jackson.dataformat.yaml.YAMLMapper;
import dev.patchbay.testkit.RepoFiles;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/**
 * Reads the objects of a kustomization under deploy/ without kustomize: the files listed in {@code resources},
 * following directories. Patches and transformers are not applied; use it for what the files say literally (RBAC
 * rules), and {@code kubectl kustomize} for the rendered result.
 */
final class DeployFiles {

  static final YAMLMapper YAML = new YAMLMapper();

  private DeployFiles() {
  }

  static Path dir(String relative) {
    return RepoFiles.resolve(relative);
  }

  static List<JsonNode> objects(Path kustomizationDir) {
    JsonNode kustomization = read(kustomizationDir.resolve("kustomization.yaml")).get(0);
    List<JsonNode> objects = new ArrayList<>();
    for (JsonNode resource : kustomization.path("resources")) {
      Path path = kustomizationDir.resolve(resource.asText()).normalize();
      if (Files.isDirectory(path)) {
        objects.addAll(objects(path));
      } else {
        objects.addAll(read(path));
      }
    }
    return objects;
  }

  static List<JsonNode> read(Path file) {
    try (MappingIterator<JsonNode> it = YAML.readerFor(JsonNode.class).readValues(file.toFile())) {
      List<JsonNode> documents = new ArrayList<>();
      while (it.hasNext()) {
        JsonNode document = it.next();
        if (document != null && document.isObject()) {
          documents.add(document);
        }
      }
      return documents;
    } catch (IOException e) {
      throw new UncheckedIOException("cannot read " + file, e);
    }
  }

  static List<JsonNode> parseYaml(String yaml) {
    try (MappingIterator<JsonNode> it = YAML.readerFor(JsonNode.class).readValues(yaml)) {
      List<JsonNode> documents = new ArrayList<>();
      while (it.hasNext()) {
        JsonNode document = it.next();
        if (document != null && document.isObject()) {
          documents.add(document);
        }
      }
      return documents;
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }
}
