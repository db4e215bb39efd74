package dev.patchbay.operator.cluster;

import dev.patchbay.operator.Conditions;
import dev.patchbay.operator.EventRecorder;
import dev.patchbay.operator.Naming;
import dev.patchbay.operator.OperatorSettings;
import dev.patchbay.operator.StatusWriter;
import dev.patchbay.operator.api.ConnectorsSummary;
import dev.patchbay.operator.api.KafkaConnect;
import dev.patchbay.operator.api.KafkaConnectStatus;
import dev.patchbay.operator.api.KafkaConnector;
import dev.patchbay.operator.connect.ConnectClient;
import dev.patchbay.operator.connect.ConnectClients;
import dev.patchbay.operator.connect.ConnectUrls;
import dev.patchbay.operator.connect.RestCallListener;
import dev.patchbay.operator.connector.Redactor;
import io.fabric8.kubernetes.api.model.HasMetadata;
import io.fabric8.kubernetes.api.model.apps.Deployment;
import io.fabric8.kubernetes.api.model.apps.DeploymentStatus;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.javaoperatorsdk.operator.api.config.informer.InformerEventSourceConfiguration;
import io.javaoperatorsdk.operator.api.reconciler.Context;
import io.javaoperatorsdk.operator.api.reconciler.ControllerConfiguration;
import io.javaoperatorsdk.operator.api.reconciler.ErrorStatusUpdateControl;
import io.javaoperatorsdk.operator.api.reconciler.EventSourceContext;
import io.javaoperatorsdk.operator.api.reconciler.Reconciler;
import io.javaoperatorsdk.operator.api.reconciler.UpdateControl;
import io.javaoperatorsdk.operator.processing.event.ResourceID;
import io.javaoperatorsdk.operator.processing.event.source.EventSource;
import io.javaoperatorsdk.operator.processing.event.source.informer.InformerEventSource;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.BiFunction;
import java.util.function.Consumer;
import java.util.stream.Collectors;

/**
 * Reconciles a {@link KafkaConnect}. Managed mode: validates the spec, brings the owned ConfigMap, Deployment,
 * Service, NetworkPolicy and PodDisruptionBudget in line with {@link ClusterResources} (writing only what differs),
 * then probes the workers' REST API. External mode: probes {@code spec.restUrl}. Either way the status is patched only
 * when it changed, and the cluster is polled again (fast while not ready, {@code pollInterval} once settled).
 */
@ControllerConfiguration(triggerReconcilerOnAllEvents = true)
public class KafkaConnectReconciler implements Reconciler<KafkaConnect> {

  private static final org.slf4j.Logger LOG = org.slf4j.LoggerFactory.getLogger(KafkaConnectReconciler.class);

  public static final String MODE_MANAGED = "managed";
  public static final String MODE_EXTERNAL = "external";

  // reasons of the Ready condition
  private static final String REASON_READY = "Ready";
  private static final String REASON_PROGRESSING = "Progressing";
  private static final String REASON_WORKERS_UNAVAILABLE = "WorkersUnavailable";
  private static final String REASON_INVALID_SPEC = "InvalidSpec";
  /** The reconcile itself failed (an exception); it is retried without end. */
  private static final String REASON_RECONCILE_ERROR = "ReconcileError";
  /** How soon a cluster that is not ready is looked at again. */
  public static final Duration NOT_READY_RECHECK = Duration.ofSeconds(3);
  /**
   * Least time between two REST probes of a settled (Ready) cluster. The connector reconciler already lists every
   * cluster once per poll interval for the connectors' status; the cluster's own status (version, plugins, unmanaged
   * connectors) does not need that pace, and worker readiness arrives through the Deployment informer anyway.
   */
  public static final Duration SETTLED_RECHECK_FLOOR = Duration.ofMinutes(1);
  /** Version and plugins are fetched again at least this often even while the workers seem unchanged. */
  static final Duration SERVER_INFO_MAX_AGE = Duration.ofMinutes(10);

  private static final String OWNED_SELECTOR = Naming.LABEL_MANAGED_BY + "=" + Naming.MANAGED_BY + ","
      + Naming.LABEL_NAME + "=" + Naming.APP_NAME;

