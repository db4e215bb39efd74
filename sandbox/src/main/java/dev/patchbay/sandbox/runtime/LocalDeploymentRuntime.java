package dev.patchbay.sandbox.runtime;

import dev.patchbay.operator.Naming;
import io.fabric8.kubernetes.api.model.apps.Deployment;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.informers.ResourceEventHandler;
import io.fabric8.kubernetes.client.informers.SharedIndexInformer;
import io.fabric8.kubernetes.client.utils.Serialization;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * A tiny Deployment controller plus kubelet: watches the Deployments Patchbay manages in the API server and runs each
 * as {@code spec.replicas} local processes ({@link PodProcess.Launcher}). It follows scale changes, rolls the pods
 * one by one when the pod template changes (e.g. the config-hash annotation), restarts a failed init or main
 * container in its pod with backoff (mirrored as a kubelet reports it: terminated, then CrashLoopBackOff),
 * stops them when the Deployment is deleted, writes {@code status} (replicas, updated, ready, available,
 * observedGeneration) through the status subresource, and publishes ready pods to {@link Endpoints} for the
 * loopback Services.
 */
public final class LocalDeploymentRuntime implements AutoCloseable {

  private static final Logger LOG = LoggerFactory.getLogger(LocalDeploymentRuntime.class);
  private static final Duration TICK = Duration.ofMillis(200);

  private final KubernetesClient client;
  private final PodMaterializer materializer;
  private final PodProcess.Launcher launcher;
  private final Path podsRoot;
  private final Endpoints endpoints;
  private final PodMirror mirror;
  private final Map<String, DeploymentState> states = new ConcurrentHashMap<>();
  private final ScheduledExecutorService loop = Executors.newSingleThreadScheduledExecutor(r -> {
    Thread t = new Thread(r, "local-deployments");
    t.setDaemon(true);
    return t;
  });
  private final ExecutorService workers = Executors.newCachedThreadPool(r -> {
    Thread t = new Thread(r, "local-pods");
    t.setDaemon(true);
    return t;
  });
  private SharedIndexInformer<Deployment> informer;
  private volatile boolean closed;

  /**
   * @param podsRoot pods get {@code <podsRoot>/<namespace>/<pod>} as their directory
   */
  public LocalDeploymentRuntime(KubernetesClient client, PodMaterializer materializer, PodProcess.Launcher launcher,
      Path podsRoot, Endpoints endpoints) {
    this.client = client;
    this.materializer = materializer;
    this.launcher = launcher;
    this.podsRoot = podsRoot;
    this.endpoints = endpoints;
    this.mirror = new PodMirror(client);
  }

  /** Starts watching Deployments labelled {@code app.kubernetes.io/managed-by=patchbay} in all namespaces. */
  public LocalDeploymentRuntime start() {
    informer = client.apps().deployments().inAnyNamespace()
        .withLabel(Naming.LABEL_MANAGED_BY, Naming.MANAGED_BY)
        .inform(new ResourceEventHandler<>() {
          @Override
          public void onAdd(Deployment d) {
            schedule(key(d));
          }

          @Override
          public void onUpdate(Deployment oldD, Deployment newD) {
            schedule(key(newD));
          }

          @Override
          public void onDelete(Deployment d, boolean unknownFinalState) {
            schedule(key(d));
          }
        });
    loop.scheduleWithFixedDelay(this::reconcileAll, TICK.toMillis(), TICK.toMillis(), TimeUnit.MILLISECONDS);
    return this;
  }

  public Endpoints endpoints() {
    return endpoints;
  }

  /** A snapshot of the pods per Deployment ({@code namespace/name}), for display and tests. */
  public Map<String, List<PodInfo>> pods() {
    Map<String, List<PodInfo>> out = new ConcurrentHashMap<>();
    states.forEach((k, s) -> out.put(k, s.pods.stream().map(p -> new PodInfo(p.name, p.phase.name(), p.ready,
        p.templateHash, p.process == null ? -1 : p.process.pid(),
        p.spec == null ? -1 : p.spec.localPort(p.spec.healthPort()), p.spec == null ? null : p.spec.podDir()))
        .toList()));
    return out;
  }

