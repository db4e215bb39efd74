package dev.patchbay.worker.plugins;

import static dev.patchbay.worker.plugins.TestArchives.sha512;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.patchbay.testkit.FileServer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Artifacts by Maven coordinates, fetched from a local HTTP server laid out as a Maven repository. */
class MavenArtifactFetchTest {
  static final byte[] JAR = TestArchives.jar(Map.of("com/example/Converter.class", "not really bytecode"));
  static final byte[] TGZ = TestArchives.tgz(Map.of("debezium-connector-postgres/lib/debezium-core.jar", JAR));
  static final String TGZ_PATH = "/maven2/io/debezium/debezium-connector-postgres/3.6.1.Final/"
      + "debezium-connector-postgres-3.6.1.Final-plugin.tar.gz";
  static final PluginSpec.Maven DEBEZIUM = new PluginSpec.Maven("io.debezium", "debezium-connector-postgres",
      "3.6.1.Final", "plugin", "tar.gz");

  final FileServer repo = new FileServer();
  final String repository = repo.url("/maven2/");
  final List<String> log = new ArrayList<>();
  final PluginFetcher fetcher = new PluginFetcher(PluginFetcher.defaultHttpClient(), log::add);
  @TempDir Path pluginDir;

  @AfterEach
  void stop() {
    repo.close();
  }

  PluginSpec debezium(String sha512) {
    return new PluginSpec("debezium-postgres", List.of(PluginSpec.Artifact.ofMaven(DEBEZIUM, repository, sha512)));
  }

  static byte[] ascii(String s) {
    return s.getBytes(StandardCharsets.US_ASCII);
  }

  static String sha1(byte[] data) throws Exception {
    return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-1").digest(data));
  }

  @Test
  void coordinatesNameTheFileInTheRepository() {
    assertThat(PluginSpec.Artifact.ofMaven(DEBEZIUM, "https://repo1.maven.org/maven2/", null).location())
        .isEqualTo("https://repo1.maven.org/maven2/io/debezium/debezium-connector-postgres/3.6.1.Final/"
            + "debezium-connector-postgres-3.6.1.Final-plugin.tar.gz");
    PluginSpec.Artifact plainJar = PluginSpec.Artifact.ofMaven(
        new PluginSpec.Maven("org.postgresql", "postgresql", "42.7.4", null, null), "https://m.example/r", null);
    assertThat(plainJar.location()).isEqualTo("https://m.example/r/org/postgresql/postgresql/42.7.4/postgresql-42.7.4.jar");
    assertThat(plainJar.resolvedType()).isEqualTo(PluginSpec.Type.JAR);
    assertThat(plainJar.fileName()).isEqualTo("postgresql-42.7.4.jar");
  }

  @Test
  void withoutSha512TheFileIsCheckedAgainstThePublishedSha512() throws Exception {
    repo.publish(TGZ_PATH, TGZ);
    repo.publish(TGZ_PATH + ".sha512", ascii(sha512(TGZ) + "  debezium-connector-postgres-3.6.1.Final-plugin.tar.gz\n"));

    fetcher.fetch(debezium(null), pluginDir);

    assertThat(Files.readAllBytes(pluginDir.resolve("debezium-postgres/debezium-connector-postgres/lib/debezium-core.jar")))
        .isEqualTo(JAR);
    assertThat(repo.requested()).containsExactly(TGZ_PATH + ".sha512", TGZ_PATH);
    assertThat(log).anySatisfy(line -> assertThat(line).contains("sha512 ok"));
  }

