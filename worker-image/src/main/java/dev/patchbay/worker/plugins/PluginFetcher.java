package dev.patchbay.worker.plugins;

import dev.patchbay.contract.DisplayUrl;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.security.DigestInputStream;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.Duration;
import java.util.Comparator;
import java.util.HexFormat;
import java.util.List;
import java.util.Locale;
import java.util.function.Consumer;
import java.util.stream.Stream;

/**
 * Fills the worker's plugin directory from {@code plugins.json} (the init container's job:
 * {@code bin/patchbay-worker fetch-plugins}).
 *
 * <p>{@code plugins.json} lives in the config directory ({@code PATCHBAY_CONFIG_DIR}) and is a JSON
 * array of plugins, each installed into {@code <PATCHBAY_PLUGIN_DIR>/<name>/}. The operator renders it from
 * {@code spec.plugins}; an artifact is given by URL or by Maven coordinates:
 * <pre>{@code
 * [
 *   {"name": "jdbc",
 *    "artifacts": [
 *      {"url": "https://repo.example/jdbc-10.7.4.zip", "sha512": "<128 hex digits>", "type": "zip"},
 *      {"url": "https://repo.example/postgresql-42.7.3.jar", "sha512": "<128 hex digits>"}]},
 *   {"name": "debezium-postgres",
 *    "artifacts": [
 *      {"maven": {"group": "io.debezium", "artifact": "debezium-connector-postgres", "version": "3.6.1.Final",
 *                 "classifier": "plugin", "type": "tar.gz"},
 *       "repository": "https://repo1.maven.org/maven2"}]}
 * ]
 * }</pre>
 * <ul>
 *   <li>{@code name}: directory name, {@code [A-Za-z0-9][A-Za-z0-9._-]*};</li>
 *   <li>{@code url}: http or https; exclusive with {@code maven};</li>
 *   <li>{@code sha512}: hex SHA-512 of the downloaded bytes, checked before anything is unpacked; required with
 *       {@code url};</li>
 *   <li>{@code type} (optional, url artifacts): {@code jar} (copied as is), {@code zip} or {@code tgz}
 *       ({@code tar.gz}; unpacked into the plugin directory); inferred from the URL's file extension when absent;</li>
 *   <li>{@code maven}: {@code group}, {@code artifact}, {@code version}, optional {@code classifier} and
 *       {@code type} (the file extension: {@code jar} by default, {@code zip}, {@code tar.gz} or {@code tgz}); the
 *       file is {@code <repository>/<group with / for .>/<artifact>/<version>/<artifact>-<version>[-<classifier>]
 *       .<type>};</li>
 *   <li>{@code repository} (required with {@code maven}): the repository's root URL, http or https. The operator
 *       fills in its default (Maven Central or {@code PATCHBAY_MAVEN_REPOSITORY}), so this file says exactly what is
 *       fetched. A maven artifact without {@code sha512} is checked against the checksum the repository publishes
 *       next to it: {@code <file>.sha512}, or {@code <file>.sha1} when that answers 404; with {@code sha512} given,
 *       that must match.</li>
 * </ul>
 * Each plugin is assembled in a temporary sibling directory and renamed into place only when all
 * its artifacts downloaded, matched their checksum and unpacked: a failure (HTTP error, checksum
 * mismatch, corrupt archive, an entry escaping the directory) is one line that names the plugin and the
 * artifact URL (without userinfo, which may hold credentials), e.g. {@code plugin jdbc: HTTP 404 for <url>},
 * and leaves no plugin directory behind. Unknown JSON fields are ignored.
 */
public final class PluginFetcher {
  public static final String PLUGINS_JSON = "plugins.json";
  private static final Duration REQUEST_TIMEOUT = Duration.ofMinutes(5);

  private final HttpClient http;
  private final Consumer<String> log;

  public PluginFetcher(HttpClient http, Consumer<String> log) {
    this.http = http;
    this.log = log;
  }

  /** An HTTP client with a connect timeout that follows redirects (artifact repositories use them). */
  public static HttpClient defaultHttpClient() {
    return HttpClient.newBuilder()
        .connectTimeout(Duration.ofSeconds(15))
        .followRedirects(HttpClient.Redirect.NORMAL)
        .build();
  }

  /** Installs every plugin of the spec file into {@code pluginDir}. */
  public void fetchAll(Path specFile, Path pluginDir) {
    String json;
    try {
      json = Files.readString(specFile);
    } catch (IOException e) {
      throw new PluginFetchException("cannot read " + specFile + ": " + e.getMessage(), e);
    }
    fetchAll(PluginSpec.parse(json), pluginDir);
  }

  public void fetchAll(List<PluginSpec> specs, Path pluginDir) {
    for (PluginSpec spec : specs) {
      fetch(spec, pluginDir);
    }
  }

  /** Installs one plugin into {@code pluginDir/<name>}, replacing a previous copy. */
  public Path fetch(PluginSpec spec, Path pluginDir) {
    spec.validate();
    Path target = pluginDir.resolve(spec.name());
    Path staging;
    try {
      Files.createDirectories(pluginDir);
      staging = Files.createTempDirectory(pluginDir, ".fetch-" + spec.name() + "-");
    } catch (IOException e) {
      throw new PluginFetchException("plugin " + spec.name() + ": cannot create a directory in " + pluginDir + ": " + e, e);
    }
    try {
      for (PluginSpec.Artifact artifact : spec.artifacts()) {
        install(spec.name(), artifact, staging);
      }
      deleteRecursively(target);
      Files.move(staging, target, StandardCopyOption.ATOMIC_MOVE);
      log.accept("patchbay-worker: installed plugin " + spec.name() + " into " + target);
      return target;
    } catch (IOException e) {
      throw new PluginFetchException("plugin " + spec.name() + ": cannot install into " + target + ": " + e, e);
    } finally {
      deleteQuietly(staging);
    }
  }

