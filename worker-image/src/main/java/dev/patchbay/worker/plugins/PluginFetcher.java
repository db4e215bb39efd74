package dev.patchbay.worker.plugins;

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
 * array of plugins, each installed into {@code <PATCHBAY_PLUGIN_DIR>/<name>/}:
 * <pre>{@code
 * [
 *   {"name": "jdbc",
 *    "artifacts": [
 *      {"url": "https://repo.example/jdbc-10.7.4.zip", "sha512": "<128 hex digits>", "type": "zip"},
 *      {"url": "https://repo.example/postgresql-42.7.3.jar", "sha512": "<128 hex digits>"}]}
 * ]
 * }</pre>
 * <ul>
 *   <li>{@code name}: directory name, {@code [A-Za-z0-9][A-Za-z0-9._-]*};</li>
 *   <li>{@code url}: http or https;</li>
 *   <li>{@code sha512}: hex SHA-512 of the downloaded bytes, checked before anything is unpacked;</li>
 *   <li>{@code type} (optional): {@code jar} (copied as is), {@code zip} or {@code tgz} (unpacked into
 *       the plugin directory); inferred from the URL's file extension when absent.</li>
 * </ul>
 * Each plugin is assembled in a temporary sibling directory and renamed into place only when all
 * its artifacts downloaded, matched their checksum and unpacked: a failure (HTTP error, checksum
 * mismatch, corrupt archive, an entry escaping the directory) names the artifact URL and leaves no
 * plugin directory behind. Unknown JSON fields are ignored.
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
    String url = artifact.url();
    PluginSpec.Type type = artifact.resolvedType();
    Path download = staging.resolveSibling(staging.getFileName() + ".download");
    try {
      String actual = download(url, download);
      if (!actual.equalsIgnoreCase(artifact.sha512().trim())) {
        throw new PluginFetchException("plugin " + plugin + ": checksum mismatch for artifact " + url
            + ": expected sha512 " + artifact.sha512().trim().toLowerCase(Locale.ROOT) + " but got " + actual);
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
      log.accept("patchbay-worker: plugin " + plugin + ": " + url + " (" + type.name().toLowerCase(Locale.ROOT) + ") ok");
    } catch (Archives.ArchiveException e) {
      throw new PluginFetchException("plugin " + plugin + ": artifact " + url + " is not a valid "
          + type.name().toLowerCase(Locale.ROOT) + " archive: " + e.getMessage(), e);
    } catch (IOException e) {
      throw new PluginFetchException("plugin " + plugin + ": cannot fetch artifact " + url + ": " + e, e);
    } finally {
      deleteQuietly(download);
    }
  }

  /** Streams the URL into {@code file}, returning the lower-case hex SHA-512 of the bytes. */
  private String download(String url, Path file) throws IOException {
    HttpRequest request = HttpRequest.newBuilder(URI.create(url)).timeout(REQUEST_TIMEOUT).GET().build();
    HttpResponse<InputStream> response;
    try {
      response = http.send(request, HttpResponse.BodyHandlers.ofInputStream());
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IOException("interrupted", e);
    }
    MessageDigest digest = sha512();
    try (InputStream body = response.body()) {
      if (response.statusCode() != 200) {
        throw new IOException("HTTP " + response.statusCode());
      }
      try (InputStream in = new DigestInputStream(body, digest); OutputStream out = Files.newOutputStream(file)) {
        in.transferTo(out);
      }
    }
    return HexFormat.of().formatHex(digest.digest());
  }

  private static MessageDigest sha512() {
    try {
      return MessageDigest.getInstance("SHA-512");
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