  private final OperatorSettings settings;
  private final BiFunction<String, String, ConnectClient> connectClients;
  private final Clock clock;
  private final OwnedResources owned;
  private final StatusWriter statusWriter;
  private final WorkerFailureEvents failures;
  private final Duration settledRecheck;
  /** Last reachable probe per cluster key, with the workers it was made against and when. */
  private final Map<String, KnownServer> known = new ConcurrentHashMap<>();
  private InformerEventSource<KafkaConnector, KafkaConnect> connectors;
  private WorkerPodInformer workerPods;
  /** Told the key ({@code namespace/name}) of a KafkaConnect that was deleted, to release what is kept for it. */
  private volatile Consumer<String> onDeleted = key -> { };

  public KafkaConnectReconciler(KubernetesClient client, OperatorSettings settings) {
    this(client, settings, new ConnectClients(RestCallListener.NONE)::forUrl, Clock.systemUTC());
  }


  /**
   * @param connectClients the Connect client for a REST URL and a cluster key ({@code namespace/name}), e.g.
   *     {@link ConnectClients#forUrl}
   * @param clock time source of condition transitions
   */
  public KafkaConnectReconciler(KubernetesClient client, OperatorSettings settings,
      BiFunction<String, String, ConnectClient> connectClients, Clock clock) {
    this(client, settings, connectClients, clock,
        settings.pollInterval().compareTo(SETTLED_RECHECK_FLOOR) > 0 ? settings.pollInterval() : SETTLED_RECHECK_FLOOR);
  }

  /** @param settledRecheck how soon a Ready cluster is probed again */
  KafkaConnectReconciler(KubernetesClient client, OperatorSettings settings,
      BiFunction<String, String, ConnectClient> connectClients, Clock clock, Duration settledRecheck) {
    this.settledRecheck = settledRecheck;
    this.settings = settings;
    this.connectClients = connectClients;
    this.clock = clock;
    this.owned = new OwnedResources(client);
    this.statusWriter = new StatusWriter(client);
    this.failures = new WorkerFailureEvents(new EventRecorder(client, clock));
  }

  /**
   * Informers on the owned kinds (mapped back through the owner reference), so hand edits are put back and
   * Deployment readiness reaches the status at once; on the worker pods ({@link WorkerPodInformer}), so a failed
   * plugin fetch or worker shows at once; and on KafkaConnectors, so the managed-connector count follows.
   */
  @Override
  public List<EventSource<?, KafkaConnect>> prepareEventSources(EventSourceContext<KafkaConnect> context) {
    List<EventSource<?, KafkaConnect>> sources = new ArrayList<>();
    for (Class<? extends HasMetadata> kind : OwnedResources.KINDS.keySet()) {
      sources.add(new InformerEventSource<>(InformerEventSourceConfiguration.from(kind, KafkaConnect.class)
          .withNamespacesInheritedFromController()
          .withLabelSelector(OWNED_SELECTOR)
          .build(), context));
    }
    // the informer is the cache the count is taken from; its events reach the reconcile only through the trigger,
    // a moment later and once per burst
    ConnectorCountTrigger count = new ConnectorCountTrigger(ConnectorCountTrigger.DELAY);
    Consumer<KafkaConnector> countChanged = c -> clusterIdOf(c).ifPresent(count::countChanged);
    connectors = new InformerEventSource<>(InformerEventSourceConfiguration.from(KafkaConnector.class,
            KafkaConnect.class)
        .withNamespacesInheritedFromController()
        .withSecondaryToPrimaryMapper(c -> clusterIdOf(c).map(Set::of).orElse(Set.of()))
        .withOnAddFilter(c -> {
          countChanged.accept(c);
          return false;
        })
        .withOnUpdateFilter((newer, older) -> {
          if (!Objects.equals(clusterOf(newer), clusterOf(older))) {
            countChanged.accept(newer);
            countChanged.accept(older);
          }
          return false;
        })
        .withOnDeleteFilter((c, finalStateUnknown) -> {
          countChanged.accept(c);
          return false;
        })
        .build(), context);
    sources.add(connectors);
    sources.add(count);
    workerPods = new WorkerPodInformer(context);
    sources.add(workerPods.eventSource());
    return sources;
  }

