package dev.patchbay.sandbox;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import com.fasterxml.jackson.databind.JsonNode;
import dev.patchbay.operator.api.ApiGroup;
import dev.patchbay.testkit.FileServer;
import io.fabric8.kubernetes.api.model.GenericKubernetesResource;
import io.fabric8.kubernetes.client.utils.Serialization;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Duration;
import java.util.List;
import java.util.Optional;
import java.util.UUID;
import java.util.stream.Stream;
import org.awaitility.core.ConditionFactory;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestMethodOrder;
import org.junit.jupiter.api.io.TempDir;

/**
 * examples/cdc/ end to end, as the README walks a user through it: a PostgreSQL started here with
 * {@code wal_level=logical} and set up by {@code examples/cdc/shop.sql}, the example's YAML applied to one sandbox
 * (only the database port changed), Debezium's plugin installed by its Maven coordinates, and changes to the table
 * arriving in the sink file. The operator's Maven repository is a mirror served here: the plugin tarball and the
 * {@code .sha1} Maven Central published for it, as the build put them into the local repository (the tarball is a
 * test dependency of this module). So the test runs offline, always on the same bytes, and takes the mirror path.
 * Skips, saying why, when PostgreSQL cannot be had on this machine.
 */
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class CdcExampleE2ETest {

  static final String CLUSTER = "cdc-connect";
  static final String SOURCE = "orders-source";
  static final String SINK = "orders-sink";
  static final String PLUGIN_TARBALL = "/io/debezium/debezium-connector-postgres/3.6.1.Final/"
      + "debezium-connector-postgres-3.6.1.Final-plugin.tar.gz";
  static final Path EXAMPLE = Path.of(System.getProperty("patchbay.repo.root", "."), "examples", "cdc");

  static LocalPostgres postgres;
  static FileServer repository;
  static Sandbox sandbox;
  static Lab lab;
  static Path sink;
  static String password;
  @TempDir
  static Path dir;

  @BeforeAll
  static void start() throws Exception {
    Lab.assumeWorkerDistribution();
    LocalPostgres.unavailable().ifPresent(CdcExampleE2ETest::skip);
    Path localRepository = Path.of(System.getProperty("patchbay.maven.local-repository",
        System.getProperty("user.home") + "/.m2/repository"));
    if (!Files.isRegularFile(localRepository.resolve(PLUGIN_TARBALL.substring(1) + ".sha1"))) {
      throw new IllegalStateException("the Debezium plugin tarball and its .sha1 are not in " + localRepository
          + ": the tarball is a test dependency of the sandbox module, run this test through Maven");
    }
    password = secretPassword();
    postgres = LocalPostgres.start(UUID.randomUUID().toString());
    runScript(Files.readString(EXAMPLE.resolve("shop.sql")));
    repository = new FileServer();
    for (String file : List.of(PLUGIN_TARBALL, PLUGIN_TARBALL + ".sha1")) {
      repository.publish(file, Files.readAllBytes(localRepository.resolve(file.substring(1))));
    }
    sandbox = Sandbox.start(SandboxOptions.defaults().withWorkDir(dir.resolve("sandbox")).withNamespace("cdc")
        .withPollInterval(Duration.ofSeconds(2)).withMavenRepository(repository.url("")));
    sandbox.apply(List.of(exampleOnPort(postgres.port())));
    lab = new Lab(sandbox);
    sink = lab.dataFile(SINK);
  }

  @AfterAll
  static void stop() {
    try (AutoCloseable pg = postgres; AutoCloseable repo = repository; AutoCloseable sb = sandbox) {
      // closed in reverse order: the sandbox (its workers) first, PostgreSQL last
    } catch (Exception e) {
      throw new IllegalStateException(e);
    }
  }

  private static void skip(String reason) {
    System.out.println("SKIPPED CdcExampleE2ETest: " + reason);
    assumeTrue(false, reason);
  }

  static ConditionFactory eventually() {
    return await().atMost(Duration.ofSeconds(180)).pollInterval(Duration.ofMillis(250));
  }

  @Test
  @Order(1)
  void theDebeziumPluginComesFromTheMavenRepositoryAndBothConnectorsRun() {
    eventually().untilAsserted(() -> {
      for (String connector : List.of(SOURCE, SINK)) {
        JsonNode status = Lab.json(lab.connector(connector)).path("status");
        assertThat(Lab.ready(lab.connector(connector))).as("%s Ready: %s", connector, status).isTrue();
        assertThat(status.path("state").asText()).isEqualTo("RUNNING");
        assertThat(status.path("tasks").findValuesAsText("state")).containsExactly("RUNNING");
      }
    });
    assertThat(Lab.json(lab.connect(CLUSTER)).path("status").path("connectorPlugins").findValuesAsText("class"))
        .contains("io.debezium.connector.postgresql.PostgresConnector");
    assertThat(repository.requested()).as("the init container fetched the tarball from the operator's repository")
        .contains(PLUGIN_TARBALL);
  }

  @Test
  @Order(2)
  void theSnapshotBringsTheRowThatWasThere() {
    eventually().untilAsserted(() -> assertThat(Lab.lines(sink))
        .anySatisfy(line -> assertThat(line).contains("id=1,", "customer=alice", "amount=12.50", "__op=r")));
  }

  @Test
  @Order(3)
  void insertsUpdatesAndDeletesArriveInOrder() throws SQLException {
    try (Connection c = postgres.connect("shop"); Statement s = c.createStatement()) {
      s.execute("INSERT INTO public.orders (customer, amount) VALUES ('bob', 20.00), ('carol', 7.25)");
      s.execute("UPDATE public.orders SET amount = 21.00 WHERE customer = 'bob'");
      s.execute("DELETE FROM public.orders WHERE customer = 'carol'");
    }
    eventually().untilAsserted(() -> {
      List<String> changes = Lab.lines(sink).stream().filter(line -> !line.contains("__op=r")).toList();
      assertThat(changes).hasSize(4);
      assertThat(changes.get(0)).contains("id=2,", "customer=bob", "amount=20.00", "__op=c");
      assertThat(changes.get(1)).contains("id=3,", "customer=carol", "amount=7.25", "__op=c");
      assertThat(changes.get(2)).contains("id=2,", "customer=bob", "amount=21.00", "__op=u");
      assertThat(changes.get(3)).contains("id=3,", "__op=d", "__deleted=true");
    });
  }

  @Test
  @Order(4)
  void thePasswordStaysInTheSecret() {
    assertThat(password).isNotBlank();
    Lab.Response live = lab.get(CLUSTER, "/connectors/" + SOURCE + "/config");
    assertThat(live.status()).isEqualTo(200);
    assertThat(live.body().path("database.password").asText())
        .as("Connect holds the reference; each worker resolves it from the mounted Secret")
        .startsWith("${dir:").endsWith("/postgres-credentials:password}");
    for (String kind : List.of("KafkaConnector", "KafkaConnect")) {
      for (GenericKubernetesResource r : sandbox.client().genericKubernetesResources(ApiGroup.API_VERSION, kind)
          .inNamespace(sandbox.namespace()).list().getItems()) {
        String text = Serialization.asJson(r);
        assertThat(text).as("%s %s", kind, r.getMetadata().getName()).doesNotContain(password);
      }
    }
    String events = Serialization.asJson(sandbox.client().v1().events().inNamespace(sandbox.namespace()).list());
    assertThat(events).contains(SOURCE).doesNotContain(password);
  }

  /** The password of the example's Secret, as a user would have it. */
  private static String secretPassword() throws IOException {
    GenericKubernetesResource secret = ResourceApplier.parse(
        Files.readString(EXAMPLE.resolve("postgres-credentials.yaml"))).get(0);
    return String.valueOf((Object) secret.get("stringData", "password"));
  }

  /** The example's YAML with the database port of the PostgreSQL started here; nothing else changed. */
  private static Path exampleOnPort(int port) throws IOException {
    Path copy = Files.createDirectories(dir.resolve("example"));
    try (Stream<Path> files = Files.list(EXAMPLE)) {
      for (Path f : files.filter(f -> f.toString().endsWith(".yaml")).toList()) {
        String text = Files.readString(f);
        if (f.getFileName().toString().equals("orders-source.yaml")) {
          assertThat(text).contains("database.port: \"5432\"");
          text = text.replace("database.port: \"5432\"", "database.port: \"" + port + "\"");
        }
        Files.writeString(copy.resolve(f.getFileName()), text);
      }
    }
    return copy;
  }

  /**
   * Runs a psql script the way psql would for its SQL and its one meta-command here, {@code \connect <db>}: the
   * statements before it on the database postgres, those after it on that database.
   */
  private static void runScript(String script) throws SQLException {
    String database = "postgres";
    StringBuilder sql = new StringBuilder();
    for (String line : script.split("\n")) {
      Optional<String> connect = Optional.of(line.trim()).filter(l -> l.startsWith("\\connect "))
          .map(l -> l.substring("\\connect ".length()).trim());
      if (connect.isPresent()) {
        execute(database, sql.toString());
        database = connect.get();
        sql.setLength(0);
      } else if (!line.trim().startsWith("--")) {
        sql.append(line).append('\n');
      }
    }
    execute(database, sql.toString());
  }

  private static void execute(String database, String sql) throws SQLException {
    if (sql.isBlank()) {
      return;
    }
    try (Connection c = postgres.connect(database); Statement s = c.createStatement()) {
      s.execute(sql);
    }
  }
}
