package dev.patchbay.operator.cluster;

import dev.patchbay.operator.Naming;
import dev.patchbay.operator.OperatorSettings;
import dev.patchbay.operator.api.JvmOptions;
import dev.patchbay.operator.api.KafkaConnect;
import dev.patchbay.operator.api.KafkaConnectSpec;
import dev.patchbay.operator.api.PodTemplate;
import dev.patchbay.operator.api.SecretReference;
import dev.patchbay.operator.api.Template;
import io.fabric8.kubernetes.api.model.ConfigMap;
import io.fabric8.kubernetes.api.model.Container;
import io.fabric8.kubernetes.api.model.ContainerBuilder;
import io.fabric8.kubernetes.api.model.ContainerPort;
import io.fabric8.kubernetes.api.model.ContainerPortBuilder;
import io.fabric8.kubernetes.api.model.EnvVar;
import io.fabric8.kubernetes.api.model.EnvVarBuilder;
import io.fabric8.kubernetes.api.model.IntOrString;
import io.fabric8.kubernetes.api.model.PodSecurityContextBuilder;
import io.fabric8.kubernetes.api.model.PodSpec;
import io.fabric8.kubernetes.api.model.PodSpecBuilder;
import io.fabric8.kubernetes.api.model.Probe;
import io.fabric8.kubernetes.api.model.ProbeBuilder;
import io.fabric8.kubernetes.api.model.SecurityContext;
import io.fabric8.kubernetes.api.model.SecurityContextBuilder;
import io.fabric8.kubernetes.api.model.Volume;
import io.fabric8.kubernetes.api.model.VolumeBuilder;
import io.fabric8.kubernetes.api.model.VolumeMount;
import io.fabric8.kubernetes.api.model.VolumeMountBuilder;
import io.fabric8.kubernetes.api.model.apps.Deployment;
import io.fabric8.kubernetes.api.model.apps.DeploymentBuilder;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.stream.Collectors;

/** Desired worker Deployment of a managed {@link KafkaConnect}: a pure function of the resource and settings. */
public final class WorkerDeployment {

  public static final long RUN_AS_USER = 1001L;

  static final String ENV_POD_IP = "POD_IP";
  static final String ENV_CONFIG_DIR = "PATCHBAY_CONFIG_DIR";
  static final String ENV_PLUGIN_DIR = "PATCHBAY_PLUGIN_DIR";
  static final String ENV_HEAP_OPTS = "PATCHBAY_HEAP_OPTS";
  static final String ENV_JVM_OPTS = "PATCHBAY_JVM_OPTS";
  static final String ENV_METRICS_ENABLED = "PATCHBAY_METRICS_ENABLED";
  static final String ENV_METRICS_PORT = "PATCHBAY_METRICS_PORT";
  static final String ENV_LOG_LEVEL = "PATCHBAY_LOG_LEVEL";
  /** Where the image writes why it stopped: the container's terminationMessagePath (the kubelet's default). */
  static final String ENV_TERMINATION_LOG = "PATCHBAY_TERMINATION_LOG";
  static final String TERMINATION_LOG = "/dev/termination-log";

  private static final String VOLUME_CONFIG = "config";
  private static final String VOLUME_TMP = "tmp";
  private static final String VOLUME_PLUGINS = "plugins";

  private WorkerDeployment() {
  }

  public static Deployment deployment(KafkaConnect kc, OperatorSettings settings, ConfigMap configMap) {
    String name = kc.getMetadata().getName();
    PodTemplate pod = podTemplate(kc);
    Map<String, String> podLabels = new LinkedHashMap<>(pod.getLabels() == null ? Map.of() : pod.getLabels());
    podLabels.putAll(Naming.clusterLabels(name));
    Map<String, String> podAnnotations = new LinkedHashMap<>(
        pod.getAnnotations() == null ? Map.of() : pod.getAnnotations());
    podAnnotations.put(Naming.ANNOTATION_CONFIG_HASH, WorkerConfig.configHash(configMap.getData()));
    return new DeploymentBuilder()
        .withMetadata(ClusterResources.metadata(kc, Naming.deploymentName(name)))
        .withNewSpec()
        .withReplicas(Optional.ofNullable(kc.getSpec().getReplicas()).orElse(1))
        .withSelector(ClusterResources.selector(kc))
        .withNewTemplate()
        .withNewMetadata()
        .withLabels(podLabels)
        .withAnnotations(podAnnotations)
        .endMetadata()
        .withSpec(podSpec(kc, settings, pod))
        .endTemplate()
        .endSpec()
        .build();
  }

