package dev.patchbay.testkit;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.TreeMap;
import java.util.UUID;
import java.util.concurrent.TimeUnit;

/**
 * Configures and starts a {@link WorkerProcess}. Either name an existing config directory
 * ({@link #configDir}, holding the operator-written {@code worker.properties}), or give
 * {@link #bootstrapServers} (and optionally {@link #groupId}, {@link #workerConfig}) and the builder
 * writes {@code <workDir>/config/worker.properties} for a test worker: storage topics
 * {@code <groupId>-configs/-offsets/-status} with replication factor 1, String converters, 1 s
 * offset flush, 1 s scheduled rebalance delay, 6 s session timeout.
 */
public final class WorkerProcessBuilder {
  /** The child JVM: small heap so several workers fit on one machine. */
  public static final String DEFAULT_HEAP_OPTS = "-Xms64m -Xmx512m";
  /**
   * Start-up-friendly flags for short-lived test workers (C1 only, serial GC, CDS); unless
   * PATCHBAY_JVM_OPTS is given through {@link #env}, an AppCDS archive of the worker's classes is
   * added (see {@code CdsArchive}).
   */
  public static final String DEFAULT_JVM_OPTS =
      "-XX:+UseSerialGC -XX:TieredStopAtLevel=1 -Xshare:auto";

  private final WorkerDistribution dist;
  private String bootstrapServers;
  private String groupId;
  private Integer restPort;
  private Path workDir;
  private Path configDir;
  private final Map<String, String> workerConfig = new LinkedHashMap<>();
  private final Map<String, String> env = new LinkedHashMap<>();
  private String pluginsJson;

  WorkerProcessBuilder(WorkerDistribution dist) {
    this.dist = dist;
  }

  public WorkerProcessBuilder bootstrapServers(String bootstrapServers) {
    this.bootstrapServers = bootstrapServers;
    return this;
  }

  /** Connect {@code group.id}; default {@code patchbay-<random>}. */
  public WorkerProcessBuilder groupId(String groupId) {
    this.groupId = groupId;
    return this;
  }

  /** REST port on 127.0.0.1; default a free port. */
  public WorkerProcessBuilder restPort(int restPort) {
    this.restPort = restPort;
    return this;
  }

  /**
   * Where the rendered config ({@code run/}), the generated config ({@code config/}), the log
   * ({@code worker.log}) and the plugin dir ({@code plugins/}) go; default a new temp dir, deleted
   * by {@link WorkerProcess#close()}.
   */
  public WorkerProcessBuilder workDir(Path workDir) {
    this.workDir = workDir;
    return this;
  }

  /** Use this config dir (with worker.properties) as is instead of writing one. */
  public WorkerProcessBuilder configDir(Path configDir) {
    this.configDir = configDir;
    return this;
  }

  /** An extra (or overriding) worker property for the generated worker.properties. */
  public WorkerProcessBuilder workerConfig(String key, String value) {
    workerConfig.put(key, value);
    return this;
  }

  public WorkerProcessBuilder workerConfig(Map<String, String> config) {
    workerConfig.putAll(config);
    return this;
  }

  /** An environment variable of the worker process (wins over the builder's defaults). */
  public WorkerProcessBuilder env(String name, String value) {
    env.put(name, value);
    return this;
  }

  /**
   * Writes {@code plugins.json} (the fetcher's format, see the worker image's PluginFetcher) into
   * the generated config dir. Whenever the config dir holds a plugins.json, {@link #start} first
   * runs {@code bin/patchbay-worker fetch-plugins} like the pod's init container, and fails if it does.
   */
  public WorkerProcessBuilder pluginsJson(String json) {
    this.pluginsJson = json;
    return this;
  }

  /** Enables the Prometheus endpoint on {@code port} (PATCHBAY_METRICS_ENABLED / _PORT). */
  public WorkerProcessBuilder metricsPort(int port) {
    env.put("PATCHBAY_METRICS_ENABLED", "true");
    env.put("PATCHBAY_METRICS_PORT", Integer.toString(port));
    return this;
  }

  /** Starts the process; call {@link WorkerProcess#awaitReady} next. */
  public WorkerProcess start() {
    try {
      Path work = workDir != null ? workDir : Files.createTempDirectory("patchbay-worker-");
      Files.createDirectories(work);
      Path plugins = Files.createDirectories(work.resolve("plugins"));
      int port = restPort != null ? restPort : Ports.freePort();
      Path config = configDir != null ? configDir : writeConfig(work.resolve("config"));
      Path logFile = work.resolve("worker.log");
      Map<String, String> workerEnv = environment(config, work, plugins, port);
      if (Files.isRegularFile(config.resolve("plugins.json"))) {
        fetchPlugins(workerEnv, work);
      }

      ProcessBuilder pb = new ProcessBuilder(dist.entrypoint().toString());
      pb.environment().clear();
      pb.environment().putAll(workerEnv);
      pb.directory(work.toFile());
      pb.redirectErrorStream(true);
      pb.redirectOutput(ProcessBuilder.Redirect.appendTo(logFile.toFile()));
      CdsArchive cds = env.containsKey("PATCHBAY_JVM_OPTS") ? null : CdsArchive.forWorker(dist, DEFAULT_JVM_OPTS);
      CdsArchive.Use cdsUse = cds == null ? null : cds.use();
      if (cdsUse != null && !cdsUse.flag().isEmpty()) {
        pb.environment().put("PATCHBAY_JVM_OPTS", DEFAULT_JVM_OPTS + " " + cdsUse.flag());
      }
      long startNanos = System.nanoTime();
      Process process;
      try {
        process = pb.start();
      } catch (IOException ex) {
        if (cdsUse != null && cdsUse.dump() != null) {
          cds.finish(cdsUse.dump(), false);
        }
        throw ex;
      }
      WorkerProcess worker = new WorkerProcess(process, port, work, config, logFile, startNanos, workDir == null);
      if (cdsUse != null && cdsUse.dump() != null) {
        worker.onExit(clean -> cds.finish(cdsUse.dump(), clean));
      }
      return worker;
    } catch (IOException ex) {
      throw new UncheckedIOException("cannot start a worker from " + dist, ex);
    }
  }

