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
 */
public record SandboxOptions(List<Path> apply, String namespace, Path workDir, Duration pollInterval,
    Path workerDistribution) {

  public static final Duration DEFAULT_POLL_INTERVAL = Duration.ofSeconds(5);

  public static SandboxOptions defaults() {
    return new SandboxOptions(List.of(), "default", null, DEFAULT_POLL_INTERVAL, null);
  }

  public SandboxOptions withApply(List<Path> paths) {
    return new SandboxOptions(new ArrayList<>(paths), namespace, workDir, pollInterval, workerDistribution);
  }

  public SandboxOptions withNamespace(String ns) {
    return new SandboxOptions(apply, ns, workDir, pollInterval, workerDistribution);
  }

  public SandboxOptions withWorkDir(Path dir) {
    return new SandboxOptions(apply, namespace, dir, pollInterval, workerDistribution);
  }

  public SandboxOptions withPollInterval(Duration interval) {
    return new SandboxOptions(apply, namespace, workDir, interval, workerDistribution);
  }

  public SandboxOptions withWorkerDistribution(Path dir) {
    return new SandboxOptions(apply, namespace, workDir, pollInterval, dir);
  }
}
