package dev.patchbay.sandbox.bench;

import dev.patchbay.operator.OperatorMetrics;
import dev.patchbay.operator.OperatorSettings;
import dev.patchbay.operator.PatchbayOperator;
import dev.patchbay.operator.api.KafkaConnect;
import dev.patchbay.operator.api.KafkaConnector;
import dev.patchbay.operator.connect.RestCallListener;
import dev.patchbay.operator.connector.KafkaConnectorReconciler;
import dev.patchbay.sandbox.Sandbox;
import dev.patchbay.sandbox.api.EmbeddedApiServer;
import dev.patchbay.testkit.EmbeddedKafka;
import dev.patchbay.testkit.WorkerDistribution;
import dev.patchbay.testkit.WorkerProcess;
import io.fabric8.kubernetes.client.Config;
import io.fabric8.kubernetes.client.ConfigBuilder;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.KubernetesClientBuilder;
import io.fabric8.kubernetes.client.jdkhttp.JdkHttpClientFactory;
import io.javaoperatorsdk.operator.Operator;
import java.io.IOException;
import java.io.OutputStream;
import java.io.PrintStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.Supplier;

/**
 * What the benchmarks run against: an in-JVM KRaft broker, the sandbox's embedded Kubernetes API (fabric8 mock, CRUD
 * mode, Patchbay's CRDs), one real Connect worker process from the worker distribution, a {@link CountingProxy} in
 * front of it, and the operator in-process exactly as {@link PatchbayOperator#create} builds it, with the production
 * poll interval. The KafkaConnect {@value #CLUSTER} is in external mode with {@code spec.restUrl} = the proxy, so
 * every REST call the operator makes is counted; the direct baseline talks to the worker itself.
 */
final class BenchEnvironment implements AutoCloseable {

  static final String NAMESPACE = "bench";
  static final String CLUSTER = "bench";
  static final String GROUP = "bench-connect";
  /** The connector reconciler's poll, as its REST client names it to the listener. */
  static final String LISTING = "/connectors?expand";

  final Path workDir;
  final EmbeddedKafka kafka;
  final EmbeddedApiServer api;
  final KubernetesClient client;
  final WriteCounter writes = new WriteCounter();
  final Map<String, AtomicLong> connectorReconcilerCalls = new ConcurrentHashMap<>();
  /** {@link System#nanoTime()} of the connector reconciler's last successful listing. */
  final AtomicLong lastListing = new AtomicLong();
  private static final AtomicLong THREADS = new AtomicLong();
  final WorkerDistribution distribution;
  private final List<AutoCloseable> toClose = new ArrayList<>();
  private final Duration pollInterval;
  volatile WorkerProcess worker;
  CountingProxy proxy;
  DirectConnect direct;
  KubernetesClient operatorClient;
  Operator operator;
  KafkaConnectorReconciler connectors;
  ReadyTracker ready;
  Duration workerStartup;
  Duration operatorStartup;

  private BenchEnvironment(Path workDir, Duration pollInterval) {
    this.workDir = workDir;
    this.pollInterval = pollInterval;
    this.distribution = Sandbox.locateDistribution(null);
    this.kafka = quietly(EmbeddedKafka::start);
    toClose.add(kafka);
    this.api = EmbeddedApiServer.start();
    toClose.add(api);
    this.client = api.newClient(NAMESPACE);
    toClose.add(client);
  }

  static BenchEnvironment start(Path workDir, Duration pollInterval) throws IOException {
    BenchEnvironment env = new BenchEnvironment(workDir, pollInterval);
    try {
      env.startWorkerAndOperator();
      return env;
    } catch (RuntimeException | IOException e) {
      env.close();
      throw e;
    }
  }

  private void startWorkerAndOperator() throws IOException {
    worker = startWorker(null);
    workerStartup = worker.startupTime().orElseThrow();
    proxy = new CountingProxy(worker.restPort());
    toClose.add(proxy);
    direct = new DirectConnect(worker.restUrl());

    KafkaConnect cluster = new KafkaConnect();
    cluster.getMetadata().setName(CLUSTER);
    cluster.getMetadata().setNamespace(NAMESPACE);
    cluster.getSpec().setRestUrl(proxy.url());
    client.resource(cluster).create();
    ready = new ReadyTracker(client, NAMESPACE);
    toClose.add(ready);

    operatorClient = countingClient();
    toClose.add(operatorClient);
    RestCallListener listener = (clusterKey, method, path, status, latency) -> {
      connectorReconcilerCalls.computeIfAbsent(method + " " + path, k -> new AtomicLong()).incrementAndGet();
      if (status == 200 && path.equals(LISTING)) {
        lastListing.set(System.nanoTime());
      }
    };
    OperatorSettings settings = OperatorSettings.defaults().withPollInterval(pollInterval)
        .withWatchNamespaces(Set.of(NAMESPACE));
    PatchbayOperator.Parts parts = PatchbayOperator.build(operatorClient, settings, new OperatorMetrics(), o -> { },
        listener);
    operator = parts.operator();
    connectors = parts.connectors();
    toClose.add(() -> operator.stop());
    long start = System.nanoTime();
    operator.start();
    long deadline = start + Duration.ofSeconds(60).toNanos();
    while (writes.firstStatusWriteNanos() == 0 && System.nanoTime() < deadline) {
      sleep(2);
    }
    if (writes.firstStatusWriteNanos() == 0) {
      throw new IllegalStateException("the operator wrote no status within 60 s of starting");
    }
    operatorStartup = Duration.ofNanos(writes.firstStatusWriteNanos() - start);
  }

