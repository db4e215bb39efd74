package dev.patchbay.operator.api;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.fail;

import com.fasterxml.jackson.databind.JsonNode;
import io.fabric8.kubernetes.api.model.HasMetadata;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.FieldSource;

/**
 * The CRDs committed in {@code crds/} are exactly what the Java model generates. Run the build with
 * {@code -Dpatchbay.updateCrds=true} to rewrite them.
 */
class CrdDriftTest {

  static final List<Class<? extends HasMetadata>> KINDS = CrdFiles.KINDS;

  @ParameterizedTest
  @FieldSource("KINDS")
  void committedCrdMatchesTheModel(Class<? extends HasMetadata> kind) throws IOException {
    String expected = CrdFiles.render(kind, CrdFiles.generated(kind));
    Path file = CrdFiles.committed(kind);
    if (Boolean.getBoolean("patchbay.updateCrds")) {
      Files.createDirectories(file.getParent());
      Files.writeString(file, expected, StandardCharsets.UTF_8);
      System.out.println("CrdDriftTest: wrote " + file);
    }
    String actual = Files.exists(file) ? Files.readString(file, StandardCharsets.UTF_8) : null;
    if (!expected.equals(actual)) {
      fail(file + (actual == null ? " is missing" : " differs from the CRD generated from the Java model ("
          + firstDifference(expected, actual) + ")")
          + ".\nRegenerate it with: mvn -B -pl operator -am verify -Dpatchbay.updateCrds=true\n"
          + "then review and commit crds/.");
    }
  }

  @Test
  void printerColumnsFollowTheDesign() {
    assertThat(columnNames(KafkaConnect.class)).containsExactly("Replicas", "Available", "Mode", "Ready", "Age");
    assertThat(columnNames(KafkaConnector.class))
        .containsExactly("Cluster", "Class", "State", "Tasks", "Ready", "Age");
  }

  @Test
  void kafkaConnectNameIsCheckedAtTheRootOfTheSchema() {
    JsonNode rules = CrdFiles.committedSchema(KafkaConnect.class).path("x-kubernetes-validations");
    assertThat(rules.findValuesAsText("rule"))
        .anySatisfy(rule -> assertThat(rule)
            .contains("size(self.metadata.name) <= " + dev.patchbay.operator.Naming.MAX_CLUSTER_NAME_LENGTH)
            .contains("^[a-z]([-a-z0-9]*[a-z0-9])?$"));
  }

  @Test
  void celRuleOnWorkerConfigNamesEveryOperatorOwnedKey() {
    JsonNode config = CrdFiles.committedSchema(KafkaConnect.class).path("properties").path("spec")
        .path("properties").path("config");
    String rule = config.path("x-kubernetes-validations").path(0).path("rule").asText();
    // the operator's own check (SpecValidator) and the CRD's CEL rule name the same keys
    assertThat(OwnedWorkerKeys.KEYS).hasSize(13).contains("group.id", "rest.advertised.listener", "config.providers");
    for (String key : OwnedWorkerKeys.KEYS) {
      assertThat(rule).contains("'" + key + "'");
    }
    assertThat(rule).contains("k.startsWith('config.providers.')");
  }

  private static List<String> columnNames(Class<? extends HasMetadata> kind) {
    JsonNode columns;
    try {
      columns = CrdFiles.YAML.readTree(CrdFiles.committed(kind).toFile())
          .path("spec").path("versions").path(0).path("additionalPrinterColumns");
    } catch (IOException e) {
      throw new java.io.UncheckedIOException(e);
    }
    return columns.findValuesAsText("name");
  }

  private static String firstDifference(String expected, String actual) {
    String[] e = expected.split("\n", -1);
    String[] a = actual.split("\n", -1);
    for (int i = 0; i < Math.max(e.length, a.length); i++) {
      String el = i < e.length ? e[i] : "<end of file>";
      String al = i < a.length ? a[i] : "<end of file>";
      if (!el.equals(al)) {
        return "first difference at line " + (i + 1) + ": expected [" + el.strip() + "] but the file has ["
            + al.strip() + "]";
      }
    }
    return "no line differs";
  }
}
