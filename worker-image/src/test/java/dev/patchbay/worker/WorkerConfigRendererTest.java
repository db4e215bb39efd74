package dev.patchbay.worker;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.patchbay.worker.metrics.PrometheusMetricsReporter;
import java.io.IOException;
import java.io.StringReader;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.Map;
import java.util.Properties;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class WorkerConfigRendererTest {
  static final String BASE_LOG4J2 = """
      status = warn
      appender.stdout.type = Console
      appender.stdout.name = STDOUT
      rootLogger.level = ${env:PATCHBAY_LOG_LEVEL:-INFO}
      rootLogger.appenderRef.stdout.ref = STDOUT
      """;

  @TempDir Path config;
  @TempDir Path plugins;
  Map<String, String> env = new HashMap<>();

  @BeforeEach
  void operatorWrittenConfig() throws IOException {
    Files.writeString(config.resolve("worker.properties"), """
        bootstrap.servers=kafka:9092
        group.id=data.my-connect
        config.storage.topic=data.my-connect.configs
        offset.storage.topic=data.my-connect.offsets
        status.storage.topic=data.my-connect.status
        key.converter=org.apache.kafka.connect.json.JsonConverter
        listeners=http://ignored:1
        """);
    env.put("PATCHBAY_PLUGIN_DIR", plugins.toString());
  }

  Map<String, String> render() {
    return new WorkerConfigRenderer(env).render(config, BASE_LOG4J2).workerProperties();
  }

  @Test
  void operatorKeysAreKeptAndEntrypointKeysAdded() {
    env.put("POD_IP", "10.1.2.3");

    Map<String, String> props = render();

    assertThat(props)
        .containsEntry("bootstrap.servers", "kafka:9092")
        .containsEntry("group.id", "data.my-connect")
        .containsEntry("key.converter", "org.apache.kafka.connect.json.JsonConverter")
        .containsEntry("listeners", "http://0.0.0.0:8083")
        .containsEntry("rest.advertised.host.name", "10.1.2.3")
        .containsEntry("rest.advertised.port", "8083")
        .containsEntry("rest.advertised.listener", "http")
        .containsEntry("plugin.path", plugins.toString())
        .containsEntry("plugin.discovery", "service_load")
        .containsEntry("config.providers", "dir,file,env")
        .containsEntry("config.providers.dir.class", "org.apache.kafka.common.config.provider.DirectoryConfigProvider")
        .containsEntry("config.providers.file.class", "org.apache.kafka.common.config.provider.FileConfigProvider")
        .containsEntry("config.providers.env.class", "org.apache.kafka.common.config.provider.EnvVarConfigProvider")
        .doesNotContainKey("metric.reporters");
  }

  @Test
  void restPortAndHostComeFromTheEnvironment() {
    env.put("PATCHBAY_REST_PORT", "18083");
    env.put("PATCHBAY_REST_HOST", "127.0.0.1");

    assertThat(render())
        .containsEntry("listeners", "http://127.0.0.1:18083")
        .containsEntry("rest.advertised.port", "18083")
        .doesNotContainKey("rest.advertised.host.name");
  }

  @Test
  void metricsReporterIsAddedAfterJmxWhenEnabled() {
    env.put("PATCHBAY_METRICS_ENABLED", "true");

    assertThat(render())
        .containsEntry("metric.reporters",
            "org.apache.kafka.common.metrics.JmxReporter," + PrometheusMetricsReporter.class.getName())
        .containsEntry(PrometheusMetricsReporter.PORT_CONFIG, "9404")
        .doesNotContainKey(PrometheusMetricsReporter.HOST_CONFIG);

    env.put("PATCHBAY_METRICS_PORT", "19404");
    assertThat(render()).containsEntry(PrometheusMetricsReporter.PORT_CONFIG, "19404");
  }

  @Test
  void metricsListenOnTheGivenHost() {
    env.put("PATCHBAY_METRICS_ENABLED", "true");
    env.put("PATCHBAY_METRICS_HOST", "127.18.0.7");

    assertThat(render()).containsEntry(PrometheusMetricsReporter.HOST_CONFIG, "127.18.0.7");
  }

  @Test
  void pluginDiscoveryCanBeOverridden() {
    env.put("PATCHBAY_PLUGIN_DISCOVERY", "hybrid_warn");

    assertThat(render()).containsEntry("plugin.discovery", "hybrid_warn");
  }

  @Test
  void aMissingPluginDirectoryIsLeftOutOfPluginPath() {
    env.put("PATCHBAY_PLUGIN_DIR", plugins.resolve("absent").toString());

    assertThat(render()).doesNotContainKey("plugin.path");
  }

  @Test
  void extraConfigProvidersAreKept() throws IOException {
    Files.writeString(config.resolve("worker.properties"),
        Files.readString(config.resolve("worker.properties")) + "config.providers=vault\nconfig.providers.vault.class=x.Vault\n");

    assertThat(render())
        .containsEntry("config.providers", "dir,file,env,vault")
        .containsEntry("config.providers.vault.class", "x.Vault");
  }

  @Test
  void missingRequiredKeysAreNamedInTheError() throws IOException {
    Files.writeString(config.resolve("worker.properties"), "bootstrap.servers=kafka:9092\ngroup.id=\n");

    assertThatThrownBy(this::render)
        .isInstanceOf(WorkerConfigException.class)
        .hasMessageContaining("missing required worker config: group.id, config.storage.topic, "
            + "offset.storage.topic, status.storage.topic");
  }

  @Test
  void aMissingWorkerPropertiesFileIsAClearError() throws IOException {
    Files.delete(config.resolve("worker.properties"));

    assertThatThrownBy(this::render)
        .isInstanceOf(WorkerConfigException.class)
        .hasMessageContaining("missing " + config.resolve("worker.properties"))
        .hasMessageContaining("PATCHBAY_CONFIG_DIR");
  }

  @Test
  void anInvalidPortIsAClearError() {
    env.put("PATCHBAY_REST_PORT", "eighty");

    assertThatThrownBy(this::render).hasMessageContaining("PATCHBAY_REST_PORT=eighty is not a valid port");
  }

  @Test
  void log4j2GetsTheRootLevelAndPerLoggerLevels() throws IOException {
    Files.writeString(config.resolve("loggers.properties"), """
        root=warn
        org.apache.kafka.connect.runtime=DEBUG
        """);

    String log4j2 = new WorkerConfigRenderer(env).render(config, BASE_LOG4J2).log4j2Properties();

    Properties parsed = parse(log4j2);
    assertThat(parsed.getProperty("rootLogger.level")).isEqualTo("WARN");
    assertThat(parsed.getProperty("logger.patchbay0.name")).isEqualTo("org.apache.kafka.connect.runtime");
    assertThat(parsed.getProperty("logger.patchbay0.level")).isEqualTo("DEBUG");
    assertThat(parsed.getProperty("appender.stdout.type")).isEqualTo("Console");

    env.put("PATCHBAY_LOG_LEVEL", "trace");
    assertThat(parse(new WorkerConfigRenderer(env).render(config, BASE_LOG4J2).log4j2Properties())
        .getProperty("rootLogger.level")).isEqualTo("TRACE");
  }

  @Test
  void aMountedLog4j2ConfigurationIsUsedAsIs() throws IOException {
    Files.writeString(config.resolve("log4j2.properties"), "rootLogger.level = ERROR\n");

    assertThat(new WorkerConfigRenderer(env).render(config, BASE_LOG4J2).log4j2Properties())
        .isEqualTo("rootLogger.level = ERROR\n");
  }

  @Test
  void anInvalidLevelIsAClearError() throws IOException {
    Files.writeString(config.resolve("loggers.properties"), "org.apache.kafka=LOUD\n");

    assertThatThrownBy(() -> new WorkerConfigRenderer(env).render(config, BASE_LOG4J2))
        .isInstanceOf(WorkerConfigException.class)
        .hasMessageContaining("invalid log level 'LOUD'");
  }

  @Test
  void renderedPropertiesSurviveARoundTripThroughJavaProperties() throws IOException {
    Map<String, String> values = Map.of("a.b", "x=y:z #1", "unicode", "caf\u00e9 \u2713", "spaces key", " lead", "nl", "a\nb");

    Properties parsed = parse(PropertiesFiles.format(values));

    values.forEach((k, v) -> assertThat(parsed.getProperty(k)).isEqualTo(v));
  }

  private static Properties parse(String text) {
    Properties p = new Properties();
    try {
      p.load(new StringReader(text));
    } catch (IOException e) {
      throw new IllegalStateException(e);
    }
    return p;
  }
}