  /**
   * Waits until the operator says it is settled (no follow-up of its own due) for at most {@code max}; returns how
   * long that took.
   */
  Duration awaitSettled(Duration max) {
    long start = System.nanoTime();
    long deadline = start + max.toNanos();
    while (connectors.followUpsDue() > 0 && System.nanoTime() < deadline) {
      sleep(100);
    }
    return Duration.ofNanos(System.nanoTime() - start);
  }

  /** A worker of group {@value #GROUP}; {@code port} null means a free one. Waits until its REST API answers. */
  WorkerProcess startWorker(Integer port) throws IOException {
    Path dir = Files.createTempDirectory(workDir, "worker-");
    var builder = WorkerProcess.builder(distribution).bootstrapServers(kafka.bootstrapServers()).groupId(GROUP)
        .workDir(dir);
    if (port != null) {
      builder.restPort(port);
    }
    WorkerProcess started = builder.start();
    toClose.add(started);
    return quietly(() -> started.awaitReady(Duration.ofSeconds(180)));
  }

  /** The operator's client: like the sandbox's, plus {@link #writes} counting every non-GET request. */
  private KubernetesClient countingClient() {
    Config config = new ConfigBuilder(Config.empty())
        .withMasterUrl(api.url())
        .withNamespace(NAMESPACE)
        .withHttp2Disable(true)
        .withRequestTimeout(30_000)
        .withConnectionTimeout(10_000)
        .build();
    // the client's threads carry a name of their own, so that the steady state can count the operator's CPU
    java.util.concurrent.ThreadFactory named = r -> {
      Thread thread = new Thread(r, ThreadCpu.OPERATOR_CLIENT_THREADS + "-" + THREADS.incrementAndGet());
      thread.setDaemon(true);
      return thread;
    };
    java.util.concurrent.ExecutorService http = java.util.concurrent.Executors.newCachedThreadPool(named);
    java.util.concurrent.ExecutorService tasks = java.util.concurrent.Executors.newCachedThreadPool(named);
    toClose.add(http::shutdownNow);
    toClose.add(tasks::shutdownNow);
    return new KubernetesClientBuilder().withConfig(config)
        .withHttpClientFactory(new JdkHttpClientFactory() {
          @Override
          protected void additionalConfig(java.net.http.HttpClient.Builder builder) {
            builder.executor(http);
          }
        })
        .withTaskExecutor(tasks)
        .withHttpClientBuilderConsumer(b -> b.addOrReplaceInterceptor("bench-write-counter", writes))
        .build();
  }

  /** A KafkaConnector of the bench cluster: a FileStreamSource reading {@code file} into {@code topic}. */
  KafkaConnector fileSource(String name, Path file, String topic) {
    return connector(name, "FileStreamSource", Map.of("file", file.toString(), "topic", topic));
  }

  KafkaConnector connector(String name, String connectorClass, Map<String, String> config) {
    KafkaConnector resource = new KafkaConnector();
    resource.getMetadata().setName(name);
    resource.getMetadata().setNamespace(NAMESPACE);
    resource.getSpec().setConnectCluster(CLUSTER);
    resource.getSpec().setConnectorClass(connectorClass);
    resource.getSpec().setTasksMax(1);
    resource.getSpec().setConfig(new LinkedHashMap<>(config));
    return resource;
  }

  void create(KafkaConnector resource) {
    client.resource(resource).create();
  }

  /** An empty file for a cheap FileStreamSource (reading an empty file costs the task next to nothing). */
  Path emptyFile(String name) throws IOException {
    Path dir = Files.createDirectories(workDir.resolve("files"));
    Path file = dir.resolve(name + ".txt");
    Files.writeString(file, "");
    return file;
  }

  Map<String, Long> connectorReconcilerCalls() {
    Map<String, Long> copy = new TreeMap<>();
    connectorReconcilerCalls.forEach((k, v) -> copy.put(k, v.get()));
    return copy;
  }


  /** Runs {@code action} with stdout muted (the broker's formatter and the worker's start-up line print there). */
  static <T> T quietly(Supplier<T> action) {
    PrintStream out = System.out;
    System.setOut(new PrintStream(OutputStream.nullOutputStream()));
    try {
      return action.get();
    } finally {
      System.setOut(out);
    }
  }

  static void sleep(long millis) {
    try {
      Thread.sleep(millis);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IllegalStateException("interrupted", e);
    }
  }

  /** Stops everything, newest first: operator, clients, workers (gracefully, while the broker runs), API, broker. */
  @Override
  public void close() {
    for (int i = toClose.size() - 1; i >= 0; i--) {
      try {
        toClose.get(i).close();
      } catch (Exception e) {
        System.err.println("bench: while stopping: " + e);
      }
    }
  }
}
