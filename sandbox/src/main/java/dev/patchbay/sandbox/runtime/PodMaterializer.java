package dev.patchbay.sandbox.runtime;

import dev.patchbay.operator.Naming;
import dev.patchbay.testkit.Ports;
import io.fabric8.kubernetes.api.model.ConfigMap;
import io.fabric8.kubernetes.api.model.Container;
import io.fabric8.kubernetes.api.model.ContainerPort;
import io.fabric8.kubernetes.api.model.EnvFromSource;
import io.fabric8.kubernetes.api.model.EnvVar;
import io.fabric8.kubernetes.api.model.EnvVarSource;
import io.fabric8.kubernetes.api.model.KeyToPath;
import io.fabric8.kubernetes.api.model.PodSpec;
import io.fabric8.kubernetes.api.model.Secret;
import io.fabric8.kubernetes.api.model.Volume;
import io.fabric8.kubernetes.api.model.VolumeMount;
import io.fabric8.kubernetes.api.model.apps.Deployment;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Base64;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.function.BiFunction;

/**
 * Reproduces a pod of a Deployment on the local file system: each volume becomes a directory (ConfigMap and Secret
 * data written as files, emptyDir empty), every in-container path in env values and ConfigMap files is replaced by
 * its local directory, each container port gets a free loopback port, and the worker's env contract
 * ({@code POD_IP}, {@code PATCHBAY_REST_PORT}, {@code PATCHBAY_CONFIG_DIR}, ...) is filled in for a local process;
 * each container's termination message file is a file in the pod directory ({@code PATCHBAY_TERMINATION_LOG}).
 */
public final class PodMaterializer {

  /** Where the worker image keeps its distribution; paths below it map to the local distribution. */
  public static final String IMAGE_HOME = "/opt/patchbay/worker";
  /** Where the worker image writes why a container stopped. */
  static final String ENV_TERMINATION_LOG = "PATCHBAY_TERMINATION_LOG";

  private final Path distributionHome;
  private final Path secretsRoot;
  private final BiFunction<String, String, ConfigMap> configMaps;
  private final BiFunction<String, String, Secret> secrets;

  /**
   * @param distributionHome the local worker distribution (stands in for {@value #IMAGE_HOME} in commands)
   * @param secretsRoot Secret volumes go to {@code <secretsRoot>/<namespace>/<secret>}, shared by all pods
   */
  public PodMaterializer(Path distributionHome, Path secretsRoot, BiFunction<String, String, ConfigMap> configMaps,
      BiFunction<String, String, Secret> secrets) {
    this.distributionHome = distributionHome;
    this.secretsRoot = secretsRoot;
    this.configMaps = configMaps;
    this.secrets = secrets;
  }

  /** Thrown when the pod cannot be created yet (e.g. its ConfigMap does not exist): Kubernetes would wait too. */
  public static final class PodPendingException extends Exception {
    PodPendingException(String message) {
      super(message);
    }
  }

