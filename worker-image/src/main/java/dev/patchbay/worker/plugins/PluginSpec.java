package dev.patchbay.worker.plugins;

import com.fasterxml.jackson.annotation.JsonIgnoreProperties;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.type.TypeReference;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.patchbay.contract.DisplayUrl;
import java.net.URI;
import java.nio.file.Path;
import java.util.List;
import java.util.Locale;
import java.util.regex.Pattern;

/**
 * One entry of {@code plugins.json}: a plugin directory name and the artifacts that fill it.
 * See {@link PluginFetcher} for the file format.
 */
@JsonIgnoreProperties(ignoreUnknown = true)
public record PluginSpec(String name, List<Artifact> artifacts) {
  private static final Pattern NAME = Pattern.compile("[A-Za-z0-9][A-Za-z0-9._-]*");
  private static final Pattern SHA512 = Pattern.compile("[0-9a-fA-F]{128}");
  /** A Maven coordinate part: one path segment that cannot climb up. */
  private static final Pattern COORDINATE = Pattern.compile("[A-Za-z0-9][A-Za-z0-9._+-]*");

  /** The archive kinds the fetcher unpacks. */
  public enum Type { JAR, ZIP, TGZ }

  /**
   * A downloadable file, given either by {@code url} (with {@code sha512}, {@code type} optional and inferred from
   * the URL's file name) or by {@code maven} coordinates resolved in {@code repository} ({@code sha512} optional).
   */
  @JsonIgnoreProperties(ignoreUnknown = true)
  public record Artifact(String url, String sha512, String type, Maven maven, String repository) {

    public static Artifact ofUrl(String url, String sha512, String type) {
      return new Artifact(url, sha512, type, null, null);
    }

    public static Artifact ofMaven(Maven maven, String repository, String sha512) {
      return new Artifact(null, sha512, null, maven, repository);
    }

    /** Where the file is downloaded from: the url, or the coordinates' path in the repository. */
    public String location() {
      return maven == null ? url : repository.replaceAll("/+$", "") + "/" + maven.path();
    }

    /** The declared type, else the one the URL's path ends with (.jar, .zip, .tgz, .tar.gz). */
    public Type resolvedType() {
      if (maven != null) {
        return typeNamed(maven.type() == null || maven.type().isBlank() ? "jar" : maven.type());
      }
      if (type != null && !type.isBlank()) {
        return typeNamed(type);
      }
      String path = URI.create(url).getPath().toLowerCase(Locale.ROOT);
      if (path.endsWith(".jar")) {
        return Type.JAR;
      } else if (path.endsWith(".zip")) {
        return Type.ZIP;
      } else if (path.endsWith(".tgz") || path.endsWith(".tar.gz")) {
        return Type.TGZ;
      }
      throw new PluginFetchException("artifact " + DisplayUrl.of(url)
          + ": cannot infer the type from the URL, set \"type\" to jar, zip or tgz");
    }

    private Type typeNamed(String name) {
      return switch (name.trim().toLowerCase(Locale.ROOT)) {
        case "jar" -> Type.JAR;
        case "zip" -> Type.ZIP;
        case "tgz", "tar.gz" -> Type.TGZ;
        default -> throw new PluginFetchException("artifact " + DisplayUrl.of(location()) + ": unknown type '" + name
            + "' (jar, zip, tar.gz or tgz)");
      };
    }

    /** The last path segment of the location (used as the file name of a jar). */
    public String fileName() {
      String path = URI.create(location()).getPath();
      String last = Path.of(path.isEmpty() ? "/artifact.jar" : path).getFileName().toString();
      return last.isBlank() ? "artifact.jar" : last;
    }

    void validate(String plugin) {
      if ((url == null || url.isBlank()) == (maven == null)) {
        throw new PluginFetchException("plugin " + plugin + ": an artifact needs exactly one of url or maven");
      }
      if (maven != null) {
        maven.validate(plugin);
        requireHttp(plugin, "repository", repository);
      } else {
        requireHttp(plugin, "artifact", url);
        if (sha512 == null) {
          throw new PluginFetchException("plugin " + plugin + ": artifact " + DisplayUrl.of(url)
              + " needs a sha512 (128 hex digits)");
        }
      }
      if (sha512 != null && !SHA512.matcher(sha512.trim()).matches()) {
        throw new PluginFetchException("plugin " + plugin + ": the sha512 of " + DisplayUrl.of(location())
            + " must be 128 hex digits");
      }
      resolvedType();
    }
  }

  /**
   * Maven coordinates; the file is {@code <group with / for .>/<artifact>/<version>/<artifact>-<version>
   * [-<classifier>].<type>} under the repository, {@code type} defaulting to jar.
   */
  @JsonIgnoreProperties(ignoreUnknown = true)
  public record Maven(String group, String artifact, String version, String classifier, String type) {

    /** The file's path below the repository root. */
    public String path() {
      String file = artifact + "-" + version + (classifier == null || classifier.isBlank() ? "" : "-" + classifier)
          + "." + (type == null || type.isBlank() ? "jar" : type.trim().toLowerCase(Locale.ROOT));
      return group.replace('.', '/') + "/" + artifact + "/" + version + "/" + file;
    }

    void validate(String plugin) {
      for (String part : new String[] {group, artifact, version}) {
        if (part == null || !COORDINATE.matcher(part).matches()) {
          throw new PluginFetchException("plugin " + plugin + ": maven coordinates need group, artifact and version "
              + "(letters, digits, '.', '_', '-', '+'), got " + group + ":" + artifact + ":" + version);
        }
      }
      if (classifier != null && !COORDINATE.matcher(classifier).matches()) {
        throw new PluginFetchException("plugin " + plugin + ": invalid maven classifier '" + classifier + "'");
      }
    }
  }

  /** Parses and validates plugins.json content. */
  public static List<PluginSpec> parse(String json) {
    List<PluginSpec> specs;
    try {
      specs = new ObjectMapper().readValue(json, new TypeReference<List<PluginSpec>>() {});
    } catch (JsonProcessingException e) {
      throw new PluginFetchException("invalid plugins.json: " + e.getOriginalMessage(), e);
    }
    if (specs == null) {
      return List.of();
    }
    for (PluginSpec spec : specs) {
      spec.validate();
    }
    return specs;
  }

  void validate() {
    if (name == null || !NAME.matcher(name).matches()) {
      throw new PluginFetchException("invalid plugin name '" + name + "': use letters, digits, '.', '_' and '-'");
    }
    if (artifacts == null || artifacts.isEmpty()) {
      throw new PluginFetchException("plugin " + name + " has no artifacts");
    }
    for (Artifact a : artifacts) {
      if (a == null) {
        throw new PluginFetchException("plugin " + name + ": an artifact is null");
      }
      a.validate(name);
    }
  }

  private static void requireHttp(String plugin, String what, String url) {
    if (url == null || url.isBlank()) {
      throw new PluginFetchException("plugin " + plugin + ": a maven artifact needs a repository");
    }
    URI uri;
    try {
      uri = URI.create(url);
    } catch (IllegalArgumentException e) {
      throw new PluginFetchException("plugin " + plugin + ": " + what + " " + DisplayUrl.of(url)
          + " is not a valid URL", e);
    }
    if (!"http".equalsIgnoreCase(uri.getScheme()) && !"https".equalsIgnoreCase(uri.getScheme())) {
      throw new PluginFetchException("plugin " + plugin + ": " + what + " " + DisplayUrl.of(url)
          + " must be an http(s) URL");
    }
  }
}
