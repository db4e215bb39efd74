package dev.patchbay.sandbox;

import dev.patchbay.operator.OperatorSettings;
import dev.patchbay.operator.PatchbayOperator;
import dev.patchbay.sandbox.api.EmbeddedApiServer;
import dev.patchbay.sandbox.runtime.Endpoints;
import dev.patchbay.sandbox.runtime.GarbageCollector;
import dev.patchbay.sandbox.runtime.LocalDeploymentRuntime;
import dev.patchbay.sandbox.runtime.LoopbackServices;
import dev.patchbay.sandbox.runtime.PodMaterializer;
import dev.patchbay.sandbox.runtime.WorkerLauncher;
import dev.patchbay.testkit.EmbeddedKafka;
import dev.patchbay.testkit.WorkerDistribution;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.javaoperatorsdk.operator.Operator;
import org.apache.kafka.common.utils.Exit;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.stream.Stream;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The whole system on one machine: an in-JVM KRaft broker, an in-process Kubernetes API with Patchbay's CRDs, the
 * real operator (exactly as {@link PatchbayOperator#create} builds it in production), and a local runtime that runs
 * the worker Deployments the operator creates as processes from the worker distribution, with Services on loopback.
 * The CLI ({@link SandboxMain}) and the end-to-end tests both drive this class.
 */
public final class Sandbox implements AutoCloseable {

  private static final Logger LOG = LoggerFactory.getLogger(Sandbox.class);

  private final SandboxOptions options;
  private final Path workDir;
  private final boolean ownsWorkDir;
  private final List<AutoCloseable> toClose = new ArrayList<>();
  private EmbeddedKafka kafka;
  private EmbeddedApiServer api;
  private KubernetesClient client;
  private LoopbackServices services;
  private LocalDeploymentRuntime runtime;
  private Operator operator;
  private ResourceApplier applier;
  private volatile boolean closed;

  private Sandbox(SandboxOptions options, Path workDir, boolean ownsWorkDir) {
    this.options = options;
    this.workDir = workDir;
    this.ownsWorkDir = ownsWorkDir;
  }

  /** Starts every part (not yet applying anything); on failure, whatever started is stopped again. */
  public static Sandbox start(SandboxOptions options) throws IOException {
    boolean own = options.workDir() == null;
    Path dir = own ? Files.createTempDirectory("patchbay-sandbox-") : Files.createDirectories(options.workDir());
    Sandbox sandbox = new Sandbox(options, dir.toAbsolutePath(), own);
    try {
      sandbox.startParts();
      return sandbox;
    } catch (RuntimeException | IOException e) {
      sandbox.close();
      throw e;
    }
  }

  private void startParts() throws IOException {
    WorkerDistribution distribution = locateDistribution(options.workerDistribution());
    startKafka();
    LOG.info("Kafka broker on {}", kafka.bootstrapServers());
    api = EmbeddedApiServer.start();
    toClose.add(api);
    client = api.newClient(options.namespace());
    toClose.add(client);
    Endpoints endpoints = new Endpoints();
    services = new LoopbackServices(client, endpoints);
    toClose.add(services);
    PodMaterializer materializer = new PodMaterializer(distribution.home(), secretsDir(),
        (ns, name) -> client.configMaps().inNamespace(ns).withName(name).get(),
        (ns, name) -> client.secrets().inNamespace(ns).withName(name).get());
    runtime = new LocalDeploymentRuntime(client, materializer, new WorkerLauncher(distribution),
        workDir.resolve("pods"), endpoints).start();
    toClose.add(runtime);
    toClose.add(new GarbageCollector(client).start());
    OperatorSettings settings = OperatorSettings.defaults()
        .withRestUrlRewriter(services.rewriter())
        .withPollInterval(options.pollInterval());
    if (options.mavenRepository() != null) {
      settings = settings.withMavenRepository(options.mavenRepository());
    }
    operator = PatchbayOperator.create(client, settings);
    toClose.add(() -> operator.stop());
    if (operator.getRegisteredControllers().isEmpty()) {
      LOG.warn("the operator has no reconcilers registered yet: resources are stored but not acted on");
    } else {
      operator.start();
    }
    applier = new ResourceApplier(client, options.namespace(), kafka.bootstrapServers(), dataDir(), secretsDir());
  }

  /**
   * Starts the broker so that it cannot end the sandbox before the workers have stopped: Kafka registers JVM shutdown
   * hooks that delete its log directories, which on Ctrl-C would run at the same time as the graceful stop of the
   * workers, fail the broker's log dir and make it halt the JVM, leaving workers behind. Those hooks are collected
   * and run after the broker is closed instead, and a halt request of the embedded broker is logged, not obeyed.
   */
  private void startKafka() {
    List<Runnable> kafkaHooks = new java.util.concurrent.CopyOnWriteArrayList<>();
    Exit.setHaltProcedure((code, message) ->
        LOG.error("the embedded broker asked to halt the JVM ({}): {} (ignored)", code, message));
    Exit.setShutdownHookAdder((name, hook) -> kafkaHooks.add(hook));
    toClose.add(() -> {
      kafkaHooks.forEach(Runnable::run);
      Exit.resetShutdownHookAdder();
      Exit.resetHaltProcedure();
    });
    kafka = quietly(EmbeddedKafka::start); // formatting the log dir prints to stdout
    toClose.add(kafka);
  }

  private static <T> T quietly(java.util.function.Supplier<T> action) {
    java.io.PrintStream out = System.out;
    System.setOut(new java.io.PrintStream(java.io.OutputStream.nullOutputStream()));
    try {
      return action.get();
    } finally {
      System.setOut(out);
    }
  }

  /** The worker distribution: as given, else next to the repository (walking up from here or from the jar). */
  public static WorkerDistribution locateDistribution(Path explicit) {
    if (explicit != null) {
      return WorkerDistribution.at(explicit);
    }
    try {
      return WorkerDistribution.locate();
    } catch (IllegalStateException notFromHere) {
      try {
        Path jar = Path.of(Sandbox.class.getProtectionDomain().getCodeSource().getLocation().toURI());
        for (Path dir = jar.getParent(); dir != null; dir = dir.getParent()) {
          Path candidate = dir.resolve("worker-image/target/patchbay-worker");
          if (Files.isRegularFile(candidate.resolve("bin/patchbay-worker"))) {
            return WorkerDistribution.at(candidate);
          }
        }
      } catch (Exception ignored) {
        // fall through to the original message
      }
      throw notFromHere;
    }
  }

  /** Applies the given YAML paths, or the bundled quick start when none are given. */
  public List<ResourceApplier.Applied> apply(List<Path> paths) throws IOException {
    return paths.isEmpty() ? applier.applyBundledQuickstart() : applier.apply(paths);
  }

  public List<ResourceApplier.Applied> applyDefault() throws IOException {
    return apply(options.apply());
  }

  public ResourceApplier applier() {
    return applier;
  }

  public KubernetesClient client() {
    return client;
  }

  public EmbeddedKafka kafka() {
    return kafka;
  }

  public EmbeddedApiServer api() {
    return api;
  }

  public LocalDeploymentRuntime runtime() {
    return runtime;
  }

  public LoopbackServices services() {
    return services;
  }

  public Operator operator() {
    return operator;
  }

  public Path workDir() {
    return workDir;
  }

  public Path dataDir() {
    return workDir.resolve("data");
  }

  public Path secretsDir() {
    return workDir.resolve("secrets");
  }

  public String namespace() {
    return options.namespace();
  }

  /** Writes a kubeconfig for kubectl pointing at the embedded API. */
  public void writeKubeconfig(Path file) throws IOException {
    api.writeKubeconfig(file, options.namespace());
  }

  /**
   * Stops everything, newest first: the operator, the worker processes (gracefully, while the broker still runs),
   * the Service proxies, the client, the API server, the broker. Safe to call twice.
   */
  @Override
  public synchronized void close() {
    if (closed) {
      return;
    }
    closed = true;
    for (int i = toClose.size() - 1; i >= 0; i--) {
      try {
        toClose.get(i).close();
      } catch (Exception e) {
        LOG.warn("while stopping the sandbox", e);
      }
    }
    if (ownsWorkDir && !Boolean.getBoolean("patchbay.sandbox.keep")) {
      deleteQuietly(workDir);
    }
  }

  private static void deleteQuietly(Path dir) {
    try (Stream<Path> files = Files.walk(dir)) {
      files.sorted(Comparator.reverseOrder()).forEach(p -> p.toFile().delete());
    } catch (IOException ignored) {
      // best effort
    }
  }
}