  @Test
  void withoutASha512FileThePublishedSha1IsUsed() throws Exception {
    String jarPath = "/maven2/org/postgresql/postgresql/42.7.4/postgresql-42.7.4.jar";
    repo.publish(jarPath, JAR);
    repo.publish(jarPath + ".sha1", ascii(sha1(JAR)));
    PluginSpec spec = new PluginSpec("pg", List.of(PluginSpec.Artifact.ofMaven(
        new PluginSpec.Maven("org.postgresql", "postgresql", "42.7.4", null, null), repository, null)));

    fetcher.fetch(spec, pluginDir);

    assertThat(Files.readAllBytes(pluginDir.resolve("pg/postgresql-42.7.4.jar"))).isEqualTo(JAR);
    assertThat(repo.requested()).containsExactly(jarPath + ".sha512", jarPath + ".sha1", jarPath);
  }

  @Test
  void aFileThatDiffersFromThePublishedChecksumIsRefused() throws Exception {
    byte[] tampered = TestArchives.tgz(Map.of("evil/lib/x.jar", JAR));
    repo.publish(TGZ_PATH, tampered);
    repo.publish(TGZ_PATH + ".sha1", ascii(sha1(TGZ)));

    assertThatThrownBy(() -> fetcher.fetch(debezium(null), pluginDir))
        .isInstanceOf(PluginFetchException.class)
        .hasMessage("plugin debezium-postgres: checksum mismatch for " + repo.url(TGZ_PATH) + ": expected sha1 "
            + sha1(TGZ) + " (from " + repo.url(TGZ_PATH) + ".sha1), got " + sha1(tampered));
    assertThat(pluginDir).isEmptyDirectory();
  }

  @Test
  void aGivenSha512MustMatchAndTheRepositoryChecksumIsNotAskedFor() {
    repo.publish(TGZ_PATH, TGZ);
    repo.publish(TGZ_PATH + ".sha512", ascii(sha512(TGZ)));
    String wrong = sha512(ascii("another release"));

    assertThatThrownBy(() -> fetcher.fetch(debezium(wrong.toUpperCase()), pluginDir))
        .isInstanceOf(PluginFetchException.class)
        .hasMessage("plugin debezium-postgres: checksum mismatch for " + repo.url(TGZ_PATH) + ": expected sha512 "
            + wrong + ", got " + sha512(TGZ));
    assertThat(repo.requested()).containsExactly(TGZ_PATH);

    fetcher.fetch(debezium(sha512(TGZ)), pluginDir);
    assertThat(pluginDir.resolve("debezium-postgres/debezium-connector-postgres/lib/debezium-core.jar")).exists();
  }

  @Test
  void aMissingArtifactIsAnHttp404NamingItsUrl() {
    repo.publish(TGZ_PATH + ".sha512", ascii(sha512(TGZ)));

    assertThatThrownBy(() -> fetcher.fetch(debezium(null), pluginDir))
        .isInstanceOf(PluginFetchException.class)
        .hasMessage("plugin debezium-postgres: HTTP 404 for " + repo.url(TGZ_PATH));
    assertThat(pluginDir).isEmptyDirectory();
  }

  @Test
  void withoutAnyPublishedChecksumTheUserIsToldToSetSha512() {
    repo.publish(TGZ_PATH, TGZ);

    assertThatThrownBy(() -> fetcher.fetch(debezium(null), pluginDir))
        .isInstanceOf(PluginFetchException.class)
        .hasMessage("plugin debezium-postgres: no sha512 given and the repository publishes no checksum for "
            + repo.url(TGZ_PATH) + " (.sha512 and .sha1 answer HTTP 404); set sha512");
  }

  @Test
  void aChecksumFileThatHoldsNoChecksumIsRefused() {
    repo.publish(TGZ_PATH, TGZ);
    repo.publish(TGZ_PATH + ".sha512", ascii("<html>not found</html>"));

    assertThatThrownBy(() -> fetcher.fetch(debezium(null), pluginDir))
        .hasMessage("plugin debezium-postgres: " + repo.url(TGZ_PATH) + ".sha512 does not hold a sha512 checksum");
  }