  static PodSpec podSpec(KafkaConnect kc, OperatorSettings settings, PodTemplate pod) {
    String image = image(kc, settings);
    PodSpecBuilder spec = new PodSpecBuilder()
        .withAutomountServiceAccountToken(false)
        .withEnableServiceLinks(false)
        .withSecurityContext(new PodSecurityContextBuilder()
            .withRunAsNonRoot(true)
            .withRunAsUser(RUN_AS_USER)
            .withRunAsGroup(RUN_AS_USER)
            .withFsGroup(RUN_AS_USER)
            .withNewSeccompProfile().withType("RuntimeDefault").endSeccompProfile()
            .build())
        .withContainers(workerContainer(kc, image))
        .withVolumes(volumes(kc))
        .withNodeSelector(pod.getNodeSelector() == null ? Map.of() : pod.getNodeSelector())
        .withTolerations(pod.getTolerations() == null ? List.of() : pod.getTolerations())
        .withAffinity(pod.getAffinity())
        .withPriorityClassName(pod.getPriorityClassName());
    if (WorkerConfig.hasPlugins(kc)) {
      spec.withInitContainers(fetchPluginsContainer(kc, image));
    }
    return spec.build();
  }

  static Container workerContainer(KafkaConnect kc, String image) {
    List<ContainerPort> ports = new ArrayList<>();
    ports.add(containerPort(Naming.REST_PORT_NAME, Naming.REST_PORT));
    if (ClusterResources.metricsEnabled(kc)) {
      ports.add(containerPort(Naming.METRICS_PORT_NAME, Naming.METRICS_PORT));
    }
    List<VolumeMount> mounts = new ArrayList<>(baseMounts());
    for (SecretReference secret : secrets(kc)) {
      mounts.add(mount(secretVolumeName(secret.getName()), Naming.SECRETS_DIR + "/" + secret.getName(), true));
    }
    return new ContainerBuilder()
        .withName(Naming.WORKER_CONTAINER)
        .withImage(image)
        .withCommand(Naming.WORKER_ENTRYPOINT)
        .withEnv(env(kc))
        .withPorts(ports)
        .withResources(kc.getSpec().getResources())
        .withReadinessProbe(healthProbe(0, 5, 5, 3))
        .withLivenessProbe(healthProbe(120, 10, 10, 6))
        .withSecurityContext(containerSecurityContext())
        .withVolumeMounts(mounts)
        // a worker that exits at start (bad worker config) has the last lines of its log as termination message
        .withTerminationMessagePath(TERMINATION_LOG)
        .withTerminationMessagePolicy("FallbackToLogsOnError")
        .build();
  }

  /**
   * Init container that downloads, checks and unpacks {@code plugins.json}'s artifacts. Why it failed (one line:
   * plugin, URL, HTTP status or checksums) is its termination message, which the operator puts in the Ready
   * condition.
   */
  static Container fetchPluginsContainer(KafkaConnect kc, String image) {
    return new ContainerBuilder()
        .withName(Naming.FETCH_PLUGINS_CONTAINER)
        .withImage(image)
        .withCommand(Naming.WORKER_ENTRYPOINT)
        .withArgs("fetch-plugins")
        .withEnv(env(ENV_CONFIG_DIR, Naming.CONFIG_DIR), env(ENV_PLUGIN_DIR, Naming.PLUGINS_DIR),
            env(ENV_TERMINATION_LOG, TERMINATION_LOG))
        .withResources(kc.getSpec().getResources())
        .withSecurityContext(containerSecurityContext())
        .withVolumeMounts(baseMounts())
        .withTerminationMessagePath(TERMINATION_LOG)
        .withTerminationMessagePolicy("File")
        .build();
  }

  /** Patchbay's variables first; {@code template.env} entries with the same name are dropped (ours win). */
  static List<EnvVar> env(KafkaConnect kc) {
    KafkaConnectSpec spec = kc.getSpec();
    List<EnvVar> env = new ArrayList<>();
    env.add(new EnvVarBuilder().withName(ENV_POD_IP).withNewValueFrom().withNewFieldRef()
        .withApiVersion("v1").withFieldPath("status.podIP").endFieldRef().endValueFrom().build());
    env.add(env(ENV_CONFIG_DIR, Naming.CONFIG_DIR));
    env.add(env(ENV_PLUGIN_DIR, Naming.PLUGINS_DIR));
    env.add(env(ENV_TERMINATION_LOG, TERMINATION_LOG));
    heapOpts(spec.getJvmOptions()).ifPresent(heap -> env.add(env(ENV_HEAP_OPTS, heap)));
    jvmOpts(spec.getJvmOptions()).ifPresent(opts -> env.add(env(ENV_JVM_OPTS, opts)));
    boolean metrics = ClusterResources.metricsEnabled(kc);
    env.add(env(ENV_METRICS_ENABLED, String.valueOf(metrics)));
    if (metrics) {
      env.add(env(ENV_METRICS_PORT, String.valueOf(Naming.METRICS_PORT)));
    }
    env.add(env(ENV_LOG_LEVEL, WorkerConfig.rootLevel(kc).name()));
    Set<String> ours = env.stream().map(EnvVar::getName).collect(Collectors.toSet());
    Optional.ofNullable(spec.getTemplate()).map(Template::getEnv).orElse(List.of()).stream()
        .filter(e -> !ours.contains(e.getName()))
        .forEach(env::add);
    return env;
  }

