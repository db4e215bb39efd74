package dev.patchbay.sandbox.api;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
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

  static JsonNode pod(String initStatus, String mainStatus) throws Exception {
    return json("{'spec':{'initContainers':[{'name':'fetch-plugins'}],'containers':[{'name':'connect'}]},"
        + "'status':{'phase':'Pending','initContainerStatuses':[" + initStatus + "],"
        + "'containerStatuses':[" + mainStatus + "]}}");
  }

  @Test
  void podStatusIsPrintedAsARealServerPrintsIt() throws Exception {
    String initializing = "{'name':'connect','restartCount':0,'state':{'waiting':{'reason':'PodInitializing'}}}";
    String initFailed = "{'name':'fetch-plugins','restartCount':0,'state':{'terminated':{'exitCode':1,"
        + "'reason':'Error'}}}";
    String initBackOff = "{'name':'fetch-plugins','restartCount':3,'state':{'waiting':{'reason':'CrashLoopBackOff'}},"
        + "'lastState':{'terminated':{'exitCode':1,'reason':'Error'}}}";
    String initRunning = "{'name':'fetch-plugins','restartCount':1,'state':{'running':{}}}";
    String initDone = "{'name':'fetch-plugins','restartCount':2,'state':{'terminated':{'exitCode':0,"
        + "'reason':'Completed'}}}";
    assertThat(PodStatusColumn.status(pod(initFailed, initializing))).isEqualTo("Init:Error");
    assertThat(PodStatusColumn.status(pod(initBackOff, initializing))).isEqualTo("Init:CrashLoopBackOff");
    assertThat(PodStatusColumn.restarts(pod(initBackOff, initializing))).isEqualTo(3);
    assertThat(PodStatusColumn.status(pod(initRunning, initializing))).isEqualTo("Init:0/1");

    JsonNode running = pod(initDone, "{'name':'connect','ready':true,'restartCount':0,'state':{'running':{}}}");
    ((ObjectNode) running.path("status")).put("phase", "Running");
    assertThat(PodStatusColumn.status(running)).isEqualTo("Running");
    assertThat(PodStatusColumn.restarts(running)).isZero();
    assertThat(PodStatusColumn.status(pod(initDone, "{'name':'connect','restartCount':4,'state':{'waiting':"
        + "{'reason':'CrashLoopBackOff'}}}"))).isEqualTo("CrashLoopBackOff");
    assertThat(PodStatusColumn.status(pod(initDone, "{'name':'connect','restartCount':0,'state':{'terminated':"
        + "{'exitCode':137,'reason':'OOMKilled'}}}"))).isEqualTo("OOMKilled");

    List<TableRenderer.Column> columns = TableRenderer.columnsFor(null, "v1", "Pod");
    JsonNode table = new TableRenderer(Clock.systemUTC()).render(pod(initBackOff, initializing), columns, "None");
    assertThat(table.path("rows").get(0).path("cells").toString()).contains("\"Init:CrashLoopBackOff\",3");
  }
}