  @Test
  void credentialsInTheUrlNeverReachAMessageOrTheLog() {
    for (String userinfo : List.of("deployer:s3cr%40t@", "deployer:s3cr@t@")) { // the second is not even a valid URL
      PluginSpec spec = new PluginSpec("debezium-postgres",
          List.of(PluginSpec.Artifact.ofMaven(DEBEZIUM, repository.replace("http://", "http://" + userinfo), null)));

      assertThatThrownBy(() -> fetcher.fetch(spec, pluginDir)).as(userinfo)
          .hasMessageStartingWith("plugin debezium-postgres: ")
          .hasMessageContaining(repo.url(TGZ_PATH))
          .hasMessageNotContaining("deployer").hasMessageNotContaining("s3cr");
    }
    PluginSpec byUrl = new PluginSpec("x", List.of(PluginSpec.Artifact.ofUrl("https://u:pw@h.example/x.jar", "zz", null)));
    assertThatThrownBy(byUrl::validate).hasMessageContaining("https://h.example/x.jar").hasMessageNotContaining("pw");
    assertThat(log).noneSatisfy(line -> assertThat(line).contains("deployer"));
  }

  @Test
  void aPresignedUrlsSignatureNeverReachesAMessage() {
    String presigned = repo.url(TGZ_PATH) + "?X-Amz-Credential=AKIAEXAMPLE%2F20261201&X-Amz-Signature=deadbeef01";
    PluginSpec spec = new PluginSpec("signed", List.of(PluginSpec.Artifact.ofUrl(presigned, "a".repeat(128), null)));

    assertThatThrownBy(() -> fetcher.fetch(spec, pluginDir))
        .hasMessage("plugin signed: HTTP 404 for " + repo.url(TGZ_PATH) + "?…")
        .hasMessageNotContaining("AKIAEXAMPLE").hasMessageNotContaining("deadbeef01");
    assertThat(log).noneSatisfy(line -> assertThat(line).contains("deadbeef01"));
  }

  @Test
  void invalidMavenEntriesAreRejectedBeforeDownloading() {
    String sha = "\"sha512\": \"" + "a".repeat(128) + "\"";
    assertThatThrownBy(() -> PluginSpec.parse("[{\"name\": \"x\", \"artifacts\": [{\"maven\": {\"group\": \"g\", "
        + "\"artifact\": \"a\", \"version\": \"1\"}}]}]"))
        .hasMessageContaining("needs a repository");
    assertThatThrownBy(() -> PluginSpec.parse("[{\"name\": \"x\", \"artifacts\": [{\"maven\": {\"group\": \"..\", "
        + "\"artifact\": \"a\", \"version\": \"1\"}, \"repository\": \"https://r\"}]}]"))
        .hasMessageContaining("maven coordinates need group, artifact and version");
    assertThatThrownBy(() -> PluginSpec.parse("[{\"name\": \"x\", \"artifacts\": [{\"url\": \"https://h/x.jar\", "
        + sha + ", \"maven\": {\"group\": \"g\", \"artifact\": \"a\", \"version\": \"1\"}}]}]"))
        .hasMessageContaining("exactly one of url or maven");
    assertThatThrownBy(() -> PluginSpec.parse("[{\"name\": \"x\", \"artifacts\": [{\"maven\": {\"group\": \"g\", "
        + "\"artifact\": \"a\", \"version\": \"1\", \"type\": \"rar\"}, \"repository\": \"https://r\"}]}]"))
        .hasMessageContaining("unknown type 'rar'");
    assertThat(PluginSpec.parse("[{\"name\": \"x\", \"artifacts\": [{\"maven\": {\"group\": \"g\", \"artifact\": "
        + "\"a\", \"version\": \"1.0+build.7\", \"type\": \"zip\"}, \"repository\": \"https://r/m2\"}]}]"))
        .singleElement().satisfies(p -> assertThat(p.artifacts().get(0).location())
            .isEqualTo("https://r/m2/g/a/1.0+build.7/a-1.0+build.7.zip"));
  }
}