  /** Writes the pod's directories and returns how to run it. */
  public LocalPodSpec materialize(Deployment deployment, String podName, Path podDir)
      throws IOException, PodPendingException {
    String ns = deployment.getMetadata().getNamespace();
    PodSpec pod = deployment.getSpec().getTemplate().getSpec();
    Files.createDirectories(podDir);
    Map<String, Path> volumes = materializeVolumes(ns, pod, podDir);
    Container main = pod.getContainers().get(0);
    Map<String, Path> mounts = mounts(main, volumes);
    PortMap ports = PortMap.of(main);
    Path configDir = Files.createDirectories(mounts.getOrDefault(Naming.CONFIG_DIR, podDir.resolve("config")));
    Path pluginDir = Files.createDirectories(mounts.getOrDefault(Naming.PLUGINS_DIR, podDir.resolve("plugins")));

    Map<String, String> env = resolveEnv(ns, podName, main, mounts);
    env.put("POD_IP", "127.0.0.1");
    env.put("PATCHBAY_REST_HOST", "127.0.0.1");
    env.put("PATCHBAY_REST_PORT", Integer.toString(ports.local().get(ports.rest())));
    if (ports.local().containsKey(ports.metrics())) {
      env.put("PATCHBAY_METRICS_PORT", Integer.toString(ports.local().get(ports.metrics())));
    }
    env.put("PATCHBAY_CONFIG_DIR", configDir.toString());
    env.put("PATCHBAY_PLUGIN_DIR", pluginDir.toString());
    env.put("PATCHBAY_WORK_DIR", podDir.resolve("run").toString());
    TerminationMessage termination = termination(main, podDir);
    env.put(ENV_TERMINATION_LOG, termination.file().toString());

    List<LocalPodSpec.InitContainer> inits = new ArrayList<>();
    for (Container init : pod.getInitContainers()) {
      inits.add(initContainer(ns, podName, init, volumes, configDir, pluginDir, podDir));
    }
    String healthPath = "/health";
    int healthPort = ports.rest();
    if (main.getReadinessProbe() != null && main.getReadinessProbe().getHttpGet() != null) {
      healthPath = main.getReadinessProbe().getHttpGet().getPath();
      var port = main.getReadinessProbe().getHttpGet().getPort();
      if (port != null && port.getIntVal() != null) {
        healthPort = port.getIntVal();
      }
    }
    return new LocalPodSpec(ns, podName, podDir, env, ports.local(), configDir, podDir.resolve("worker.log"),
        termination, inits, healthPath, healthPort);
  }

  /**
   * The container's termination message file, in the pod directory instead of its {@code terminationMessagePath};
   * the image learns where it is from {@code PATCHBAY_TERMINATION_LOG}.
   */
  private static TerminationMessage termination(Container container, Path podDir) {
    return new TerminationMessage(podDir.resolve("termination").resolve(container.getName()),
        "FallbackToLogsOnError".equals(container.getTerminationMessagePolicy()));
  }

  /** Each container port gets a free loopback port; {@code rest} and {@code metrics} are found by port name. */
  private record PortMap(Map<Integer, Integer> local, int rest, int metrics) {

    static PortMap of(Container main) {
      Map<Integer, Integer> local = new LinkedHashMap<>();
      int rest = Naming.REST_PORT;
      int metrics = Naming.METRICS_PORT;
      for (ContainerPort p : main.getPorts()) {
        local.put(p.getContainerPort(), Ports.freePort());
        if (Naming.REST_PORT_NAME.equals(p.getName())) {
          rest = p.getContainerPort();
        } else if (Naming.METRICS_PORT_NAME.equals(p.getName())) {
          metrics = p.getContainerPort();
        }
      }
      local.computeIfAbsent(rest, p -> Ports.freePort());
      return new PortMap(local, rest, metrics);
    }
  }

  private LocalPodSpec.InitContainer initContainer(String ns, String podName, Container init,
      Map<String, Path> volumes, Path configDir, Path pluginDir, Path podDir) throws PodPendingException {
    Map<String, Path> initMounts = mounts(init, volumes);
    Map<String, String> initEnv = resolveEnv(ns, podName, init, initMounts);
    initEnv.put("PATCHBAY_CONFIG_DIR", initMounts.getOrDefault(Naming.CONFIG_DIR, configDir).toString());
    initEnv.put("PATCHBAY_PLUGIN_DIR", initMounts.getOrDefault(Naming.PLUGINS_DIR, pluginDir).toString());
    TerminationMessage termination = termination(init, podDir);
    initEnv.put(ENV_TERMINATION_LOG, termination.file().toString());
    List<String> command = new ArrayList<>();
    init.getCommand().forEach(c -> command.add(localCommand(c)));
    init.getArgs().forEach(arg -> command.add(rewrite(arg, initMounts)));
    return new LocalPodSpec.InitContainer(init.getName(), command, initEnv,
        podDir.resolve("init-" + init.getName() + ".log"), termination);
  }

