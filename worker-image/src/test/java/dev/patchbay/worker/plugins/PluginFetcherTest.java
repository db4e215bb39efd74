package dev.patchbay.worker.plugins;

import static dev.patchbay.worker.plugins.TestArchives.sha512;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import dev.patchbay.testkit.FileServer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The fetcher against a real HTTP server on loopback. */
class PluginFetcherTest {
  static FileServer server;

  @TempDir Path pluginDir;
  final List<String> log = new ArrayList<>();
  final PluginFetcher fetcher = new PluginFetcher(PluginFetcher.defaultHttpClient(), log::add);

  static final byte[] CONNECTOR_JAR = TestArchives.jar(Map.of(
      "com/example/MyConnector.class", "not really bytecode",
      "META-INF/services/org.apache.kafka.connect.source.SourceConnector", "com.example.MyConnector\n"));

  @BeforeAll
  static void serve() {
    server = new FileServer();
  }

  @AfterAll
  static void stop() {
    server.close();
  }

  static String url(String path) {
    return server.url(path);
  }

  static String publish(String path, byte[] body) {
    return server.publish(path, body);
  }

  @Test
  void aJarIsCopiedIntoThePluginDirectory() throws IOException {
    String url = publish("/repo/my-connector-1.0.jar", CONNECTOR_JAR);

    Path installed = fetcher.fetch(spec("my", artifact(url, sha512(CONNECTOR_JAR), null)), pluginDir);

    assertThat(installed).isEqualTo(pluginDir.resolve("my"));
    assertThat(Files.readAllBytes(installed.resolve("my-connector-1.0.jar"))).isEqualTo(CONNECTOR_JAR);
    assertThat(onlyEntries()).containsExactly("my");
  }

  @Test
  void aZipIsUnpackedKeepingItsDirectories() throws IOException {
    Map<String, byte[]> entries = new LinkedHashMap<>();
    entries.put("jdbc-10.7/lib/jdbc.jar", CONNECTOR_JAR);
    entries.put("jdbc-10.7/doc/README", "hello".getBytes(StandardCharsets.UTF_8));
    byte[] zip = TestArchives.zip(entries);
    String url = publish("/repo/jdbc.zip", zip);

    fetcher.fetch(spec("jdbc", artifact(url, sha512(zip).toUpperCase(), null)), pluginDir);

    assertThat(Files.readAllBytes(pluginDir.resolve("jdbc/jdbc-10.7/lib/jdbc.jar"))).isEqualTo(CONNECTOR_JAR);
    assertThat(pluginDir.resolve("jdbc/jdbc-10.7/doc/README")).hasContent("hello");
  }

  @Test
  void aTgzIsUnpackedIncludingLongNames() throws IOException {
    String longName = "plugin/" + "a".repeat(120) + "/deep.jar";
    Map<String, byte[]> entries = new LinkedHashMap<>();
    entries.put("plugin/lib/connector.jar", CONNECTOR_JAR);
    entries.put(longName, "x".getBytes(StandardCharsets.UTF_8));
    byte[] tgz = TestArchives.tgz(entries);
    String url = publish("/download", tgz) + "?id=7"; // no file extension: type given explicitly

    fetcher.fetch(spec("tgz", artifact(url, sha512(tgz), "tgz")), pluginDir);

    assertThat(Files.readAllBytes(pluginDir.resolve("tgz/plugin/lib/connector.jar"))).isEqualTo(CONNECTOR_JAR);
    assertThat(pluginDir.resolve("tgz").resolve(longName)).hasContent("x");
  }

  @Test
  void aTgzMadeFromDotWithDirectoryEntriesIsUnpacked() throws IOException {
    Map<String, byte[]> entries = new LinkedHashMap<>();
    entries.put("./", new byte[0]);
    entries.put("./lib/", new byte[0]);
    entries.put("./lib/connector.jar", CONNECTOR_JAR);
    byte[] tgz = TestArchives.tgz(entries);
    String url = publish("/repo/dot.tar.gz", tgz);

    fetcher.fetch(spec("dot", artifact(url, sha512(tgz), null)), pluginDir);

    assertThat(Files.readAllBytes(pluginDir.resolve("dot/lib/connector.jar"))).isEqualTo(CONNECTOR_JAR);
  }

  @Test
  void severalArtifactsAndPluginsComeFromPluginsJson() throws IOException {
    byte[] zip = TestArchives.zip(Map.of("lib/a.jar", CONNECTOR_JAR));
    String jarUrl = publish("/multi/driver.jar", CONNECTOR_JAR);
    String zipUrl = publish("/multi/connector.zip", zip);
    Path spec = pluginDir.resolveSibling(pluginDir.getFileName() + "-plugins.json");
    Files.writeString(spec, """
        [{"name": "one", "artifacts": [{"url": "%s", "sha512": "%s"}, {"url": "%s", "sha512": "%s", "type": "zip"}]},
         {"name": "two", "artifacts": [{"url": "%s", "sha512": "%s", "type": "jar"}], "unknownField": 1}]
        """.formatted(jarUrl, sha512(CONNECTOR_JAR), zipUrl, sha512(zip), jarUrl, sha512(CONNECTOR_JAR)));

    fetcher.fetchAll(spec, pluginDir);

    assertThat(pluginDir.resolve("one/driver.jar")).exists();
    assertThat(pluginDir.resolve("one/lib/a.jar")).exists();
    assertThat(pluginDir.resolve("two/driver.jar")).exists();
    assertThat(onlyEntries()).containsExactlyInAnyOrder("one", "two");
  }