  /** A pod as seen from outside. {@code restPort} is the loopback port of its REST API. */
  public record PodInfo(String name, String phase, boolean ready, String templateHash, long pid, int restPort,
      Path dir) {
  }

  private void schedule(String key) {
    if (!closed) {
      loop.execute(() -> reconcileSafely(key));
    }
  }

  private void reconcileAll() {
    List<String> keys = new ArrayList<>(states.keySet());
    if (informer != null) {
      informer.getStore().listKeys().forEach(k -> {
        if (!keys.contains(k)) {
          keys.add(k);
        }
      });
    }
    keys.forEach(this::reconcileSafely);
  }

  private void reconcileSafely(String key) {
    if (closed) {
      return;
    }
    try {
      reconcile(key);
    } catch (RuntimeException e) {
      LOG.warn("local runtime: reconcile of deployment {} failed", key, e);
    }
  }

  private void reconcile(String key) {
    Deployment d = informer.getStore().getByKey(key);
    DeploymentState state = states.get(key);
    if (d == null || d.getMetadata().getDeletionTimestamp() != null) {
      if (state != null) {
        stopAll(key, state);
      }
      return;
    }
    DeploymentState s = states.computeIfAbsent(key, k -> new DeploymentState(d.getMetadata().getUid(),
        d.getMetadata().getNamespace()));
    if (!s.uid.equals(d.getMetadata().getUid())) {
      s.uid = d.getMetadata().getUid(); // deleted and re-created: the old pods are of another template
      s.pods.forEach(p -> p.labels.put("sandbox.patchbay.dev/stale", "true"));
    }
    long now = System.nanoTime();
    collectExited(key, s, d, now);
    boolean readinessChanged = probeAll(s, now);
    int desired = d.getSpec().getReplicas() == null ? 1 : d.getSpec().getReplicas();
    String hash = templateHash(d);
    List<Rollout.PodView> views = s.pods.stream().filter(LocalPod::live)
        .map(p -> new Rollout.PodView(p.name, staleAware(p), p.ready, p.seq)).toList();
    Rollout.Plan plan = Rollout.plan(desired, hash, views);
    for (String name : plan.terminate()) {
      s.pods.stream().filter(p -> p.name.equals(name)).findFirst().ifPresent(p -> terminate(s, p));
    }
    if (plan.start() > 0 && now >= s.nextStartNanos) {
      for (int i = 0; i < plan.start(); i++) {
        launch(key, s, d, hash);
      }
    }
    publish(key, s);
    s.pods.stream().filter(LocalPod::live).forEach(p -> mirror.sync(d, p));
    writeStatus(d, s, desired, hash);
    if (readinessChanged) {
      LOG.info("deployment {}: {}", key, s.pods);
    }
  }

  /** The Deployment is gone: stop its pods; forget it once they have all exited. */
  private void stopAll(String key, DeploymentState state) {
    state.pods.stream().filter(LocalPod::live).toList().forEach(p -> terminate(state, p));
    if (state.pods.isEmpty()) {
      states.remove(key);
      endpoints.set(key, List.of());
      LOG.info("deployment {}: all local pods stopped", key);
    }
  }

  /** Readiness probes that are due; a ready pod resets the backoff of launches. True when a readiness changed. */
  private static boolean probeAll(DeploymentState s, long now) {
    boolean changed = false;
    for (LocalPod p : s.pods) {
      changed |= p.probe(now);
      if (p.ready && p.live()) {
        s.launchFailures = 0;
      }
    }
    return changed;
  }

  private static String staleAware(LocalPod p) {
    return p.labels.containsKey("sandbox.patchbay.dev/stale") ? "stale" : p.templateHash;
  }