  /** Also releases, on deletion, what others keep per cluster (REST clients, metric series). */
  public KafkaConnectReconciler onDeleted(Consumer<String> release) {
    this.onDeleted = release;
    return this;
  }

  /** How many clusters this reconciler keeps a probe for (for tests of state release). */
  public int knownCount() {
    return known.size();
  }

  @Override
  public UpdateControl<KafkaConnect> reconcile(KafkaConnect kc, Context<KafkaConnect> context) {
    if (context.isPrimaryResourceDeleted()) {
      String key = clusterKey(kc);
      known.remove(key);
      failures.forget(key);
      onDeleted.accept(key);
      return UpdateControl.noUpdate();
    }
    if (kc.isMarkedForDeletion()) {
      return UpdateControl.noUpdate(); // the garbage collector removes the owned objects
    }
    List<String> problems = SpecValidator.problems(kc);
    KafkaConnectStatus status;
    if (!problems.isEmpty()) {
      status = invalid(kc, problems);
    } else if (kc.isManaged()) {
      status = reconcileManaged(kc);
    } else {
      status = reconcileExternal(kc);
    }
    return finish(kc, status, context);
  }

  private KafkaConnectStatus invalid(KafkaConnect kc, List<String> problems) {
    KafkaConnectStatus status = carriedOver(kc, kc.isManaged() ? MODE_MANAGED : MODE_EXTERNAL);
    setReady(kc, status, false, REASON_INVALID_SPEC, "Invalid spec: " + String.join("; ", problems));
    return status;
  }

  private KafkaConnectStatus reconcileManaged(KafkaConnect kc) {
    String name = kc.getMetadata().getName();
    String namespace = kc.getMetadata().getNamespace();
    Deployment deployment = owned.apply(ClusterResources.desired(kc, settings));
    DeploymentStatus workers = Optional.ofNullable(deployment.getStatus()).orElseGet(DeploymentStatus::new);
    int desired = Optional.ofNullable(kc.getSpec().getReplicas()).orElse(1);
    int ready = Optional.ofNullable(workers.getReadyReplicas()).orElse(0);

    KafkaConnectStatus status = carriedOver(kc, MODE_MANAGED);
    status.setReplicas(Optional.ofNullable(workers.getReplicas()).orElse(ready));
    status.setReadyReplicas(ready);
    status.setSelector(Naming.selector(name));
    status.setRestUrl(Naming.serviceRestUrl(name, namespace));
    if (desired == 0) {
      setReady(kc, status, false, REASON_WORKERS_UNAVAILABLE, "spec.replicas is 0: no workers run");
      return status;
    }
    Optional<WorkerFailure> failure = failures.check(kc, workerPods.of(kc), configHash(deployment), configValues(kc));
    if (failure.isPresent()) {
      setReady(kc, status, false, failure.get().reason(), failure.get().message());
      return status;
    }
    if (ready == 0) {
      setReady(kc, status, false, REASON_PROGRESSING, "0/" + desired + " workers ready");
      return status;
    }
    ConnectClient connect = client(kc, settings.restUrlRewriter().apply(status.getRestUrl()));
    String signature = deployment.getMetadata().getGeneration() + "/" + ready + "/" + status.getReplicas();
    ConnectProbe.Result probe = probe(kc, connect, status, signature);
    if (!probe.reachable()) {
      setReady(kc, status, false, REASON_WORKERS_UNAVAILABLE,
          "Connect REST API unreachable: " + probe.error());
    } else {
      ConnectProbe.syncLoggers(connect, WorkerConfig.loggers(kc), clusterKey(kc));
      Optional<String> pending = pendingRollout(deployment, desired, ready);
      setReady(kc, status, pending.isEmpty(),
          pending.isEmpty() ? REASON_READY : REASON_PROGRESSING,
          pending.orElse(ready + "/" + desired + " workers ready") + ", Kafka Connect " + probe.info().version());
    }
    return status;
  }

