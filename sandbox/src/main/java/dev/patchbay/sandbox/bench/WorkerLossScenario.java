package dev.patchbay.sandbox.bench;

import dev.patchbay.operator.Naming;
import dev.patchbay.operator.api.Condition;
import dev.patchbay.operator.api.KafkaConnector;
import dev.patchbay.sandbox.ResourceApplier;
import dev.patchbay.sandbox.Sandbox;
import dev.patchbay.sandbox.runtime.LocalDeploymentRuntime.PodInfo;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.TimeUnit;

/**
 * The worker-loss drill that the end-to-end test and the benchmark both run: a managed KafkaConnect with two workers
 * in a {@link Sandbox} (pods on addresses of their own, restarted in place as the kubelet does), the quick start's file
 * pipeline on it (a FileStreamSource into a topic, a FileStreamSink out of it), and SIGKILL of the one worker process
 * that holds the source's task, as a crash or an OOM kill ends it.
 */
public final class WorkerLossScenario {

  public static final String CLUSTER = "two-workers";
  public static final String SOURCE = "loss-source";
  public static final String SINK = "loss-sink";
  public static final List<String> CONNECTORS = List.of(SOURCE, SINK);

  private static final String YAML = """
      apiVersion: patchbay.dev/v1alpha1
      kind: KafkaConnect
      metadata:
        name: %1$s
      spec:
        replicas: 2
        bootstrapServers: localhost:9092
      ---
      apiVersion: patchbay.dev/v1alpha1
      kind: KafkaConnector
      metadata:
        name: %2$s
      spec:
        connectCluster: %1$s
        class: FileStreamSource
        tasksMax: 1
        config:
          file: /tmp/loss-source.txt
          topic: loss-topic
          key.converter: org.apache.kafka.connect.storage.StringConverter
          value.converter: org.apache.kafka.connect.storage.StringConverter
      ---
      apiVersion: patchbay.dev/v1alpha1
      kind: KafkaConnector
      metadata:
        name: %3$s
      spec:
        connectCluster: %1$s
        class: FileStreamSink
        tasksMax: 1
        config:
          file: /tmp/loss-sink.txt
          topics: loss-topic
          key.converter: org.apache.kafka.connect.storage.StringConverter
          value.converter: org.apache.kafka.connect.storage.StringConverter
      """.formatted(CLUSTER, SOURCE, SINK);

  private final Sandbox sandbox;
  private final Path source;
  private final Path sink;

  private WorkerLossScenario(Sandbox sandbox, Path source, Path sink) {
    this.sandbox = sandbox;
    this.source = source;
    this.sink = sink;
  }

  /** Applies the cluster and the pipeline to the sandbox's namespace. */
  public static WorkerLossScenario apply(Sandbox sandbox) throws IOException {
    ResourceApplier applier = sandbox.applier();
    applier.applyYaml(YAML);
    Path source = file(applier, SOURCE);
    Path sink = file(applier, SINK);
    return new WorkerLossScenario(sandbox, source, sink);
  }

  private static Path file(ResourceApplier applier, String connector) {
    return applier.dataFiles().stream().filter(f -> f.connector().equals(connector)).findFirst().orElseThrow()
        .path();
  }

  public KafkaConnector connector(String name) {
    return sandbox.client().resources(KafkaConnector.class).inNamespace(sandbox.namespace()).withName(name).get();
  }

  /** Ready for the current generation, with the connector and every task RUNNING (what users wait for). */
  public static boolean ready(KafkaConnector r) {
    return ReadyTracker.isReady(r);
  }

  public boolean allReady() {
    return CONNECTORS.stream().allMatch(name -> ready(connector(name)));
  }

  /** The Ready condition of a connector, or null. */
  public Condition readyCondition(String name) {
    KafkaConnector r = connector(name);
    return r == null || r.getStatus() == null || r.getStatus().getConditions() == null ? null
        : r.getStatus().getConditions().stream().filter(c -> Condition.READY.equals(c.type())).findFirst()
            .orElse(null);
  }

  /** The cluster's pods that are not terminating. */
  public List<PodInfo> pods() {
    return sandbox.runtime().pods()
        .getOrDefault(sandbox.namespace() + "/" + Naming.deploymentName(CLUSTER), List.of()).stream()
        .filter(p -> !p.phase().equals("TERMINATING")).toList();
  }

  /** The running pod whose worker (pod IP and REST port) the source's task is reported on. */
  public Optional<PodInfo> holderOfSourceTask() {
    KafkaConnector r = connector(SOURCE);
    if (r == null || r.getStatus() == null || r.getStatus().getTasks() == null
        || r.getStatus().getTasks().isEmpty()) {
      return Optional.empty();
    }
    String workerId = r.getStatus().getTasks().get(0).workerId();
    return pods().stream().filter(p -> p.pid() > 0 && (p.ip() + ":" + p.restPort()).equals(workerId)).findFirst();
  }

  /** SIGKILL of that one worker process (nothing else of the process tree); returns once it is gone. */
  public static void kill(PodInfo pod) {
    ProcessHandle process = ProcessHandle.of(pod.pid()).orElseThrow(() -> new IllegalStateException(
        "the worker process " + pod.pid() + " of pod " + pod.name() + " is not running"));
    process.destroyForcibly();
    try {
      process.onExit().get(30, TimeUnit.SECONDS);
    } catch (Exception e) {
      throw new IllegalStateException("the worker process " + pod.pid() + " did not end after SIGKILL", e);
    }
  }

  public void appendToSource(String line) {
    try {
      Files.writeString(source, line + "\n", StandardCharsets.UTF_8, StandardOpenOption.CREATE,
          StandardOpenOption.APPEND);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  public boolean sinkHas(String line) {
    try {
      return Files.exists(sink) && Files.readAllLines(sink, StandardCharsets.UTF_8).contains(line);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }
}