  /**
   * Launches that completed, containers that exited, restarts that are due. A pod that cannot be created yet (its
   * ConfigMap is missing) or whose processes cannot be started at all is dropped and tried again as a new pod; a
   * container that fails stays in its pod and is restarted there, as a kubelet does.
   */
  private void collectExited(String key, DeploymentState s, Deployment d, long now) {
    for (LocalPod p : new ArrayList<>(s.pods)) {
      if (p.phase == LocalPod.Phase.LAUNCHING && p.launchDone) {
        if (p.launchFailure == null) {
          p.started();
        } else if (p.launchFailure instanceof PodProcess.InitContainerFailedException init) {
          p.initFailed(init, now);
          LOG.warn("deployment {}: pod {}: {}; restart in {} s", key, p.name, init.getMessage(),
              LocalPod.backoff(p.init.failures).toSeconds());
        } else {
          s.pods.remove(p);
          mirror.delete(s.namespace, p);
          boolean pending = p.launchFailure instanceof PodMaterializer.PodPendingException;
          if (!pending) {
            s.launchFailures++;
          }
          s.nextStartNanos = now + LocalPod.backoff(pending ? 1 : s.launchFailures).toNanos();
          LOG.warn("deployment {}: pod {} could not start: {}", key, p.name, p.launchFailure.toString());
        }
      } else if (p.phase == LocalPod.Phase.RUNNING && !p.process.isAlive()) {
        int exitCode = p.process.exitCode();
        p.mainExited(exitCode, p.spec.termination().read(exitCode, p.spec.logFile()), now);
        LOG.warn("deployment {}: pod {} exited with {}; restart in {} s; log: {}", key, p.name, exitCode,
            LocalPod.backoff(p.main.failures).toSeconds(), p.spec.logFile());
      } else if (p.phase == LocalPod.Phase.BACKOFF && now >= p.restartAtNanos) {
        p.restarting();
        start(key, p, d, p.initsDone ? p.spec.withoutInitContainers() : p.spec);
      }
    }
  }

  private void launch(String key, DeploymentState s, Deployment d, String hash) {
    String podName = d.getMetadata().getName() + "-" + hash.substring(0, 10) + "-" + (++s.seq);
    Map<String, String> labels = new ConcurrentHashMap<>();
    if (d.getSpec().getTemplate().getMetadata() != null && d.getSpec().getTemplate().getMetadata().getLabels() != null) {
      labels.putAll(d.getSpec().getTemplate().getMetadata().getLabels());
    }
    Long grace = d.getSpec().getTemplate().getSpec().getTerminationGracePeriodSeconds();
    LocalPod pod = new LocalPod(podName, hash, labels, s.seq, grace == null ? 30 : grace.intValue(),
        d.getSpec().getTemplate().getSpec().getContainers().get(0).getName());
    s.pods.add(pod);
    LOG.info("deployment {}: starting pod {} ({} of template {})", key, podName, s.seq, hash.substring(0, 10));
    start(key, pod, d, null);
  }

  /** Starts the pod's containers on a worker thread; a new pod ({@code spec} null) is materialized first. */
  private void start(String key, LocalPod pod, Deployment d, LocalPodSpec spec) {
    Path dir = podsRoot.resolve(d.getMetadata().getNamespace()).resolve(pod.name);
    workers.execute(() -> {
      try {
        if (spec == null) {
          pod.spec = materializer.materialize(d, pod.name, dir);
        }
        pod.process = launcher.launch(spec == null ? pod.spec : spec);
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
        pod.launchFailure = e;
      } catch (Exception e) {
        pod.launchFailure = e;
      }
      pod.launchDone = true;
      if (closed && pod.process != null) {
        pod.process.kill();
      }
      schedule(key);
    });
  }

  private void terminate(DeploymentState s, LocalPod pod) {
    if (pod.phase == LocalPod.Phase.TERMINATING) {
      return;
    }
    if (pod.phase == LocalPod.Phase.LAUNCHING && !pod.launchDone) {
      return; // stopped once its launch completes (next reconcile sees it RUNNING)
    }
    boolean wasRunning = pod.phase == LocalPod.Phase.RUNNING;
    pod.phase = LocalPod.Phase.TERMINATING;
    pod.ready = false;
    LOG.info("stopping pod {}", pod.name);
    workers.execute(() -> {
      try {
        if (wasRunning && pod.process != null) {
          pod.process.stop(Duration.ofSeconds(pod.gracePeriodSeconds));
        }
      } finally {
        loop.execute(() -> {
          s.pods.remove(pod);
          mirror.delete(s.namespace, pod);
        });
      }
    });
  }

