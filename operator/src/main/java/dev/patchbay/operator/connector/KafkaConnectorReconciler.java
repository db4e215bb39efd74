package dev.patchbay.operator.connector;

import dev.patchbay.operator.Conditions;
import dev.patchbay.operator.DaemonThreads;
import dev.patchbay.operator.Naming;
import dev.patchbay.operator.OperatorMetrics;
import dev.patchbay.operator.StatusWriter;
import dev.patchbay.operator.api.ConnectorState;
import dev.patchbay.operator.api.KafkaConnect;
import dev.patchbay.operator.api.KafkaConnector;
import dev.patchbay.operator.api.KafkaConnectorStatus;
import dev.patchbay.operator.connect.Backoff;
import dev.patchbay.operator.connect.ConnectClient;
import dev.patchbay.operator.connect.ConnectClients;
import dev.patchbay.operator.connect.ConnectException;
import dev.patchbay.operator.connect.ConnectRestException;
import dev.patchbay.operator.connect.ConnectUrls;
import dev.patchbay.operator.connect.ConnectorView;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.KubernetesClientException;
import io.fabric8.kubernetes.client.utils.Serialization;
import io.javaoperatorsdk.operator.api.config.informer.Informer;
import io.javaoperatorsdk.operator.api.config.informer.InformerEventSourceConfiguration;
import io.javaoperatorsdk.operator.api.reconciler.Context;
import io.javaoperatorsdk.operator.api.reconciler.ControllerConfiguration;
import io.javaoperatorsdk.operator.api.reconciler.DeleteControl;
import io.javaoperatorsdk.operator.api.reconciler.ErrorStatusUpdateControl;
import io.javaoperatorsdk.operator.api.reconciler.EventSourceContext;
import io.javaoperatorsdk.operator.api.reconciler.PrimaryUpdateAndCacheUtils;
import io.javaoperatorsdk.operator.api.reconciler.Reconciler;
import io.javaoperatorsdk.operator.api.reconciler.UpdateControl;
import io.javaoperatorsdk.operator.processing.event.ResourceID;
import io.javaoperatorsdk.operator.processing.event.source.EventSource;
import io.javaoperatorsdk.operator.processing.event.source.filter.OnUpdateFilter;
import io.javaoperatorsdk.operator.processing.event.source.informer.InformerEventSource;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.BiFunction;
import java.util.function.UnaryOperator;
import java.util.stream.Collectors;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Reconciles KafkaConnectors against the Connect cluster their {@code spec.connectCluster} names. Status comes from
 * one shared listing per cluster ({@link ConnectPollers}); the Connect-side steps are in {@link ConnectorSync}.
 * Annotation-only changes trigger a reconcile (restart annotations), status-only changes do not.
 *
 * <p>The finalizer is handled here rather than by JOSDK, which adds it in a reconcile of its own and does not cache
 * the answer: an event arriving meanwhile ran a second reconcile on the old copy, whose second add got 409 Conflict
 * from a real API server. Here the finalizer is added with one write whose answer goes into the cache, and the same
 * reconcile goes on to create the connector.
 */
@ControllerConfiguration(name = KafkaConnectorReconciler.NAME, triggerReconcilerOnAllEvents = true,
    generationAwareEventProcessing = false,
    informer = @Informer(onUpdateFilter = KafkaConnectorReconciler.SpecOrAnnotationsChanged.class))
public class KafkaConnectorReconciler implements Reconciler<KafkaConnector> {

  public static final String NAME = "kafkaconnector";
  static final String CLUSTER_INDEX = "connectCluster";

  private static final Logger LOG = LoggerFactory.getLogger(KafkaConnectorReconciler.class);
  /** When to look for a resource created under a deleted one's name ({@link #lookForSuccessor}). */
  private static final Duration SUCCESSOR_CHECK = Duration.ofSeconds(1);
  /** Finalizer writes run here, beside the reconcile that creates the connector; idle threads go after 60 s. */
  private static final ExecutorService FINALIZER_WRITES = Executors.newCachedThreadPool(
      DaemonThreads.named("patchbay-finalizer"));

  private final ConnectorSettings settings;
  private final UnaryOperator<String> restUrlRewriter;
  private final ConnectPollers pollers;
  private final ConnectorSync sync;
  private final ConnectorEvents events;
  private final StatusWriter statusWriter;
  private final OffsetsWorkflow offsets;
  private final KubernetesClient client;
  private final TrackedConnectors tracked;
  private final WorkerPodSource workerPods;
  private InformerEventSource<KafkaConnect, KafkaConnector> clusters;

