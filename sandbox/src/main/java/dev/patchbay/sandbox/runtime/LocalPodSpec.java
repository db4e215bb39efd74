package dev.patchbay.sandbox.runtime;

import java.nio.file.Path;
import java.util.List;
import java.util.Map;

/**
 * Everything needed to run one pod of a Deployment as a local process: its environment (with in-container paths
 * replaced by local directories), the local ports standing in for its container ports, and where its files live.
 *
 * @param podName e.g. {@code my-connect-connect-7f9c2-1}
 * @param podDir the pod's own directory (volumes, log, work dir)
 * @param env the main container's environment, resolved (fieldRefs, secretKeyRefs) and path-rewritten
 * @param ports container port → local loopback port
 * @param configDir local directory standing in for the mount of {@code PATCHBAY_CONFIG_DIR}
 * @param logFile where the process's stdout and stderr go
 * @param termination the main container's termination message
 * @param initContainers commands to run to completion first, in order (each with its environment)
 * @param healthPath the readiness probe's HTTP path
 * @param healthPort the container port of the readiness probe
 */
public record LocalPodSpec(
    String namespace,
    String podName,
    Path podDir,
    Map<String, String> env,
    Map<Integer, Integer> ports,
    Path configDir,
    Path logFile,
    TerminationMessage termination,
    List<InitContainer> initContainers,
    String healthPath,
    int healthPort) {

  /** A command run to completion before the main container; its output goes to {@code logFile}. */
  public record InitContainer(String name, List<String> command, Map<String, String> env, Path logFile,
                              TerminationMessage termination) {
  }

  /** Local port standing in for a container port (the port itself when it is not remapped). */
  public int localPort(int containerPort) {
    return ports.getOrDefault(containerPort, containerPort);
  }

  /** The same pod without its init containers: what a restart of the main container runs. */
  public LocalPodSpec withoutInitContainers() {
    return new LocalPodSpec(namespace, podName, podDir, env, ports, configDir, logFile, termination, List.of(),
        healthPath, healthPort);
  }
}
