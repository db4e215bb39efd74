package dev.patchbay.worker;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import dev.patchbay.testkit.EmbeddedKafka;
import dev.patchbay.testkit.Ports;
import dev.patchbay.testkit.WorkerDistribution;
import dev.patchbay.testkit.WorkerProcess;
import dev.patchbay.worker.testplugin.UppercaseValue;
import com.sun.net.httpserver.HttpServer;
import java.io.ByteArrayOutputStream;
import java.io.InputStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.util.HexFormat;
import java.util.jar.JarEntry;
import java.util.jar.JarOutputStream;
import java.util.jar.Manifest;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestMethodOrder;
import org.junit.jupiter.api.io.TempDir;

/** The assembled distribution run as a real worker process against a real broker. */
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class WorkerImageIT {
  static EmbeddedKafka kafka;
  static WorkerProcess worker;
  static ConnectRest rest;
  static int metricsPort;
  @TempDir static Path tmp;

  static HttpServer pluginRepo;
  static final String UPPERCASE = UppercaseValue.class.getName();

  @BeforeAll
  static void startWorker() throws Exception {
    kafka = EmbeddedKafka.start();
    byte[] pluginJar = pluginJar();
    pluginRepo = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 0);
    pluginRepo.createContext("/uppercase-smt-1.0.jar", exchange -> {
      exchange.sendResponseHeaders(200, pluginJar.length);
      exchange.getResponseBody().write(pluginJar);
      exchange.close();
    });
    pluginRepo.start();
    String pluginUrl = "http://127.0.0.1:" + pluginRepo.getAddress().getPort() + "/uppercase-smt-1.0.jar";
    metricsPort = Ports.freePort();
    worker = WorkerProcess.builder(WorkerDistribution.locate())
        .bootstrapServers(kafka.bootstrapServers())
        .groupId("worker-image-it")
        .workDir(tmp.resolve("worker"))
        .metricsPort(metricsPort)
        .pluginsJson("[{\"name\": \"uppercase\", \"artifacts\": [{\"url\": \"" + pluginUrl + "\", \"sha512\": \""
            + HexFormat.of().formatHex(MessageDigest.getInstance("SHA-512").digest(pluginJar)) + "\"}]}]")
        .start()
        .awaitReady(Duration.ofSeconds(90));
    rest = new ConnectRest(worker.restUrl());
  }

  /** A jar holding only the test SMT and its ServiceLoader manifest. */
  static byte[] pluginJar() throws Exception {
    String classFile = UPPERCASE.replace('.', '/') + ".class";
    ByteArrayOutputStream bytes = new ByteArrayOutputStream();
    try (JarOutputStream jar = new JarOutputStream(bytes, new Manifest());
         InputStream in = WorkerImageIT.class.getClassLoader().getResourceAsStream(classFile)) {
      jar.putNextEntry(new JarEntry(classFile));
      in.transferTo(jar);
      jar.putNextEntry(new JarEntry("META-INF/services/org.apache.kafka.connect.transforms.Transformation"));
      jar.write((UPPERCASE + "\n").getBytes(StandardCharsets.UTF_8));
    }
    return bytes.toByteArray();
  }

  @AfterAll
  static void stopAll() throws Exception {
    if (worker != null) {
      worker.kill();
      // keep the worker's log for a look after the build
      Files.copy(worker.logFile(), Path.of("target", "WorkerImageIT-worker.log"), StandardCopyOption.REPLACE_EXISTING);
    }
    if (kafka != null) {
      kafka.close();
    }
    if (pluginRepo != null) {
      pluginRepo.stop(0);
    }
  }

  @Test
  @Order(1)
  void rootReportsConnectVersionAndStartupTimeIsPrinted() {
    ConnectRest.Response root = rest.get("/");

    assertThat(root.status()).isEqualTo(200);
    assertThat(root.json().path("version").asText()).isEqualTo("4.3.1");
    assertThat(root.json().path("kafka_cluster_id").asText()).isNotBlank();
    System.out.println("worker_startup_ms=" + worker.startupTime().orElseThrow().toMillis());
  }

  @Test
  @Order(2)
  void builtInAndFetchedPluginsAreFoundWithServiceLoaderDiscovery() {
    ConnectRest.Response plugins = rest.get("/connector-plugins?connectorsOnly=false");

    assertThat(plugins.status()).isEqualTo(200);
    List<String> classes = new ArrayList<>();
    plugins.json().forEach(p -> classes.add(p.path("class").asText()));
    assertThat(classes).contains(
        "org.apache.kafka.connect.file.FileStreamSourceConnector",
        "org.apache.kafka.connect.file.FileStreamSinkConnector",
        "org.apache.kafka.connect.json.JsonConverter",
        "org.apache.kafka.connect.transforms.InsertField$Value",
        "org.apache.kafka.connect.transforms.RegexRouter",
        UPPERCASE);
    assertThat(worker.log()).contains("plugin.discovery = service_load");
    assertThat(worker.workDir().resolve("plugins/uppercase/uppercase-smt-1.0.jar")).exists();
  }

  @Test
  @Order(3)
  void fileSourceToTopicToFileSinkMovesLinesThroughAFetchedPluginAndResolvesDirProvider() throws Exception {
    Path source = tmp.resolve("source.txt");
    Files.write(source, List.of("alpha", "beta", "gamma"));
    Path sink = tmp.resolve("sink.txt");
    // the sink's output path is a "secret": resolved by the dir config provider on the worker
    Path secrets = Files.createDirectories(tmp.resolve("secrets"));
    Files.writeString(secrets.resolve("sink-path"), sink.toString());
    kafka.createTopic("lines", 1);

    assertThat(rest.putConnectorRetrying("file-source", Map.of(
        "connector.class", "FileStreamSource", "tasks.max", "1",
        "file", source.toString(), "topic", "lines")).status()).isEqualTo(201);
    assertThat(rest.putConnectorRetrying("file-sink", Map.of(
        "connector.class", "org.apache.kafka.connect.file.FileStreamSinkConnector", "tasks.max", "1",
        "file", "${dir:" + secrets + ":sink-path}", "topics", "lines",
        "transforms", "upper", "transforms.upper.type", UPPERCASE)).status()).isEqualTo(201);

    assertThat(kafka.readValues("lines", 3, Duration.ofSeconds(60))).containsExactly("alpha", "beta", "gamma");
    await().atMost(Duration.ofSeconds(60)).pollInterval(Duration.ofMillis(200))
        .until(() -> Files.exists(sink) && Files.readAllLines(sink).size() >= 3);
    assertThat(Files.readAllLines(sink)).containsExactly("ALPHA", "BETA", "GAMMA"); // through the fetched SMT
    // the connector config Connect stores keeps the reference, not the secret
    assertThat(rest.get("/connectors/file-sink/config").json().path("file").asText()).startsWith("${dir:");

    Files.write(source, List.of("delta"), java.nio.file.StandardOpenOption.APPEND);
    await().atMost(Duration.ofSeconds(60)).pollInterval(Duration.ofMillis(200))
        .until(() -> Files.readAllLines(sink).contains("DELTA"));
  }

  @Test
  @Order(4)
  void metricsEndpointServesConnectorAndTaskMetrics() {
    HttpClient http = HttpClient.newHttpClient();
    HttpRequest request = HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + metricsPort + "/metrics"))
        .timeout(Duration.ofSeconds(10)).build();

    await().atMost(Duration.ofSeconds(60)).pollInterval(Duration.ofMillis(500)).untilAsserted(() -> {
      HttpResponse<String> response = http.send(request, HttpResponse.BodyHandlers.ofString());
      assertThat(response.statusCode()).isEqualTo(200);
      assertThat(response.headers().firstValue("Content-Type")).hasValueSatisfying(ct -> assertThat(ct).startsWith("text/plain"));
      String body = response.body();
      assertThat(body)
          .contains("# TYPE kafka_connect_worker_connector_count gauge")
          .contains("kafka_connect_worker_connector_count 2")
          .contains("kafka_connect_worker_task_count 2")
          .contains("kafka_connect_worker_connector_running_task_count{connector=\"file-source\"} 1")
          .contains("kafka_connect_worker_connector_failed_task_count{connector=\"file-sink\"} 0")
          .contains("kafka_connect_connector_status{connector=\"file-source\",value=\"running\"} 1")
          .contains("kafka_connect_source_task_source_record_poll_total{connector=\"file-source\",task=\"0\"} 4")
          .contains("kafka_connect_sink_task_sink_record_read_total{connector=\"file-sink\",task=\"0\"} 4")
          .contains("kafka_connect_connector_task_batch_size_avg{connector=\"file-source\",task=\"0\"}");
      Files.writeString(Path.of("target", "WorkerImageIT-metrics.txt"), body); // a sample for readers
    });
  }

  @Test
  @Order(100)
  void sigtermStopsTheWorkerCleanly() {
    long pid = worker.pid();
    List<ProcessHandle> children = worker.process().descendants().toList();

    int exit = worker.stop(Duration.ofSeconds(60));

    assertThat(exit).isIn(0, 143);
    assertThat(ProcessHandle.of(pid).map(ProcessHandle::isAlive)).isNotEqualTo(java.util.Optional.of(true));
    assertThat(children).noneMatch(ProcessHandle::isAlive);
    assertThat(worker.log()).contains("Kafka Connect stopped");
  }
}