  private Map<String, Path> materializeVolumes(String ns, PodSpec pod, Path podDir)
      throws IOException, PodPendingException {
    Map<String, Path> volumes = new LinkedHashMap<>();
    for (Volume v : pod.getVolumes()) {
      if (v.getSecret() != null) {
        volumes.put(v.getName(), secretsRoot.resolve(ns).resolve(v.getSecret().getSecretName()));
      } else {
        volumes.put(v.getName(), podDir.resolve("volumes").resolve(v.getName()));
      }
    }
    // Every mount path of the main container, so that ConfigMap files can be rewritten with local paths.
    Map<String, Path> allMounts = new LinkedHashMap<>();
    for (Container c : pod.getContainers()) {
      allMounts.putAll(mounts(c, volumes));
    }
    for (Volume v : pod.getVolumes()) {
      Path dir = volumes.get(v.getName());
      Files.createDirectories(dir);
      if (v.getConfigMap() != null) {
        ConfigMap cm = configMaps.apply(ns, v.getConfigMap().getName());
        if (cm == null) {
          if (Boolean.TRUE.equals(v.getConfigMap().getOptional())) {
            continue;
          }
          throw new PodPendingException("configmap " + ns + "/" + v.getConfigMap().getName() + " not found");
        }
        writeFiles(dir, cm.getData(), v.getConfigMap().getItems(), allMounts);
      } else if (v.getSecret() != null) {
        Secret secret = secrets.apply(ns, v.getSecret().getSecretName());
        if (secret == null) {
          if (Boolean.TRUE.equals(v.getSecret().getOptional())) {
            continue;
          }
          throw new PodPendingException("secret " + ns + "/" + v.getSecret().getSecretName() + " not found");
        }
        writeFiles(dir, secretData(secret), v.getSecret().getItems(), Map.of());
      }
    }
    return volumes;
  }

  private static Map<String, String> secretData(Secret secret) {
    Map<String, String> data = new LinkedHashMap<>();
    if (secret.getData() != null) {
      secret.getData().forEach((k, v) -> data.put(k,
          new String(Base64.getDecoder().decode(v), StandardCharsets.UTF_8)));
    }
    if (secret.getStringData() != null) {
      data.putAll(secret.getStringData());
    }
    return data;
  }

  private void writeFiles(Path dir, Map<String, String> data, List<KeyToPath> items, Map<String, Path> mounts)
      throws IOException {
    if (data == null) {
      return;
    }
    Map<String, String> paths = new LinkedHashMap<>();
    if (items == null || items.isEmpty()) {
      data.keySet().forEach(k -> paths.put(k, k));
    } else {
      items.forEach(i -> paths.put(i.getKey(), i.getPath()));
    }
    for (Map.Entry<String, String> e : paths.entrySet()) {
      String content = data.get(e.getKey());
      if (content != null) {
        Path file = dir.resolve(e.getValue());
        Files.createDirectories(file.getParent());
        Files.writeString(file, rewriteAll(content, mounts), StandardCharsets.UTF_8);
      }
    }
  }

  private static Map<String, Path> mounts(Container c, Map<String, Path> volumes) {
    Map<String, Path> mounts = new LinkedHashMap<>();
    for (VolumeMount m : c.getVolumeMounts()) {
      Path dir = volumes.get(m.getName());
      if (dir != null) {
        mounts.put(m.getMountPath(), m.getSubPath() == null || m.getSubPath().isEmpty() ? dir
            : dir.resolve(m.getSubPath()));
      }
    }
    return mounts;
  }

  private Map<String, String> resolveEnv(String ns, String podName, Container c, Map<String, Path> mounts)
      throws PodPendingException {
    Map<String, String> env = new LinkedHashMap<>();
    for (EnvFromSource from : c.getEnvFrom()) {
      String prefix = from.getPrefix() == null ? "" : from.getPrefix();
      if (from.getConfigMapRef() != null) {
        ConfigMap cm = configMaps.apply(ns, from.getConfigMapRef().getName());
        if (cm != null && cm.getData() != null) {
          cm.getData().forEach((k, v) -> env.put(prefix + k, v));
        }
      } else if (from.getSecretRef() != null) {
        Secret s = secrets.apply(ns, from.getSecretRef().getName());
        if (s != null) {
          secretData(s).forEach((k, v) -> env.put(prefix + k, v));
        }
      }
    }
    for (EnvVar e : c.getEnv()) {
      if (e.getValueFrom() == null) {
        env.put(e.getName(), rewrite(e.getValue() == null ? "" : expand(e.getValue(), env), mounts));
      } else {
        resolve(ns, podName, e.getValueFrom()).ifPresent(v -> env.put(e.getName(), v));
      }
    }
    return env;
  }

