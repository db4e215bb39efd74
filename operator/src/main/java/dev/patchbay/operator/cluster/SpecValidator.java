package dev.patchbay.operator.cluster;

import dev.patchbay.contract.DisplayUrl;
import dev.patchbay.operator.Naming;
import dev.patchbay.operator.api.ConnectPlugin;
import dev.patchbay.operator.api.KafkaConnect;
import dev.patchbay.operator.api.KafkaConnectSpec;
import dev.patchbay.operator.api.MavenCoordinates;
import dev.patchbay.operator.api.OwnedWorkerKeys;
import dev.patchbay.operator.api.PluginArtifact;
import dev.patchbay.operator.api.SecretReference;
import dev.patchbay.operator.connect.ConnectUrls;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.regex.Pattern;

/**
 * Checks a {@link KafkaConnect} for what the CRD schema and its CEL rules cannot (or, on an old API server, may not)
 * reject. A problem is reported as Ready=False InvalidSpec, and nothing is applied.
 */
public final class SpecValidator {

  private static final Pattern DNS_1035_LABEL = Pattern.compile("[a-z]([-a-z0-9]*[a-z0-9])?");
  private static final Pattern HTTP_URL = Pattern.compile("https?://.+");
  private static final Pattern SHA512 = Pattern.compile("[0-9a-fA-F]{128}");
  private static final Pattern MAVEN_SEGMENT = Pattern.compile("[A-Za-z0-9][A-Za-z0-9._+-]*");

  private SpecValidator() {
  }

  /** Human-readable problems, empty when the resource can be applied. Never echoes config values. */
  public static List<String> problems(KafkaConnect kc) {
    List<String> problems = new ArrayList<>();
    checkName(kc.getMetadata().getName(), problems);
    KafkaConnectSpec spec = kc.getSpec();
    if (spec == null) {
      problems.add("spec is missing: set bootstrapServers (managed mode) or restUrl (external mode)");
      return problems;
    }
    boolean managed = !WorkerConfig.isBlank(spec.getBootstrapServers());
    boolean external = !WorkerConfig.isBlank(spec.getRestUrl());
    if (managed == external) {
      problems.add("set exactly one of spec.bootstrapServers (managed mode) or spec.restUrl (external mode)");
    }
    if (external) {
      ConnectUrls.problem(spec.getRestUrl()).ifPresent(p -> problems.add("spec.restUrl is not usable: " + p));
    }
    checkConfigKeys(spec.getConfig(), problems);
    checkPlugins(spec.getPlugins(), problems);
    checkSecrets(spec.getSecrets(), problems);
    return problems;
  }

  private static void checkName(String name, List<String> problems) {
    if (name.length() > Naming.MAX_CLUSTER_NAME_LENGTH) {
      problems.add("metadata.name is " + name.length() + " characters; at most " + Naming.MAX_CLUSTER_NAME_LENGTH
          + " are allowed so that the derived Service name stays a valid DNS label");
    } else if (!DNS_1035_LABEL.matcher(name).matches()) {
      problems.add("metadata.name must be a DNS-1035 label (lower-case letters, digits and '-', starting with a "
          + "letter) because it names the cluster's Service");
    }
  }

  private static void checkConfigKeys(Map<String, String> config, List<String> problems) {
    if (config == null) {
      return;
    }
    Set<String> owned = new TreeSet<>();
    for (String key : config.keySet()) {
      if (OwnedWorkerKeys.isOwned(key)) {
        owned.add(key);
      }
    }
    if (!owned.isEmpty()) {
      problems.add("spec.config sets keys that Patchbay owns: " + String.join(", ", owned)
          + " (use spec.groupId, spec.topics, spec.bootstrapServers; listeners, plugin path and config providers "
          + "are set by the worker image)");
    }
  }

  private static void checkPlugins(List<ConnectPlugin> plugins, List<String> problems) {
    if (plugins == null) {
      return;
    }
    Set<String> names = new HashSet<>();
    for (ConnectPlugin plugin : plugins) {
      String name = plugin.getName();
      if (WorkerConfig.isBlank(name)) {
        problems.add("every spec.plugins entry needs a name");
        continue;
      }
      if (!names.add(name)) {
        problems.add("plugin " + name + " is listed twice");
      }
      if (plugin.getArtifacts() == null || plugin.getArtifacts().isEmpty()) {
        problems.add("plugin " + name + " has no artifacts");
        continue;
      }
      for (PluginArtifact artifact : plugin.getArtifacts()) {
        checkArtifact(name, artifact, problems);
      }
    }
  }

  private static void checkArtifact(String plugin, PluginArtifact artifact, List<String> problems) {
    String url = artifact.getUrl();
    if ((url == null) == (artifact.getMaven() == null)) {
      problems.add("plugin " + plugin + ": every artifact needs exactly one of url (with sha512) or maven");
      return;
    }
    if (artifact.getSha512() != null && !SHA512.matcher(artifact.getSha512()).matches()) {
      problems.add("plugin " + plugin + ": the sha512 of an artifact must be 128 hex digits");
    }
    if (artifact.getMaven() != null) {
      checkMavenArtifact(plugin, artifact, problems);
      return;
    }
    if (!HTTP_URL.matcher(url).matches()) {
      problems.add("plugin " + plugin + ": artifact url " + DisplayUrl.of(url) + " must be http(s)");
      return;
    }
    if (artifact.getSha512() == null) {
      problems.add("plugin " + plugin + ": artifact " + DisplayUrl.of(url) + " needs a sha512 of 128 hex digits");
    }
    if (artifact.getRepository() != null) {
      problems.add("plugin " + plugin + ": repository applies to maven artifacts only");
    }
    if (WorkerConfig.artifactType(artifact).isEmpty()) {
      problems.add("plugin " + plugin + ": cannot tell the type of artifact " + DisplayUrl.of(url)
          + " from its name; set type to jar, zip or tgz");
    }
  }

  private static void checkMavenArtifact(String plugin, PluginArtifact artifact, List<String> problems) {
    MavenCoordinates maven = artifact.getMaven();
    if (!mavenSegment(maven.getGroup()) || !mavenSegment(maven.getArtifact()) || !mavenSegment(maven.getVersion())
        || maven.getClassifier() != null && !mavenSegment(maven.getClassifier())) {
      problems.add("plugin " + plugin + ": a maven artifact needs group, artifact and version (letters, digits, "
          + "'.', '_', '-' and '+'), and an optional classifier of the same characters");
    }
    if (artifact.getRepository() != null && !HTTP_URL.matcher(artifact.getRepository()).matches()) {
      problems.add("plugin " + plugin + ": the repository of a maven artifact must be an http(s) URL");
    }
    if (artifact.getType() != null) {
      problems.add("plugin " + plugin + ": type applies to url artifacts only; set maven.type instead");
    }
  }

  private static boolean mavenSegment(String value) {
    return value != null && MAVEN_SEGMENT.matcher(value).matches();
  }

  private static void checkSecrets(List<SecretReference> secrets, List<String> problems) {
    if (secrets == null) {
      return;
    }
    Set<String> names = new HashSet<>();
    for (SecretReference secret : secrets) {
      if (WorkerConfig.isBlank(secret.getName())) {
        problems.add("every spec.secrets entry needs a name");
      } else if (!names.add(secret.getName())) {
        problems.add("secret " + secret.getName() + " is listed twice");
      }
    }
  }
}