  public KafkaConnectorReconciler(KubernetesClient client, ConnectClients connectClients, ConnectorSettings settings,
                                  UnaryOperator<String> restUrlRewriter, OperatorMetrics metrics) {
    this.settings = settings;
    this.restUrlRewriter = restUrlRewriter;
    this.pollers = new ConnectPollers(connectClients, settings.fastPoll(), settings.pollInterval(), metrics);
    this.tracked = new TrackedConnectors(pollers::untrack);
    this.workerPods = new WorkerPodSource(settings.clock());
    this.events = new ConnectorEvents(client, settings.clock());
    this.sync = new ConnectorSync(settings, events, metrics);
    this.statusWriter = new StatusWriter(client);
    this.offsets = new OffsetsWorkflow(client, events, settings);
    this.client = client;
  }

  /** How many Connect clusters are polled now (for tests of state release). */
  public int polledClusters() {
    return pollers.size();
  }

  /** How many KafkaConnectors the operator holds memory for (for tests of state release). */
  public int trackedConnectors() {
    return tracked.size();
  }

  /**
   * How many connectors wait for a follow-up the operator scheduled (a topics fetch); 0 means settled: until
   * something changes, each cluster costs one listing per poll interval and nothing else.
   */
  public long followUpsDue() {
    return tracked.followUpsDue();
  }

  /**
   * The connectors of the Connect cluster at {@code restUrl} from this reconciler's own polling, if it listed them
   * at most {@code maxAge} ago; lets the KafkaConnect reconciler go without a listing of its own.
   */
  public Optional<Map<String, ConnectorView>> recentListing(String restUrl, Duration maxAge) {
    return pollers.recentListing(restUrl, maxAge);
  }

  @Override
  public List<EventSource<?, KafkaConnector>> prepareEventSources(EventSourceContext<KafkaConnector> context) {
    context.getPrimaryCache().addIndexer(CLUSTER_INDEX, c -> c.getSpec() == null
        || c.getSpec().getConnectCluster() == null ? List.of()
        : List.of(key(c.getMetadata().getNamespace(), c.getSpec().getConnectCluster())));
    BiFunction<String, String, Set<ResourceID>> connectorsOf = (namespace, cluster) ->
        context.getPrimaryCache().byIndex(CLUSTER_INDEX, key(namespace, cluster)).stream()
            .map(ResourceID::fromResource).collect(Collectors.toSet());
    var config = InformerEventSourceConfiguration.from(KafkaConnect.class, KafkaConnector.class)
        .withName("kafkaconnects-for-connectors")
        .withSecondaryToPrimaryMapper((KafkaConnect kc) -> connectorsOf.apply(kc.getMetadata().getNamespace(),
            kc.getMetadata().getName()))
        .withOnUpdateFilter((updated, old) -> !Objects.equals(updated.getMetadata().getGeneration(),
            old.getMetadata().getGeneration()))
        .build();
    clusters = new InformerEventSource<>(config, context);
    return List.of(clusters, pollers, workerPods.eventSource(context, connectorsOf));
  }

