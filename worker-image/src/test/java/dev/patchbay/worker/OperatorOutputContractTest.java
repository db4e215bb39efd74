package dev.patchbay.worker;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.dataformat.yaml.YAMLFactory;
import dev.patchbay.testkit.RepoFiles;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Properties;
import org.apache.kafka.common.utils.Utils;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The worker side of the worker.properties contract, checked on what the operator really writes: the operator's
 * golden ConfigMap of the {@code awkward-config} scenario (kept equal to the operator's output by its
 * ClusterResourcesTest) must give the worker back every {@code spec.config} entry of that scenario exactly, both
 * when the entrypoint reads it and when Connect reads the file the entrypoint writes.
 */
class OperatorOutputContractTest {

  private static final Path SCENARIO = RepoFiles.resolve("operator/src/test/resources/golden/awkward-config");
  private static final ObjectMapper YAML = new ObjectMapper(new YAMLFactory());

  @TempDir Path config;
  @TempDir Path work;

  @Test
  void everySpecConfigEntryReachesTheWorkerIdentically() throws IOException {
    Map<String, String> specConfig = specConfig();
    assertThat(specConfig).as("the scenario's awkward entries").hasSizeGreaterThan(10)
        .containsKeys("a=b", " leading.space.key", "unicode.\u00e9", "multi.line");
    Files.writeString(config.resolve(WorkerConfigRenderer.WORKER_PROPERTIES),
        configMapData().path(WorkerConfigRenderer.WORKER_PROPERTIES).asText());
    Files.writeString(config.resolve(WorkerConfigRenderer.LOGGERS_PROPERTIES),
        configMapData().path(WorkerConfigRenderer.LOGGERS_PROPERTIES).asText());

    WorkerConfigRenderer.Rendered rendered = new WorkerConfigRenderer(Map.of(
        WorkerConfigRenderer.ENV_PLUGIN_DIR, work.resolve("no-plugins").toString()))
        .render(config, WorkerConfigRendererTest.BASE_LOG4J2);
    assertThat(rendered.workerProperties()).containsAllEntriesOf(specConfig);
    assertThat(rendered.log4j2Properties()).contains("logger.patchbay0.name = org.example.Odd$Inner\n");

    Path effective = work.resolve(WorkerConfigRenderer.WORKER_PROPERTIES);
    PropertiesFiles.writeAtomically(effective, PropertiesFiles.format(rendered.workerProperties()));
    Properties readByConnect = Utils.loadProps(effective.toString()); // what ConnectDistributed does
    specConfig.forEach((key, value) -> assertThat(readByConnect.getProperty(key)).as(key).isEqualTo(value));
  }

  private static Map<String, String> specConfig() throws IOException {
    Map<String, String> config = new LinkedHashMap<>();
    YAML.readTree(SCENARIO.resolve("in-kafkaconnect.yaml").toFile()).path("spec").path("config").fields()
        .forEachRemaining(e -> config.put(e.getKey(), e.getValue().asText()));
    return config;
  }

  private static JsonNode configMapData() throws IOException {
    return YAML.readTree(SCENARIO.resolve("out-ConfigMap.yaml").toFile()).path("data");
  }
}
