package dev.patchbay.sandbox.api;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import io.fabric8.kubernetes.client.utils.Serialization;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.List;
import org.junit.jupiter.api.Test;

class TableRendererTest {

  static JsonNode json(String text) throws Exception {
    return Serialization.jsonMapper().readTree(text.replace('\'', '"'));
  }

  @Test
  void jsonPathFollowsFieldsIndexesAndFilters() throws Exception {
    JsonNode o = json("{'spec':{'replicas':2},'status':{'conditions':[{'type':'Other','status':'False'},"
        + "{'type':'Ready','status':'True'}]}}");
    assertThat(SimpleJsonPath.first(o, ".spec.replicas").asInt()).isEqualTo(2);
    assertThat(SimpleJsonPath.first(o, ".status.conditions[?(@.type==\"Ready\")].status").asText()).isEqualTo("True");
    assertThat(SimpleJsonPath.first(o, ".status.conditions[0].type").asText()).isEqualTo("Other");
    assertThat(SimpleJsonPath.first(o, ".status.missing").isMissingNode()).isTrue();
  }

  @Test
  void rendersPrinterColumnsWithAgeAndEmptyCells() throws Exception {
    JsonNode crd = json("{'spec':{'versions':[{'name':'v1alpha1','additionalPrinterColumns':["
        + "{'name':'State','type':'string','jsonPath':'.status.state'},"
        + "{'name':'Age','type':'date','jsonPath':'.metadata.creationTimestamp'}]}]}}");
    List<TableRenderer.Column> columns = TableRenderer.columnsFor(crd, "v1alpha1", "KafkaConnector");
    TableRenderer renderer = new TableRenderer(Clock.fixed(Instant.parse("2026-01-01T00:05:00Z"), ZoneOffset.UTC));
    JsonNode table = renderer.render(json("{'items':[{'metadata':{'name':'a','creationTimestamp':"
        + "'2026-01-01T00:00:00Z'},'status':{'state':'RUNNING'}},{'metadata':{'name':'b','creationTimestamp':"
        + "'2026-01-01T00:04:30Z'}}]}"), columns, null);
    assertThat(table.path("columnDefinitions").findValuesAsText("name")).containsExactly("Name", "State", "Age");
    assertThat(table.path("rows").get(0).path("cells").toString()).isEqualTo("[\"a\",\"RUNNING\",\"5m\"]");
    assertThat(table.path("rows").get(1).path("cells").toString()).isEqualTo("[\"b\",null,\"30s\"]");
    assertThat(table.path("rows").get(0).path("object").path("kind").asText()).isEqualTo("PartialObjectMetadata");
  }

  @Test
  void agesLookLikeKubectls() {
    assertThat(TableRenderer.humanDuration(Duration.ofSeconds(119))).isEqualTo("119s");
    assertThat(TableRenderer.humanDuration(Duration.ofSeconds(150))).isEqualTo("2m30s");
    assertThat(TableRenderer.humanDuration(Duration.ofMinutes(75))).isEqualTo("75m");
    assertThat(TableRenderer.humanDuration(Duration.ofHours(5).plusMinutes(3))).isEqualTo("5h3m");
    assertThat(TableRenderer.humanDuration(Duration.ofHours(50))).isEqualTo("2d2h");
  }
}