  @Override
  public UpdateControl<KafkaConnector> reconcile(KafkaConnector resource, Context<KafkaConnector> context) {
    ResourceID id = ResourceID.fromResource(resource);
    if (context.isPrimaryResourceDeleted()) {
      tracked.release(id);
      lookForSuccessor(id, context);
      return UpdateControl.noUpdate();
    }
    if (resource.isMarkedForDeletion()) {
      return resource.hasFinalizer(Naming.CONNECTOR_FINALIZER) ? delete(resource) : UpdateControl.noUpdate();
    }
    // the finalizer is written while the connector is created, not before: on the path from apply to RUNNING the
    // two take the time of one; joined below, before the status is written
    CompletableFuture<KafkaConnector> finalizer = null;
    if (!resource.hasFinalizer(Naming.CONNECTOR_FINALIZER)) {
      KafkaConnector original = resource;
      finalizer = CompletableFuture.supplyAsync(() -> PrimaryUpdateAndCacheUtils.addFinalizer(client, original,
          Naming.CONNECTOR_FINALIZER), FINALIZER_WRITES);
    }
    KafkaConnectorStatus previous = resource.getStatus() == null ? new KafkaConnectorStatus() : resource.getStatus();
    Outcome outcome;
    Optional<KafkaConnect> cluster = cluster(resource);
    Optional<String> badUrl = cluster.flatMap(KafkaConnectorReconciler::unusableUrl);
    TrackedConnector connector = tracked.of(id);
    ConnectClient connect = null;
    try {
      if (cluster.isEmpty()) {
        pollers.untrack(connector);
        outcome = clusterNotFound(resource, previous);
      } else if (badUrl.isPresent()) {
        pollers.untrack(connector);
        outcome = unavailable(resource, previous, "KafkaConnect " + cluster.get().getMetadata().getName()
            + " has an unusable spec.restUrl: " + badUrl.get(), null);
      } else {
        ClusterPoller poller = pollers.track(connector, restUrl(cluster.get()), clusterKey(cluster.get()),
            resource.getMetadata().getName());
        connect = poller.client();
        outcome = syncWith(new SyncTarget(resource, previous, connector, connect, poller,
            cluster.get().getMetadata().getName(), clusterKey(cluster.get()), workerPods.liveness(cluster.get())),
            poller);
      }
    } catch (RuntimeException e) {
      if (finalizer != null) { // its answer goes into the cache before the retry, whatever the sync did
        try {
          withFinalizer(finalizer, resource, connector, connect, context);
        } catch (RuntimeException alsoFailed) {
          e.addSuppressed(alsoFailed);
        }
      }
      throw e;
    }
    if (finalizer != null) {
      Optional<KafkaConnector> updated = withFinalizer(finalizer, resource, connector, connect, context);
      if (updated.isEmpty()) {
        return UpdateControl.noUpdate();
      }
      resource = updated.get();
    }
    return toControl(resource, previous, outcome, context);
  }

  /**
   * A resource created under the name of one just deleted, while JOSDK still handled the delete (kubectl delete and
   * apply in a script, Argo CD's Replace), gets no reconcile from its ADDED event: JOSDK 5.2 drops an event that comes
   * while it handles a delete, together with the delete's state (and hands the delete's reconcile the successor, if
   * the cache has it by then). Once that is done, a resource of that name in the cache is reconciled; an extra
   * reconcile of one that got its own changes nothing.
   */
  private void lookForSuccessor(ResourceID id, Context<KafkaConnector> context) {
    pollers.resourceEventLater(id, SUCCESSOR_CHECK, () -> context.getPrimaryCache().get(id));
  }

  /**
   * The resource with the finalizer, as the server answered; empty when the resource was deleted before the finalizer
   * could be added (nothing would ever delete the connector then): the connector this reconcile created, if any, is
   * deleted from Connect again.
   */
  private Optional<KafkaConnector> withFinalizer(CompletableFuture<KafkaConnector> finalizer, KafkaConnector resource,
                                                 TrackedConnector connector, ConnectClient connect,
                                                 Context<KafkaConnector> context) {
    try {
      KafkaConnector updated = finalizer.join();
      context.eventSourceRetriever().getControllerEventSource()
          .handleRecentResourceUpdate(ResourceID.fromResource(resource), updated, resource);
      return Optional.of(updated);
    } catch (CompletionException e) {
      if (!(e.getCause() instanceof KubernetesClientException gone) || gone.getCode() != 404) {
        throw e.getCause() instanceof RuntimeException cause ? cause : e;
      }
      String name = resource.getMetadata().getName();
      if (connector.created != null && connect != null) {
        LOG.info("KafkaConnector {}/{} was deleted while its connector was created; deleting connector {} again",
            resource.getMetadata().getNamespace(), name, name);
        connect.delete(name);
      }
      tracked.release(ResourceID.fromResource(resource));
      return Optional.empty();
    }
  }