  /** The init container's job: {@code bin/patchbay-worker fetch-plugins}, output in fetch-plugins.log. */
  private void fetchPlugins(Map<String, String> workerEnv, Path work) throws IOException {
    Path log = work.resolve("fetch-plugins.log");
    ProcessBuilder pb = new ProcessBuilder(dist.entrypoint().toString(), "fetch-plugins");
    pb.environment().clear();
    pb.environment().putAll(workerEnv);
    pb.directory(work.toFile());
    pb.redirectErrorStream(true);
    pb.redirectOutput(log.toFile());
    Process process = pb.start();
    try {
      if (!process.waitFor(5, TimeUnit.MINUTES)) {
        process.destroyForcibly();
        throw new IllegalStateException("fetch-plugins did not finish within 5 minutes; see " + log);
      }
    } catch (InterruptedException ex) {
      process.destroyForcibly();
      Thread.currentThread().interrupt();
      throw new IllegalStateException("interrupted while fetching plugins", ex);
    }
    if (process.exitValue() != 0) {
      throw new IllegalStateException("fetch-plugins failed with exit code " + process.exitValue() + ":\n"
          + Files.readString(log));
    }
  }

  /** This JVM's environment minus PATCHBAY_*, POD_IP and KAFKA_*, plus the worker's settings. */
  private Map<String, String> environment(Path config, Path work, Path plugins, int port) {
    Map<String, String> e = new LinkedHashMap<>(System.getenv());
    e.keySet().removeIf(k -> k.startsWith("PATCHBAY_") || k.equals("POD_IP") || k.startsWith("KAFKA_"));
    e.put("JAVA_HOME", System.getProperty("java.home"));
    e.put("PATCHBAY_CONFIG_DIR", config.toString());
    e.put("PATCHBAY_WORK_DIR", work.resolve("run").toString());
    e.put("PATCHBAY_PLUGIN_DIR", plugins.toString());
    e.put("PATCHBAY_REST_PORT", Integer.toString(port));
    e.put("PATCHBAY_REST_HOST", "127.0.0.1");
    e.put("POD_IP", "127.0.0.1");
    e.put("PATCHBAY_HEAP_OPTS", DEFAULT_HEAP_OPTS);
    e.put("PATCHBAY_JVM_OPTS", DEFAULT_JVM_OPTS);
    e.putAll(env);
    return e;
  }

  private Path writeConfig(Path dir) throws IOException {
    if (bootstrapServers == null) {
      throw new IllegalStateException("set bootstrapServers(..) or configDir(..)");
    }
    String group = groupId != null ? groupId : "patchbay-" + UUID.randomUUID().toString().substring(0, 8);
    Map<String, String> props = new TreeMap<>();
    props.put("bootstrap.servers", bootstrapServers);
    props.put("group.id", group);
    props.put("config.storage.topic", group + "-configs");
    props.put("offset.storage.topic", group + "-offsets");
    props.put("status.storage.topic", group + "-status");
    props.put("config.storage.replication.factor", "1");
    props.put("offset.storage.replication.factor", "1");
    props.put("status.storage.replication.factor", "1");
    props.put("offset.storage.partitions", "1");
    props.put("status.storage.partitions", "1");
    props.put("key.converter", "org.apache.kafka.connect.storage.StringConverter");
    props.put("value.converter", "org.apache.kafka.connect.storage.StringConverter");
    props.put("offset.flush.interval.ms", "1000");
    props.put("scheduled.rebalance.max.delay.ms", "1000");
    props.put("session.timeout.ms", "6000"); // the broker's minimum: a killed worker's tasks move sooner
    props.put("heartbeat.interval.ms", "1000");
    props.put("task.shutdown.graceful.timeout.ms", "2000");
    props.putAll(workerConfig);
    Files.createDirectories(dir);
    StringBuilder text = new StringBuilder("# written by dev.patchbay.testkit.WorkerProcessBuilder\n");
    props.forEach((k, v) -> text.append(k).append('=').append(v.replace("\\", "\\\\")).append('\n'));
    Files.writeString(dir.resolve("worker.properties"), text, StandardCharsets.ISO_8859_1);
    if (pluginsJson != null) {
      Files.writeString(dir.resolve("plugins.json"), pluginsJson, StandardCharsets.UTF_8);
    }
    return dir;
  }
}