  /**
   * Why the workers are not all up to date yet, if they are not: too few ready, or the Deployment controller has
   * not yet observed or rolled out the current pod template (a config change). The rollout fields are only read when
   * the controller reports them (observedGeneration set); a server omits updatedReplicas when it is 0.
   */
  static Optional<String> pendingRollout(Deployment deployment, int desired, int ready) {
    if (ready < desired) {
      return Optional.of(ready + "/" + desired + " workers ready");
    }
    DeploymentStatus workers = deployment.getStatus();
    if (workers == null || workers.getObservedGeneration() == null) {
      return Optional.empty();
    }
    Long generation = deployment.getMetadata().getGeneration();
    if (generation != null && workers.getObservedGeneration() < generation) {
      return Optional.of("rolling out the workers");
    }
    int updated = Optional.ofNullable(workers.getUpdatedReplicas()).orElse(0);
    if (updated < desired) {
      return Optional.of("rolling out: " + updated + "/" + desired + " workers updated");
    }
    int running = Optional.ofNullable(workers.getReplicas()).orElse(updated);
    // during a surge roll the old worker may still be the ready one while the new one starts
    return running > updated ? Optional.of("rolling out: " + (running - updated) + " old worker(s) still running")
        : Optional.empty();
  }

  private KafkaConnectStatus reconcileExternal(KafkaConnect kc) {
    KafkaConnectStatus previous = kc.getStatus();
    if (previous == null || !MODE_EXTERNAL.equals(previous.getMode())) {
      owned.deleteAll(kc); // switched from managed mode (or first sight): no workers of ours may remain
    }
    KafkaConnectStatus status = carriedOver(kc, MODE_EXTERNAL);
    status.setReplicas(null);
    status.setReadyReplicas(null);
    status.setSelector(null);
    String restUrl = ConnectUrls.normalized(kc.getSpec().getRestUrl());
    status.setRestUrl(restUrl);
    ConnectProbe.Result probe = probe(kc, client(kc, restUrl), status, restUrl);
    if (probe.reachable()) {
      setReady(kc, status, true, REASON_READY, "Kafka Connect " + probe.info().version() + " answers");
    } else {
      setReady(kc, status, false, REASON_WORKERS_UNAVAILABLE,
          "Connect REST API unreachable: " + probe.error());
    }
    return status;
  }

  /** Probes the REST API and fills version, plugins and the connector summary; keeps the last known on failure. */
  private ConnectProbe.Result probe(KafkaConnect kc, ConnectClient connect, KafkaConnectStatus status,
      String workers) {
    String key = clusterKey(kc);
    KnownServer previous = known.get(key);
    boolean reuse = previous != null && previous.workers().equals(workers)
        && previous.at().plus(SERVER_INFO_MAX_AGE).isAfter(clock.instant());
    ConnectProbe.Result probe = ConnectProbe.probe(connect, reuse ? previous.probe() : null);
    if (!probe.reachable()) {
      known.remove(key);
    } else if (!reuse) {
      known.put(key, new KnownServer(probe, workers, clock.instant()));
    }
    Set<String> managed = managedConnectorNames(kc);
    List<String> unmanaged = status.getConnectors() == null ? List.of() : status.getConnectors().unmanaged();
    if (probe.reachable()) {
      status.setVersion(probe.info().version());
      status.setKafkaClusterId(probe.info().kafkaClusterId());
      status.setConnectorPlugins(probe.plugins().isEmpty() ? null : probe.plugins());
      unmanaged = probe.connectorNames().stream().filter(n -> !managed.contains(n)).sorted().toList();
    }
    // an empty list does not survive the trip through the API server: null, so that an unchanged status compares equal
    status.setConnectors(new ConnectorsSummary(managed.size(), unmanaged == null || unmanaged.isEmpty() ? null
        : unmanaged));
    return probe;
  }

  /** Names of the KafkaConnectors in the cluster's namespace whose spec.connectCluster is this cluster. */
  private Set<String> managedConnectorNames(KafkaConnect kc) {
    String name = kc.getMetadata().getName();
    return connectors.list(kc.getMetadata().getNamespace(), c -> clusterOf(c).filter(name::equals).isPresent())
        .map(c -> c.getMetadata().getName())
        .collect(Collectors.toSet());
  }

  private UpdateControl<KafkaConnect> finish(KafkaConnect kc, KafkaConnectStatus status,
      Context<KafkaConnect> context) {
    boolean ready = Optional.ofNullable(Conditions.ready(status.getConditions()))
        .map(c -> c.isTrue()).orElse(false);
    Duration next = ready ? settledRecheck : NOT_READY_RECHECK;
    if (ready) {
      failures.forget(clusterKey(kc));
    }
    if (!status.equals(kc.getStatus())) {
      statusWriter.write(kc, status, context);
    }
    return UpdateControl.<KafkaConnect>noUpdate().rescheduleAfter(next);
  }