  /**
   * A reconcile failed with an exception (a bug, or the API server refusing a write): the resource still gets a
   * status saying so, and JOSDK retries it without end, with a backoff capped at the poll interval.
   */
  @Override
  public ErrorStatusUpdateControl<KafkaConnector> updateErrorStatus(KafkaConnector resource,
      Context<KafkaConnector> context, Exception e) {
    KafkaConnectorStatus previous = resource.getStatus() == null ? new KafkaConnectorStatus() : resource.getStatus();
    KafkaConnectorStatus status = Statuses.copy(previous);
    status.setObservedGeneration(resource.getMetadata().getGeneration());
    String message = Redactor.redact(Redactor.firstLine(String.valueOf(e.getMessage()), 300),
        DesiredConfig.secretsOf(resource));
    status.setConditions(Conditions.withReady(status.getConditions(), false, Assessment.RECONCILE_ERROR,
        "Reconcile failed, retrying: " + message, resource.getMetadata().getGeneration(), settings.clock().instant()));
    LOG.warn("Reconcile of {}/{} failed, retrying: {}", resource.getMetadata().getNamespace(),
        resource.getMetadata().getName(), message);
    if (!status.equals(previous)) {
      try {
        statusWriter.write(resource, status, context);
      } catch (RuntimeException writeFailed) {
        LOG.warn("Cannot write the status of {}/{}: {}", resource.getMetadata().getNamespace(),
            resource.getMetadata().getName(), Redactor.firstLine(String.valueOf(writeFailed.getMessage()), 300));
      }
    }
    return ErrorStatusUpdateControl.noStatusUpdate();
  }

  /** A resource marked for deletion: delete the connector from Connect, then release the finalizer. */
  private UpdateControl<KafkaConnector> delete(KafkaConnector resource) {
    DeleteControl control = cleanup(resource);
    if (control.isRemoveFinalizer()) {
      PrimaryUpdateAndCacheUtils.removeFinalizer(client, resource, Naming.CONNECTOR_FINALIZER);
      return UpdateControl.noUpdate();
    }
    UpdateControl<KafkaConnector> again = UpdateControl.noUpdate();
    control.getScheduleDelay().ifPresent(again::rescheduleAfter);
    return again;
  }

  private Outcome syncWith(SyncTarget target, ClusterPoller poller) {
    KafkaConnector resource = target.resource();
    KafkaConnectorStatus previous = target.previous();
    ResourceID id = target.tracked().id;
    // a connector this resource never created: the last listing that lacks it is enough to POST it now, without
    // waiting for a listing of its own (Connect refuses an existing name with 409, handled by the create)
    ClusterPoller.Snapshot snapshot = neverCreated(previous) ? poller.lastKnownWithout(target.name()) : null;
    if (snapshot == null) {
      snapshot = poller.read(id, settings.freshness());
    }
    if (snapshot == null) {
      // no usable listing yet: the poller lists now and triggers this resource when Connect answered; a resource
      // seen for the first time says so meanwhile, so that it is never without a Ready condition
      if (Conditions.ready(previous.getConditions()) != null) {
        return new Outcome(previous, null);
      }
      KafkaConnectorStatus waiting = Statuses.copy(previous);
      waiting.setConditions(Conditions.withReady(waiting.getConditions(), false, Assessment.PENDING,
          "waiting for Connect at " + poller.url() + " to answer", resource.getMetadata().getGeneration(),
          settings.clock().instant()));
      return new Outcome(waiting, null);
    }
    if (!snapshot.available()) {
      // the poller keeps retrying with backoff and triggers this resource when the cluster answers again
      return unavailable(resource, previous, snapshot.failure().getMessage(), null);
    }
    ConnectorView view = snapshot.view(target.name());
    AtomicInteger failures = target.tracked().transientFailures;
    try {
      OffsetsWorkflow.Step offsetsStep = view != null && ConnectorSync.isOurs(previous, view, target.desiredConfig())
          ? offsets.step(resource, previous, view, poller.client()) : null;
      Outcome outcome = sync.sync(offsetsStep != null && offsetsStep.holdStopped() ? heldStopped(target) : target,
          view);
      if (offsetsStep != null) {
        outcome = withOffsets(target, outcome, offsetsStep);
      }
      failures.set(0);
      return outcome;
    } catch (ConnectRestException e) {
      if (!e.isRetriable()) {
        throw e;
      }
      Duration delay = Backoff.TRANSIENT.delay(failures.getAndIncrement());
      if (e.isRebalance()) {
        KafkaConnectorStatus status = Statuses.copy(previous);
        status.setConditions(Conditions.withReady(status.getConditions(), false, Assessment.REBALANCING,
            "Connect is rebalancing; retrying in " + delay.toMillis() + " ms", resource.getMetadata().getGeneration(),
            settings.clock().instant()));
        return new Outcome(status, delay);
      }
      return unavailable(resource, previous, "Connect answered " + e.status() + ": "
          + Redactor.redact(Redactor.firstLine(e.getMessage(), 200), DesiredConfig.secretsOf(resource)), delay);
    } catch (ConnectException e) {
      poller.changed();
      Duration delay = Backoff.TRANSIENT.delay(failures.getAndIncrement());
      return unavailable(resource, previous, e.getMessage(), delay);
    }
  }

