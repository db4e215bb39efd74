package dev.patchbay.operator.api;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import dev.patchbay.testkit.apiserver.CelCostLint;
import dev.patchbay.testkit.apiserver.CrdSchema;
import dev.patchbay.testkit.apiserver.StrictApiServer;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * The committed CRDs pass what a real API server checks of a CRD before it accepts it: every map, list and string a
 * CEL rule reaches is bounded (the cost estimator rejects unbounded ones: "estimated rule cost exceeds budget"), every
 * rule compiles, and every rule's message says what to do.
 */
class CrdLintTest {

  @Test
  void everyCelRuleHasBoundedInputsAndAMessageThatSaysWhatToDo() {
    List<JsonNode> crds = StrictApiServer.repoCrds();
    assertThat(crds).hasSize(2);
    for (JsonNode crd : crds) {
      assertThat(CelCostLint.problems(crd)).as(crd.path("metadata").path("name").asText()).isEmpty();
      CrdSchema.of(crd); // compiles every rule, or throws naming the one that does not
    }
  }

  @Test
  void configMapsAreBoundedAboveWhatRealConfigurationsUse() {
    for (JsonNode crd : StrictApiServer.repoCrds()) {
      JsonNode config = crd.path("spec").path("versions").path(0).path("schema").path("openAPIV3Schema")
          .path("properties").path("spec").path("properties").path("config");
      assertThat(config.path("maxProperties").asInt()).isEqualTo(ApiLimits.MAX_CONFIG_ENTRIES)
          .isGreaterThanOrEqualTo(256);
    }
  }
}