  private Optional<String> resolve(String ns, String podName, EnvVarSource from) throws PodPendingException {
    if (from.getFieldRef() != null) {
      String field = from.getFieldRef().getFieldPath();
      return Optional.of(switch (field) {
        case "metadata.name" -> podName;
        case "metadata.namespace" -> ns;
        case "spec.nodeName" -> "sandbox";
        case "spec.serviceAccountName" -> "default";
        default -> "127.0.0.1"; // status.podIP, status.hostIP, status.podIPs
      });
    }
    if (from.getSecretKeyRef() != null) {
      Secret s = secrets.apply(ns, from.getSecretKeyRef().getName());
      String value = s == null ? null : secretData(s).get(from.getSecretKeyRef().getKey());
      if (value == null && !Boolean.TRUE.equals(from.getSecretKeyRef().getOptional())) {
        throw new PodPendingException("secret key " + ns + "/" + from.getSecretKeyRef().getName() + ":"
            + from.getSecretKeyRef().getKey() + " not found");
      }
      return Optional.ofNullable(value);
    }
    if (from.getConfigMapKeyRef() != null) {
      ConfigMap cm = configMaps.apply(ns, from.getConfigMapKeyRef().getName());
      String value = cm == null || cm.getData() == null ? null : cm.getData().get(from.getConfigMapKeyRef().getKey());
      if (value == null && !Boolean.TRUE.equals(from.getConfigMapKeyRef().getOptional())) {
        throw new PodPendingException("configmap key " + ns + "/" + from.getConfigMapKeyRef().getName() + ":"
            + from.getConfigMapKeyRef().getKey() + " not found");
      }
      return Optional.ofNullable(value);
    }
    return Optional.empty();
  }

  /** {@code $(VAR)} references to earlier variables, as the kubelet expands them. */
  private static String expand(String value, Map<String, String> env) {
    String out = value;
    for (Map.Entry<String, String> e : env.entrySet()) {
      out = out.replace("$(" + e.getKey() + ")", e.getValue());
    }
    return out;
  }

  /** A command of the image: {@code /opt/patchbay/worker/...} (where the image holds the distribution) is the local distribution. */
  String localCommand(String command) {
    if (command.startsWith(IMAGE_HOME + "/")) {
      return distributionHome.resolve(command.substring(IMAGE_HOME.length() + 1)).toString();
    }
    return command;
  }

  /** Replaces a leading in-container mount path with its local directory. */
  static String rewrite(String value, Map<String, Path> mounts) {
    for (String mountPath : longestFirst(mounts)) {
      if (value.equals(mountPath) || value.startsWith(mountPath + "/")) {
        return mounts.get(mountPath) + value.substring(mountPath.length());
      }
    }
    return value;
  }

  /** Replaces every occurrence of an in-container mount path in a text (e.g. {@code ${dir:/opt/...:key}}). */
  static String rewriteAll(String text, Map<String, Path> mounts) {
    String out = text;
    for (String mountPath : longestFirst(mounts)) {
      if (mountPath.length() > 1) {
        out = out.replace(mountPath + "/", mounts.get(mountPath) + "/").replace(mountPath + ":",
            mounts.get(mountPath) + ":");
      }
    }
    return out;
  }

  private static List<String> longestFirst(Map<String, Path> mounts) {
    List<String> paths = new ArrayList<>(mounts.keySet());
    paths.sort(Comparator.comparingInt(String::length).reversed());
    return paths;
  }
}