  private void install(String plugin, PluginSpec.Artifact artifact, Path staging) {
    String url = artifact.location();
    String shown = DisplayUrl.of(url);
    PluginSpec.Type type = artifact.resolvedType();
    Path download = staging.resolveSibling(staging.getFileName() + ".download");
    try {
      Checksum expected = artifact.sha512() != null ? new Checksum("sha512", artifact.sha512().trim(), null)
          : published(plugin, url);
      String actual = download(plugin, url, download, expected.algorithm());
      if (!actual.equalsIgnoreCase(expected.hex())) {
        throw new PluginFetchException("plugin " + plugin + ": checksum mismatch for " + shown + ": expected "
            + expected.algorithm() + " " + expected.hex().toLowerCase(Locale.ROOT)
            + (expected.source() == null ? "" : " (from " + DisplayUrl.of(expected.source()) + ")")
            + ", got " + actual);
      }
      switch (type) {
        case JAR -> {
          Archives.checkZip(download);
          Files.copy(download, Archives.safeResolveFile(staging, artifact.fileName()));
        }
        case ZIP -> Archives.unzip(download, staging);
        case TGZ -> Archives.untgz(download, staging);
        default -> throw new IllegalStateException(type.toString());
      }
      log.accept("patchbay-worker: plugin " + plugin + ": " + shown + " (" + type.name().toLowerCase(Locale.ROOT)
          + ", " + expected.algorithm() + " ok)");
    } catch (Archives.ArchiveException e) {
      throw new PluginFetchException("plugin " + plugin + ": artifact " + shown + " is not a valid "
          + type.name().toLowerCase(Locale.ROOT) + " archive: " + e.getMessage(), e);
    } catch (IOException e) {
      throw new PluginFetchException("plugin " + plugin + ": cannot fetch " + shown + ": " + e, e);
    } finally {
      deleteQuietly(download);
    }
  }

  /** An expected digest: algorithm ({@code sha512} or {@code sha1}), hex, and the checksum file it came from. */
  private record Checksum(String algorithm, String hex, String source) {
  }

  /**
   * The checksum a Maven repository publishes next to {@code url}: {@code .sha512}, else (on 404) {@code .sha1}.
   * The file holds the hex digest, optionally followed by white space and a file name.
   */
  private Checksum published(String plugin, String url) throws IOException {
    for (String algorithm : List.of("sha512", "sha1")) {
      String checksumUrl = url + "." + algorithm;
      HttpResponse<String> response = send(checksumUrl, HttpResponse.BodyHandlers.ofString());
      if (response.statusCode() == 404) {
        continue;
      }
      if (response.statusCode() != 200) {
        throw new PluginFetchException("plugin " + plugin + ": HTTP " + response.statusCode() + " for "
            + DisplayUrl.of(checksumUrl));
      }
      String hex = response.body().strip().split("\\s+", 2)[0];
      int length = algorithm.equals("sha512") ? 128 : 40;
      if (!hex.matches("[0-9a-fA-F]{" + length + "}")) {
        throw new PluginFetchException("plugin " + plugin + ": " + DisplayUrl.of(checksumUrl)
            + " does not hold a " + algorithm + " checksum");
      }
      return new Checksum(algorithm, hex, checksumUrl);
    }
    throw new PluginFetchException("plugin " + plugin + ": no sha512 given and the repository publishes no checksum "
        + "for " + DisplayUrl.of(url) + " (.sha512 and .sha1 answer HTTP 404); set sha512");
  }

  /** Streams the URL into {@code file}, returning the lower-case hex digest of the bytes. */
  private String download(String plugin, String url, Path file, String algorithm) throws IOException {
    HttpResponse<InputStream> response = send(url, HttpResponse.BodyHandlers.ofInputStream());
    MessageDigest digest = digest(algorithm);
    try (InputStream body = response.body()) {
      if (response.statusCode() != 200) {
        throw new PluginFetchException("plugin " + plugin + ": HTTP " + response.statusCode() + " for "
            + DisplayUrl.of(url));
      }
      try (InputStream in = new DigestInputStream(body, digest); OutputStream out = Files.newOutputStream(file)) {
        in.transferTo(out);
      }
    }
    return HexFormat.of().formatHex(digest.digest());
  }

  private <T> HttpResponse<T> send(String url, HttpResponse.BodyHandler<T> body) throws IOException {
    HttpRequest request;
    try {
      request = HttpRequest.newBuilder(URI.create(url)).timeout(REQUEST_TIMEOUT).GET().build();
    } catch (IllegalArgumentException e) {
      throw new IOException("not a usable http(s) URL"); // the JDK's message holds the whole URL, userinfo and all
    }
    try {
      return http.send(request, body);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IOException("interrupted", e);
    }
  }

  private static MessageDigest digest(String algorithm) {
    try {
      return MessageDigest.getInstance(algorithm.equals("sha1") ? "SHA-1" : "SHA-512");
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException(e);
    }
  }

  static void deleteRecursively(Path path) throws IOException {
    if (!Files.exists(path, java.nio.file.LinkOption.NOFOLLOW_LINKS)) {
      return;
    }
    try (Stream<Path> walk = Files.walk(path)) {
      for (Path p : walk.sorted(Comparator.reverseOrder()).toList()) {
        Files.delete(p);
      }
    }
  }

  private static void deleteQuietly(Path path) {
    try {
      deleteRecursively(path);
    } catch (IOException | UncheckedIOException e) {
      // best effort: the staging directory is hidden and replaced on the next run
    }
  }
}