  @Test
  void aWrongChecksumFailsNamingTheUrlAndLeavesNoPluginDirectory() throws IOException {
    String url = publish("/repo/tampered.jar", CONNECTOR_JAR);
    String wrong = sha512("something else".getBytes(StandardCharsets.UTF_8));

    assertThatThrownBy(() -> fetcher.fetch(spec("tampered", artifact(url, wrong, null)), pluginDir))
        .isInstanceOf(PluginFetchException.class)
        .hasMessageContaining("checksum mismatch")
        .hasMessageContaining(url);
    assertThat(onlyEntries()).isEmpty();
  }

  @Test
  void aMissingArtifactFailsNamingTheUrlAndLeavesNoPluginDirectory() throws IOException {
    String good = publish("/repo/good.jar", CONNECTOR_JAR);
    String missing = url("/repo/missing.jar");

    assertThatThrownBy(() -> fetcher.fetch(spec("partial",
        artifact(good, sha512(CONNECTOR_JAR), null), artifact(missing, sha512(CONNECTOR_JAR), null)), pluginDir))
        .isInstanceOf(PluginFetchException.class)
        .hasMessageContaining(missing)
        .hasMessageContaining("HTTP 404");
    assertThat(onlyEntries()).isEmpty();
  }

  @Test
  void aCorruptArchiveFailsNamingTheUrlAndLeavesNoPluginDirectory() throws IOException {
    byte[] garbage = "this is not an archive at all".getBytes(StandardCharsets.UTF_8);
    for (String type : List.of("jar", "zip", "tgz")) {
      String url = publish("/corrupt/file." + type, garbage);

      assertThatThrownBy(() -> fetcher.fetch(spec("corrupt-" + type, artifact(url, sha512(garbage), null)), pluginDir))
          .as(type)
          .isInstanceOf(PluginFetchException.class)
          .hasMessageContaining(url)
          .hasMessageContaining("not a valid " + type + " archive");
    }
    byte[] tgz = TestArchives.tgz(Map.of("lib/x.jar", CONNECTOR_JAR));
    byte[] truncated = java.util.Arrays.copyOf(tgz, tgz.length / 2);
    String url = publish("/corrupt/truncated.tgz", truncated);
    assertThatThrownBy(() -> fetcher.fetch(spec("truncated", artifact(url, sha512(truncated), null)), pluginDir))
        .hasMessageContaining(url);
    assertThat(onlyEntries()).isEmpty();
  }

  @Test
  void entriesEscapingThePluginDirectoryAreRefused() throws IOException {
    byte[] zip = TestArchives.zip(Map.of("../../evil.sh", "boom".getBytes(StandardCharsets.UTF_8)));
    byte[] tgz = TestArchives.tgz(Map.of("/etc/evil.sh", "boom".getBytes(StandardCharsets.UTF_8)));
    String zipUrl = publish("/slip/evil.zip", zip);
    String tgzUrl = publish("/slip/evil.tgz", tgz);

    assertThatThrownBy(() -> fetcher.fetch(spec("slip", artifact(zipUrl, sha512(zip), null)), pluginDir))
        .hasMessageContaining(zipUrl).hasMessageContaining("outside the plugin directory");
    assertThatThrownBy(() -> fetcher.fetch(spec("slip", artifact(tgzUrl, sha512(tgz), null)), pluginDir))
        .hasMessageContaining(tgzUrl).hasMessageContaining("outside the plugin directory");
    assertThat(onlyEntries()).isEmpty();
    assertThat(pluginDir.getParent().resolve("evil.sh")).doesNotExist();
  }

  @Test
  void aRefetchReplacesThePreviousCopy() throws IOException {
    byte[] v1 = TestArchives.zip(Map.of("v1.jar", CONNECTOR_JAR));
    byte[] v2 = TestArchives.zip(Map.of("v2.jar", CONNECTOR_JAR));
    fetcher.fetch(spec("p", artifact(publish("/v/1.zip", v1), sha512(v1), null)), pluginDir);

    fetcher.fetch(spec("p", artifact(publish("/v/2.zip", v2), sha512(v2), null)), pluginDir);

    assertThat(pluginDir.resolve("p/v2.jar")).exists();
    assertThat(pluginDir.resolve("p/v1.jar")).doesNotExist();
  }

  @Test
  void invalidSpecsAreRejectedBeforeDownloading() {
    assertThatThrownBy(() -> PluginSpec.parse("[{\"name\": \"../x\", \"artifacts\": []}]"))
        .hasMessageContaining("invalid plugin name");
    assertThatThrownBy(() -> PluginSpec.parse("[{\"name\": \"x\", \"artifacts\": [{\"url\": \"file:///etc/passwd\", "
        + "\"sha512\": \"" + "a".repeat(128) + "\"}]}]"))
        .hasMessageContaining("must be an http(s) URL");
    assertThatThrownBy(() -> PluginSpec.parse("[{\"name\": \"x\", \"artifacts\": [{\"url\": \"http://h/x.jar\"}]}]"))
        .hasMessageContaining("needs a sha512");
    assertThatThrownBy(() -> PluginSpec.parse("[{\"name\": \"x\", \"artifacts\": [{\"url\": \"http://h/download\", "
        + "\"sha512\": \"" + "a".repeat(128) + "\"}]}]"))
        .hasMessageContaining("cannot infer the type");
    assertThatThrownBy(() -> PluginSpec.parse("{not json")).hasMessageContaining("invalid plugins.json");
  }

  private static PluginSpec spec(String name, PluginSpec.Artifact... artifacts) {
    return new PluginSpec(name, List.of(artifacts));
  }

  private static PluginSpec.Artifact artifact(String url, String sha512, String type) {
    return PluginSpec.Artifact.ofUrl(url, sha512, type);
  }

  private List<String> onlyEntries() throws IOException {
    try (Stream<Path> list = Files.list(pluginDir)) {
      return list.map(p -> p.getFileName().toString()).toList();
    }
  }
}