  /**
   * A reconcile failed with an exception (a bug, or the API server refusing a write): the resource still gets a
   * status saying so, and JOSDK retries it without end, with a backoff capped at the poll interval.
   */
  @Override
  public ErrorStatusUpdateControl<KafkaConnect> updateErrorStatus(KafkaConnect kc, Context<KafkaConnect> context,
      Exception e) {
    KafkaConnectStatus status = carriedOver(kc, kc.isManaged() ? MODE_MANAGED : MODE_EXTERNAL);
    // worker properties may hold credentials: none of their values may reach the status or the log
    String message = Redactor.redact(Redactor.firstLine(String.valueOf(e.getMessage()), 300), configValues(kc));
    setReady(kc, status, false, REASON_RECONCILE_ERROR, "Reconcile failed, retrying: " + message);
    LOG.warn("Reconcile of {} failed, retrying: {}", clusterKey(kc), message);
    if (!status.equals(kc.getStatus())) {
      try {
        statusWriter.write(kc, status, context);
      } catch (RuntimeException writeFailed) {
        LOG.warn("Cannot write the status of {}: {}", clusterKey(kc), writeFailed.getMessage());
      }
    }
    return ErrorStatusUpdateControl.noStatusUpdate();
  }

  private static Collection<String> configValues(KafkaConnect kc) {
    return kc.getSpec() == null || kc.getSpec().getConfig() == null ? List.of() : kc.getSpec().getConfig().values();
  }

  /** The config hash on the Deployment's pod template: the pods that run the current config carry it. */
  private static String configHash(Deployment deployment) {
    Map<String, String> annotations = deployment.getSpec().getTemplate().getMetadata().getAnnotations();
    return annotations == null ? null : annotations.get(Naming.ANNOTATION_CONFIG_HASH);
  }

  /** A new status starting from the current one (so last known version and plugins survive an outage). */
  private static KafkaConnectStatus carriedOver(KafkaConnect kc, String mode) {
    KafkaConnectStatus previous = Optional.ofNullable(kc.getStatus()).orElseGet(KafkaConnectStatus::new);
    KafkaConnectStatus status = new KafkaConnectStatus();
    status.setConditions(previous.getConditions() == null ? new ArrayList<>() : previous.getConditions());
    status.setReplicas(previous.getReplicas());
    status.setReadyReplicas(previous.getReadyReplicas());
    status.setSelector(previous.getSelector());
    status.setRestUrl(previous.getRestUrl());
    status.setVersion(previous.getVersion());
    status.setKafkaClusterId(previous.getKafkaClusterId());
    status.setConnectorPlugins(previous.getConnectorPlugins());
    status.setConnectors(previous.getConnectors());
    status.setMode(mode);
    status.setObservedGeneration(kc.getMetadata().getGeneration());
    return status;
  }

  private void setReady(KafkaConnect kc, KafkaConnectStatus status, boolean ready, String reason, String message) {
    status.setConditions(Conditions.withReady(status.getConditions(), ready, reason, message,
        kc.getMetadata().getGeneration(), clock.instant()));
  }

  private ConnectClient client(KafkaConnect kc, String restUrl) {
    return connectClients.apply(restUrl, clusterKey(kc));
  }

  private static String clusterKey(KafkaConnect kc) {
    return kc.getMetadata().getNamespace() + "/" + kc.getMetadata().getName();
  }

  /** A reachable probe, the workers it was made against (Deployment generation, ready, replicas; or the URL). */
  private record KnownServer(ConnectProbe.Result probe, String workers, Instant at) {
  }

  private static Optional<ResourceID> clusterIdOf(KafkaConnector connector) {
    return clusterOf(connector).map(cluster -> new ResourceID(cluster, connector.getMetadata().getNamespace()));
  }

  private static Optional<String> clusterOf(KafkaConnector connector) {
    return Optional.ofNullable(connector.getSpec()).map(s -> s.getConnectCluster());
  }
}