  private static boolean neverCreated(KafkaConnectorStatus previous) {
    return previous.getConnector() == null && previous.getType() == null;
  }

  /** The target as the sync sees it while an offsets request holds the connector stopped. */
  private static SyncTarget heldStopped(SyncTarget target) {
    KafkaConnector held = Serialization.clone(target.resource());
    held.getSpec().setState(ConnectorState.STOPPED);
    return new SyncTarget(held, target.previous(), target.tracked(), target.client(), target.listing(),
        target.clusterName(), target.clusterKey(), target.workers(), target.desiredConfig());
  }

  /** The sync's outcome with the offsets request's status, and Ready=False while the request runs. */
  private Outcome withOffsets(SyncTarget target, Outcome outcome, OffsetsWorkflow.Step step) {
    KafkaConnectorStatus status = outcome.status();
    status.setOffsets(step.offsets());
    if (step.progress() != null) {
      status.setConditions(Conditions.withReady(status.getConditions(), false, Assessment.PENDING, step.progress(),
          target.generation(), settings.clock().instant()));
      target.listing().changed(target.tracked()); // the connector moves: follow it closely
    }
    return step.recheck() == null ? outcome : outcome.recheckNoLaterThan(step.recheck());
  }

  /** Patches the status only when it changed; JOSDK is left with nothing to write. */
  private UpdateControl<KafkaConnector> toControl(KafkaConnector resource, KafkaConnectorStatus previous,
                                                  Outcome outcome, Context<KafkaConnector> context) {
    KafkaConnectorStatus status = outcome.status();
    status.setObservedGeneration(resource.getMetadata().getGeneration());
    if (!status.equals(previous)) {
      statusWriter.write(resource, status, context);
    }
    UpdateControl<KafkaConnector> control = UpdateControl.noUpdate();
    if (outcome.recheckAfter() != null) {
      control.rescheduleAfter(Math.max(1, outcome.recheckAfter().toMillis()));
    }
    return control;
  }

  private Outcome clusterNotFound(KafkaConnector resource, KafkaConnectorStatus previous) {
    KafkaConnectorStatus status = Statuses.copy(previous);
    Statuses.clearView(status, true);
    status.setConditions(Conditions.withReady(status.getConditions(), false, Assessment.CLUSTER_NOT_FOUND,
        "KafkaConnect " + resource.getSpec().getConnectCluster() + " not found in namespace "
            + resource.getMetadata().getNamespace(), resource.getMetadata().getGeneration(), settings.clock().instant()));
    return Outcome.of(status);
  }

  private Outcome unavailable(KafkaConnector resource, KafkaConnectorStatus previous, String message,
                              Duration retry) {
    KafkaConnectorStatus status = Statuses.copy(previous);
    // keep the last known connector and tasks; what Connect would say now is unknown
    status.setState(null);
    status.setTasksReady(null);
    status.setConditions(Conditions.withReady(status.getConditions(), false, Assessment.CLUSTER_UNAVAILABLE,
        Redactor.firstLine(message, 300), resource.getMetadata().getGeneration(), settings.clock().instant()));
    return new Outcome(status, retry);
  }