  private void publish(String key, DeploymentState s) {
    List<Endpoints.Endpoint> ready = s.pods.stream().filter(p -> p.ready && p.live())
        .map(p -> new Endpoints.Endpoint(p.spec.namespace(), p.name, Map.copyOf(p.labels), p.spec.ports()))
        .toList();
    endpoints.set(key, ready);
  }

  private void writeStatus(Deployment d, DeploymentState s, int desired, String hash) {
    List<LocalPod> live = s.pods.stream().filter(LocalPod::live).toList();
    int replicas = live.size();
    int updated = (int) live.stream().filter(p -> p.templateHash.equals(hash) && !p.labels.containsKey(
        "sandbox.patchbay.dev/stale")).count();
    int ready = (int) live.stream().filter(p -> p.ready).count();
    long generation = d.getMetadata().getGeneration() == null ? 1 : d.getMetadata().getGeneration();
    DeploymentStatusView want = new DeploymentStatusView(generation, replicas, updated, ready, ready,
        Math.max(0, desired - ready), ready >= desired - Rollout.maxUnavailable(desired));
    DeploymentStatusView have = DeploymentStatusView.of(d.getStatus());
    if (want.equals(have)) {
      return;
    }
    try {
      client.apps().deployments().inNamespace(d.getMetadata().getNamespace()).withName(d.getMetadata().getName())
          .subresource("status").patch(io.fabric8.kubernetes.client.dsl.base.PatchContext.of(
              io.fabric8.kubernetes.client.dsl.base.PatchType.JSON_MERGE), want.toPatch(updated == desired));
      s.lastWritten = want;
    } catch (RuntimeException e) {
      LOG.debug("status of deployment {} not written", d.getMetadata().getName(), e);
    }
  }

  /** Hash of the pod template: a change (image, env, the config-hash annotation, ...) rolls the pods. */
  static String templateHash(Deployment d) {
    try {
      byte[] json = Serialization.asJson(d.getSpec().getTemplate()).getBytes(StandardCharsets.UTF_8);
      return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(json)).substring(0, 16);
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException(e);
    }
  }

  /** Stops every pod (gracefully, in parallel) and the watch. */
  @Override
  public void close() {
    if (closed) {
      return;
    }
    closed = true;
    if (informer != null) {
      informer.close();
    }
    loop.shutdownNow();
    try {
      loop.awaitTermination(5, TimeUnit.SECONDS);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
    LOG.info("stopping all local pods");
    List<Thread> stoppers = new ArrayList<>();
    for (DeploymentState s : states.values()) {
      for (LocalPod p : List.copyOf(s.pods)) {
        if (p.process != null && p.process.isAlive()) {
          Thread t = new Thread(() -> p.process.stop(Duration.ofSeconds(Math.min(p.gracePeriodSeconds, 20))),
              "stop-" + p.name);
          t.start();
          stoppers.add(t);
        }
      }
    }
    for (Thread t : stoppers) {
      try {
        t.join(30_000);
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
      }
    }
    workers.shutdownNow();
    states.clear();
    LOG.info("all local pods stopped");
  }

  private static String key(Deployment d) {
    return d.getMetadata().getNamespace() + "/" + d.getMetadata().getName();
  }

  /** Per-Deployment state, touched only on the loop thread. */
  private static final class DeploymentState {
    String uid;
    final String namespace;
    final List<LocalPod> pods = new java.util.concurrent.CopyOnWriteArrayList<>();
    long seq;
    /** Pods in a row that could not be started at all (not a container failure: those restart in their pod). */
    int launchFailures;
    long nextStartNanos;
    DeploymentStatusView lastWritten;

    DeploymentState(String uid, String namespace) {
      this.uid = uid;
      this.namespace = namespace;
    }
  }
}
