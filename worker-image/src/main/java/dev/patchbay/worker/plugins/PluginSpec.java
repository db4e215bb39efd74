package dev.patchbay.worker.plugins;

import com.fasterxml.jackson.annotation.JsonIgnoreProperties;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.type.TypeReference;
import com.fasterxml.jackson.databind.ObjectMapper;
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

  /** The archive kinds the fetcher unpacks. */
  public enum Type { JAR, ZIP, TGZ }

  /** A downloadable file; {@code type} is optional and inferred from the URL's file name. */
  @JsonIgnoreProperties(ignoreUnknown = true)
  public record Artifact(String url, String sha512, String type) {
    /** The declared type, else the one the URL's path ends with (.jar, .zip, .tgz, .tar.gz). */
    public Type resolvedType() {
      if (type != null && !type.isBlank()) {
        String t = type.trim().toLowerCase(Locale.ROOT);
        return switch (t) {
          case "jar" -> Type.JAR;
          case "zip" -> Type.ZIP;
          case "tgz", "tar.gz" -> Type.TGZ;
          default -> throw new PluginFetchException("artifact " + url + ": unknown type '" + type + "' (jar, zip or tgz)");
        };
      }
      String path = URI.create(url).getPath().toLowerCase(Locale.ROOT);
      if (path.endsWith(".jar")) {
        return Type.JAR;
      } else if (path.endsWith(".zip")) {
        return Type.ZIP;
      } else if (path.endsWith(".tgz") || path.endsWith(".tar.gz")) {
        return Type.TGZ;
      }
      throw new PluginFetchException("artifact " + url + ": cannot infer the type from the URL, set \"type\" to jar, zip or tgz");
    }

    /** The last path segment of the URL (used as the file name of a jar). */
    public String fileName() {
      String path = URI.create(url).getPath();
      String last = Path.of(path.isEmpty() ? "/artifact.jar" : path).getFileName().toString();
      return last.isBlank() ? "artifact.jar" : last;
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
      if (a == null || a.url() == null || a.url().isBlank()) {
        throw new PluginFetchException("plugin " + name + ": an artifact has no url");
      }
      URI uri;
      try {
        uri = URI.create(a.url());
      } catch (IllegalArgumentException e) {
        throw new PluginFetchException("plugin " + name + ": artifact " + a.url() + " is not a valid URL", e);
      }
      if (!"http".equalsIgnoreCase(uri.getScheme()) && !"https".equalsIgnoreCase(uri.getScheme())) {
        throw new PluginFetchException("plugin " + name + ": artifact " + a.url() + " must be an http(s) URL");
      }
      if (a.sha512() == null || !SHA512.matcher(a.sha512().trim()).matches()) {
        throw new PluginFetchException("plugin " + name + ": artifact " + a.url() + " needs a sha512 (128 hex digits)");
      }
      a.resolvedType();
    }
  }
}