  private DeleteControl cleanup(KafkaConnector resource) {
    ResourceID id = ResourceID.fromResource(resource);
    String name = resource.getMetadata().getName();
    Optional<KafkaConnect> cluster = cluster(resource);
    if (cluster.isEmpty()) {
      return release(resource, "Released: KafkaConnect " + resource.getSpec().getConnectCluster()
          + " no longer exists, nothing to delete in Connect");
    }
    Optional<String> badUrl = unusableUrl(cluster.get());
    if (badUrl.isPresent()) {
      return release(resource, "Released: KafkaConnect " + cluster.get().getMetadata().getName() + " has an unusable "
          + "spec.restUrl (" + badUrl.get() + "), nothing can be deleted there");
    }
    TrackedConnector connector = tracked.of(id);
    AtomicInteger failures = connector.transientFailures;
    ClusterPoller poller = pollers.track(connector, restUrl(cluster.get()), clusterKey(cluster.get()), name);
    try {
      ClusterPoller.Snapshot snapshot = poller.read(id, settings.freshness());
      if (snapshot == null) {
        return DeleteControl.noFinalizerRemoval(); // the poller triggers this resource when Connect answered
      }
      if (!snapshot.available()) {
        throw snapshot.failure();
      }
      ConnectorView view = snapshot.view(name);
      KafkaConnectorStatus previous = resource.getStatus() == null ? new KafkaConnectorStatus() : resource.getStatus();
      if (view == null) {
        Duration unlisted = connector.unlistedGraceLeft(settings.clock().instant());
        if (unlisted != null) {
          // just created and not listed yet: gone only once Connect lists it and it is deleted, or it never shows
          return DeleteControl.noFinalizerRemoval().rescheduleAfter(unlisted.toMillis());
        }
        return release(resource, "Deleted connector " + name + " from " + cluster.get().getMetadata().getName());
      }
      if (!ConnectorSync.isOurs(previous, view, DesiredConfig.of(resource))) {
        return release(resource, "Released: connector " + name + " in Connect is not managed by this resource and "
            + "was left alone");
      }
      poller.client().delete(name);
      poller.changed(connector);
      int attempt = failures.getAndIncrement();
      if (attempt == 0) {
        LOG.info("Deleting connector {} from {}", name, cluster.get().getMetadata().getName());
      }
      return DeleteControl.noFinalizerRemoval().rescheduleAfter(
          new Backoff(settings.fastPoll(), Duration.ofSeconds(5)).nominal(attempt).toMillis());
    } catch (ConnectException e) {
      int attempt = failures.getAndIncrement();
      LOG.debug("Deleting connector {} must wait: {}", name, e.getMessage());
      return DeleteControl.noFinalizerRemoval().rescheduleAfter(Backoff.TRANSIENT.delay(attempt).toMillis());
    }
  }

  private DeleteControl release(KafkaConnector resource, String message) {
    tracked.release(ResourceID.fromResource(resource));
    LOG.info(message);
    events.normal(resource, "Deleted", message);
    return DeleteControl.defaultDelete();
  }

  private Optional<KafkaConnect> cluster(KafkaConnector resource) {
    String name = resource.getSpec() == null ? null : resource.getSpec().getConnectCluster();
    if (name == null || clusters == null) {
      return Optional.empty();
    }
    return clusters.get(new ResourceID(name, resource.getMetadata().getNamespace()));
  }

  /** Why the cluster's external REST URL cannot be used, if it cannot (managed clusters use their Service's URL). */
  private static Optional<String> unusableUrl(KafkaConnect cluster) {
    return cluster.isManaged() ? Optional.empty() : ConnectUrls.problem(cluster.getSpec().getRestUrl());
  }

  private String restUrl(KafkaConnect cluster) {
    if (!cluster.isManaged()) {
      return ConnectUrls.normalized(cluster.getSpec().getRestUrl());
    }
    return restUrlRewriter.apply(Naming.serviceRestUrl(cluster.getMetadata().getName(),
        cluster.getMetadata().getNamespace()));
  }

  private static String clusterKey(KafkaConnect cluster) {
    return key(cluster.getMetadata().getNamespace(), cluster.getMetadata().getName());
  }

  private static String key(String namespace, String name) {
    return namespace + "/" + name;
  }

  /**
   * Lets through the updates that need a reconcile: spec (generation), restart annotations, finalizers, deletion.
   * Status-only updates (our own patches) and label changes do not.
   */
  public static final class SpecOrAnnotationsChanged implements OnUpdateFilter<KafkaConnector> {

    private static final List<String> KEYS = List.of(Naming.ANNOTATION_RESTART, Naming.ANNOTATION_RESTART_FAILED,
        Naming.ANNOTATION_RESTART_TASK, OffsetsWorkflow.LIST, OffsetsWorkflow.RESET, OffsetsWorkflow.ALTER);

    @Override
    public boolean accept(KafkaConnector updated, KafkaConnector old) {
      return !Objects.equals(updated.getMetadata().getGeneration(), old.getMetadata().getGeneration())
          || !Objects.equals(restartAnnotations(updated), restartAnnotations(old))
          || !Objects.equals(updated.getMetadata().getFinalizers(), old.getMetadata().getFinalizers())
          || updated.isMarkedForDeletion() != old.isMarkedForDeletion();
    }

    private static List<String> restartAnnotations(KafkaConnector resource) {
      Map<String, String> annotations = resource.getMetadata().getAnnotations();
      return KEYS.stream().map(k -> annotations == null ? null : annotations.get(k)).toList();
    }
  }
}