  static Optional<String> heapOpts(JvmOptions jvm) {
    if (jvm == null) {
      return Optional.empty();
    }
    List<String> heap = new ArrayList<>();
    if (!WorkerConfig.isBlank(jvm.getXms())) {
      heap.add("-Xms" + jvm.getXms());
    }
    if (!WorkerConfig.isBlank(jvm.getXmx())) {
      heap.add("-Xmx" + jvm.getXmx());
    }
    return heap.isEmpty() ? Optional.empty() : Optional.of(String.join(" ", heap));
  }

  static Optional<String> jvmOpts(JvmOptions jvm) {
    if (jvm == null || jvm.getOptions() == null || jvm.getOptions().isEmpty()) {
      return Optional.empty();
    }
    return Optional.of(String.join(" ", jvm.getOptions()));
  }

  static List<Volume> volumes(KafkaConnect kc) {
    List<Volume> volumes = new ArrayList<>();
    volumes.add(new VolumeBuilder().withName(VOLUME_CONFIG).withNewConfigMap()
        .withName(Naming.configMapName(kc.getMetadata().getName())).endConfigMap().build());
    volumes.add(new VolumeBuilder().withName(VOLUME_TMP).withNewEmptyDir().endEmptyDir().build());
    volumes.add(new VolumeBuilder().withName(VOLUME_PLUGINS).withNewEmptyDir().endEmptyDir().build());
    for (SecretReference secret : secrets(kc)) {
      volumes.add(new VolumeBuilder().withName(secretVolumeName(secret.getName()))
          .withNewSecret().withSecretName(secret.getName()).endSecret().build());
    }
    return volumes;
  }

  private static List<VolumeMount> baseMounts() {
    return List.of(mount(VOLUME_CONFIG, Naming.CONFIG_DIR, true), mount(VOLUME_TMP, "/tmp", false),
        mount(VOLUME_PLUGINS, Naming.PLUGINS_DIR, false));
  }

  /**
   * Volume name of a Secret: {@code secret-<name>} when that is a DNS-1123 label, else a readable prefix plus a
   * hash of the name (Secret names may contain dots and run to 253 characters; volume names may not).
   */
  static String secretVolumeName(String secretName) {
    String candidate = "secret-" + secretName;
    if (candidate.length() <= 63 && candidate.matches("[a-z0-9]([-a-z0-9]*[a-z0-9])?")) {
      return candidate;
    }
    String prefix = secretName.replaceAll("[^a-z0-9-]", "-");
    prefix = prefix.substring(0, Math.min(prefix.length(), 40)).replaceAll("-+$", "");
    return "secret-" + prefix + "-" + shortHash(secretName);
  }

  private static String shortHash(String s) {
    try {
      byte[] digest = MessageDigest.getInstance("SHA-256").digest(s.getBytes(StandardCharsets.UTF_8));
      return HexFormat.of().formatHex(digest).substring(0, 10);
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException("SHA-256 is always available", e);
    }
  }

  private static Probe healthProbe(int initialDelay, int period, int timeout, int failureThreshold) {
    return new ProbeBuilder()
        .withNewHttpGet().withPath("/health").withPort(new IntOrString(Naming.REST_PORT)).withScheme("HTTP")
        .endHttpGet()
        .withInitialDelaySeconds(initialDelay > 0 ? initialDelay : null)
        .withPeriodSeconds(period)
        .withTimeoutSeconds(timeout)
        .withFailureThreshold(failureThreshold)
        .build();
  }

  private static SecurityContext containerSecurityContext() {
    return new SecurityContextBuilder()
        .withRunAsNonRoot(true)
        .withRunAsUser(RUN_AS_USER)
        .withAllowPrivilegeEscalation(false)
        .withReadOnlyRootFilesystem(true)
        .withNewCapabilities().withDrop("ALL").endCapabilities()
        .withNewSeccompProfile().withType("RuntimeDefault").endSeccompProfile()
        .build();
  }

  private static ContainerPort containerPort(String name, int port) {
    return new ContainerPortBuilder().withName(name).withContainerPort(port).withProtocol("TCP").build();
  }

  private static VolumeMount mount(String volume, String path, boolean readOnly) {
    // readOnly is omitempty on the server: leave it unset rather than false, so live and desired compare equal
    return new VolumeMountBuilder().withName(volume).withMountPath(path).withReadOnly(readOnly ? true : null).build();
  }

  private static EnvVar env(String name, String value) {
    return new EnvVarBuilder().withName(name).withValue(value).build();
  }

  static String image(KafkaConnect kc, OperatorSettings settings) {
    String image = kc.getSpec().getImage();
    return WorkerConfig.isBlank(image) ? settings.workerImage() : image;
  }

  private static PodTemplate podTemplate(KafkaConnect kc) {
    return Optional.ofNullable(kc.getSpec().getTemplate()).map(Template::getPod).orElseGet(PodTemplate::new);
  }

  private static List<SecretReference> secrets(KafkaConnect kc) {
    return kc.getSpec().getSecrets() == null ? List.of() : kc.getSpec().getSecrets();
  }
}
