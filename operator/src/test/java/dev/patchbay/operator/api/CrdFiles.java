package dev.patchbay.operator.api;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.fasterxml.jackson.dataformat.yaml.YAMLFactory;
import com.fasterxml.jackson.dataformat.yaml.YAMLGenerator;
import com.fasterxml.jackson.dataformat.yaml.YAMLMapper;
import dev.patchbay.testkit.RepoFiles;
import io.fabric8.crd.generator.annotation.AdditionalPrinterColumn;
import io.fabric8.kubernetes.api.model.HasMetadata;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

/**
 * The committed CRDs in {@code crds/} and how they are derived from the ones the fabric8 CRD generator writes at build
 * time: the same document, with the printer columns in the order the model declares them (the generator sorts them
 * by name), written as plain YAML with a header.
 */
public final class CrdFiles {

  public static final YAMLMapper YAML = YAMLMapper.builder(YAMLFactory.builder()
          .disable(YAMLGenerator.Feature.WRITE_DOC_START_MARKER)
          .enable(YAMLGenerator.Feature.MINIMIZE_QUOTES)
          .disable(YAMLGenerator.Feature.SPLIT_LINES)
          .enable(YAMLGenerator.Feature.INDENT_ARRAYS_WITH_INDICATOR)
          .build())
      .build();

  static final String HEADER = """
      # Generated from the Java model in operator/src/main/java/dev/patchbay/operator/api. Do not edit.
      # Regenerate with: mvn -B -pl operator -am verify -Dpatchbay.updateCrds=true
      """;

  /** The two kinds, in the order they are listed. */
  public static final List<Class<? extends HasMetadata>> KINDS = List.of(KafkaConnect.class, KafkaConnector.class);

  private CrdFiles() {
  }

  /** {@code kafkaconnects.patchbay.dev}. */
  public static String crdName(Class<? extends HasMetadata> kind) {
    return HasMetadata.getPlural(kind) + "." + HasMetadata.getGroup(kind);
  }

  /** The committed file, e.g. {@code crds/kafkaconnects.patchbay.dev.yaml}. */
  public static Path committed(Class<? extends HasMetadata> kind) {
    return RepoFiles.resolve("crds/" + crdName(kind) + ".yaml");
  }

  /** The CRD the generator wrote into target/classes during this build, as a tree. */
  public static ObjectNode generated(Class<? extends HasMetadata> kind) {
    String resource = "/META-INF/fabric8/" + crdName(kind) + "-v1.yml";
    try (InputStream in = CrdFiles.class.getResourceAsStream(resource)) {
      if (in == null) {
        throw new IllegalStateException(resource + " is not on the class path: the crd-generator-maven-plugin runs in "
            + "process-classes, build with mvn -B -pl operator -am verify");
      }
      return (ObjectNode) YAML.readTree(in);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  /** The expected content of the committed file: a pure function of the generated CRD and the model class. */
  public static String render(Class<? extends HasMetadata> kind, ObjectNode generated) {
    ObjectNode crd = generated.deepCopy();
    for (JsonNode version : crd.path("spec").path("versions")) {
      if (version.has("additionalPrinterColumns")) {
        ((ObjectNode) version).set("additionalPrinterColumns",
            inDeclarationOrder(kind, (ArrayNode) version.get("additionalPrinterColumns")));
      }
    }
    try {
      return HEADER + YAML.writeValueAsString(crd);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  /** Printer columns in the order of the {@link AdditionalPrinterColumn} annotations on the class. */
  static ArrayNode inDeclarationOrder(Class<?> kind, ArrayNode columns) {
    List<String> order = Arrays.stream(kind.getAnnotationsByType(AdditionalPrinterColumn.class))
        .map(AdditionalPrinterColumn::name)
        .toList();
    List<JsonNode> sorted = new ArrayList<>();
    columns.forEach(sorted::add);
    sorted.sort((a, b) -> Integer.compare(rank(order, a), rank(order, b)));
    ArrayNode result = columns.arrayNode();
    sorted.forEach(result::add);
    return result;
  }

  private static int rank(List<String> order, JsonNode column) {
    int index = order.indexOf(column.path("name").asText());
    return index < 0 ? order.size() : index;
  }

  /** The committed CRD's {@code openAPIV3Schema} of the first (only) version. */
  public static JsonNode committedSchema(Class<? extends HasMetadata> kind) {
    try {
      JsonNode crd = YAML.readTree(committed(kind).toFile());
      return crd.path("spec").path("versions").path(0).path("schema").path("openAPIV3Schema");
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }
}
