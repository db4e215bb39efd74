package dev.patchbay.sandbox;

import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;

/**
 * How to run a {@link Sandbox}.
 *
 * @param apply YAML files or directories to apply; empty means the bundled quick start
 * @param namespace namespace for resources that name none (also the kubeconfig's namespace)
 * @param workDir where everything goes (pods, data files, logs); null means a new temporary directory
 * @param pollInterval the operator's poll interval for settled Connect clusters
 * @param workerDistribution the worker distribution directory; null means found next to the repository
 * @param mavenRepository the operator's Maven repository for plugin artifacts given by coordinates (as
 *     {@code PATCHBAY_MAVEN_REPOSITORY} sets it in a cluster); null means the operator's default, Maven Central
 */
public record SandboxOptions(List<Path> apply, String namespace, Path workDir, Duration pollInterval,
    Path workerDistribution, String mavenRepository) {

  public static final Duration DEFAULT_POLL_INTERVAL = Duration.ofSeconds(5);

  public static SandboxOptions defaults() {
    return new SandboxOptions(List.of(), "default", null, DEFAULT_POLL_INTERVAL, null, null);
  }

  public SandboxOptions withApply(List<Path> paths) {
    return new SandboxOptions(new ArrayList<>(paths), namespace, workDir, pollInterval, workerDistribution,
        mavenRepository);
  }

  public SandboxOptions withNamespace(String ns) {
    return new SandboxOptions(apply, ns, workDir, pollInterval, workerDistribution, mavenRepository);
  }

  public SandboxOptions withWorkDir(Path dir) {
    return new SandboxOptions(apply, namespace, dir, pollInterval, workerDistribution, mavenRepository);
  }

  public SandboxOptions withPollInterval(Duration interval) {
    return new SandboxOptions(apply, namespace, workDir, interval, workerDistribution, mavenRepository);
  }

  public SandboxOptions withWorkerDistribution(Path dir) {
    return new SandboxOptions(apply, namespace, workDir, pollInterval, dir, mavenRepository);
  }

  public SandboxOptions withMavenRepository(String url) {
    return new SandboxOptions(apply, namespace, workDir, pollInterval, workerDistribution, url);
  }
}
