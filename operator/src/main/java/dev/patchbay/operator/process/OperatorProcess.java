package dev.patchbay.operator.process;

import dev.patchbay.operator.OperatorMetrics;
import dev.patchbay.operator.PatchbayOperator;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.api.model.coordination.v1.Lease;
import io.fabric8.kubernetes.client.extended.leaderelection.LeaderCallbacks;
import io.javaoperatorsdk.operator.Operator;
import io.javaoperatorsdk.operator.api.config.ConfigurationServiceOverrider;
import io.javaoperatorsdk.operator.api.config.LeaderElectionConfiguration;
import java.util.function.Consumer;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * One running operator: the JOSDK operator from {@link PatchbayOperator#create}, its HTTP endpoints with the JVM's
 * meters next to the operator's, and leader election when enabled. {@link OperatorMain} runs one; tests run several
 * in one JVM.
 *
 * <p>With leader election every instance starts its informers (so it is ready and can take over quickly), and only
 * the holder of the Lease {@value ProcessSettings#LEASE_NAME} reconciles. An instance that loses the Lease while
 * running calls {@code onLostLeadership} (the process exits, so that it never reconciles next to a new leader); one
 * that is being closed just stops.
 */
public final class OperatorProcess implements AutoCloseable {

  private static final Logger log = LoggerFactory.getLogger(OperatorProcess.class);

  private final ProcessSettings settings;
  private final KubernetesClient client;
  private final OperatorMetrics metrics = new OperatorMetrics();
  private final Runnable onLostLeadership;
  private final Operator operator;
  private final JvmMeters jvmMeters;
  private final HttpEndpoints http;
  private volatile boolean started;
  private volatile boolean closed;
  private volatile boolean leader;

  /**
   * Creates the operator and opens the HTTP endpoints (live, not yet ready); call {@link #start()} next.
   *
   * @param client used for everything; not closed by this class
   * @param leaseTimings used when leader election is on
   * @param beforeStart called with the operator before it starts, e.g. to register extra reconcilers in tests
   * @param onLostLeadership called when the Lease is lost while running
   */
  public OperatorProcess(ProcessSettings settings, KubernetesClient client, LeaseTimings leaseTimings,
      Consumer<Operator> beforeStart, Runnable onLostLeadership) {
    this.settings = settings;
    this.client = client;
    this.onLostLeadership = onLostLeadership;
    this.operator = PatchbayOperator.create(client, settings.operator(), metrics, o -> leaderElection(o, leaseTimings));
    beforeStart.accept(operator);
    this.jvmMeters = new JvmMeters(metrics.registry());
    this.http = new HttpEndpoints(settings.httpPort(), () -> !closed, this::isReady, metrics::scrape).start();
    metrics.leader(!settings.operator().leaderElection());
  }

  private void leaderElection(ConfigurationServiceOverrider overrider, LeaseTimings timings) {
    if (!settings.operator().leaderElection()) {
      return;
    }
    LeaderCallbacks callbacks = new LeaderCallbacks(this::startedLeading, this::stoppedLeading,
        newLeader -> log.info("Leader is now {}", newLeader));
    overrider.withLeaderElectionConfiguration(new LeaderElectionConfiguration(ProcessSettings.LEASE_NAME,
        settings.leaseNamespace(), timings.leaseDuration(), timings.renewDeadline(), timings.retryPeriod(),
        settings.identity(), callbacks, false));
  }

  /** Starts the operator; returns once its informers have synced. */
  public OperatorProcess start() {
    log.info("Starting Patchbay operator: namespaces {}, leader election {}, HTTP port {}",
        settings.operator().watchNamespaces().isEmpty() ? "all" : settings.operator().watchNamespaces(),
        settings.operator().leaderElection() ? "on (" + ProcessSettings.LEASE_NAME + ")" : "off", http.port());
    if (operator.getRegisteredControllersNumber() == 0) {
      // The framework refuses to start without controllers; serve the endpoints anyway.
      log.warn("No reconcilers are registered: serving /healthz, /readyz and /metrics only");
    } else {
      operator.start();
    }
    started = true;
    log.info("Patchbay operator started");
    return this;
  }

  private void startedLeading() {
    leader = true;
    metrics.leader(true);
    log.info("Took the leader Lease {}: reconciling", ProcessSettings.LEASE_NAME);
  }

  private void stoppedLeading() {
    boolean wasLeader = leader;
    leader = false;
    metrics.leader(false);
    if (closed) {
      log.info("Stepped down as leader on shutdown");
    } else if (wasLeader) {
      log.error("Lost the leader Lease {} while running", ProcessSettings.LEASE_NAME);
      onLostLeadership.run();
    }
  }

  /** Started, informers healthy, not closing. */
  public boolean isReady() {
    return started && !closed && (operator.getRegisteredControllersNumber() == 0
        || operator.getRuntimeInfo().isStarted() && operator.getRuntimeInfo().allEventSourcesAreHealthy());
  }

  /** Holds the Lease (always true without leader election once started). */
  public boolean isLeader() {
    return settings.operator().leaderElection() ? leader : started;
  }

  public int httpPort() {
    return http.port();
  }

  public OperatorMetrics metrics() {
    return metrics;
  }

  public Operator operator() {
    return operator;
  }

  public KubernetesClient client() {
    return client;
  }

  /**
   * Gives the Lease up once reconciling has stopped (JOSDK leaves it held until it expires): the holder is cleared
   * and the duration set to one second, so a standby replica takes over at its next retry instead of after the whole
   * Lease duration. Only a Lease this instance still holds is touched, with optimistic locking.
   */
  private void releaseLease() {
    String namespace = settings.leaseNamespace() != null ? settings.leaseNamespace() : client.getNamespace();
    try {
      Lease lease = client.leases().inNamespace(namespace).withName(ProcessSettings.LEASE_NAME).get();
      if (lease == null || lease.getSpec() == null
          || !settings.identity().equals(lease.getSpec().getHolderIdentity())) {
        return;
      }
      lease.getSpec().setHolderIdentity(null);
      lease.getSpec().setLeaseDurationSeconds(1);
      lease.getSpec().setRenewTime(java.time.ZonedDateTime.now(java.time.ZoneOffset.UTC));
      client.resource(lease).update();
      log.info("Released the leader Lease {}", ProcessSettings.LEASE_NAME);
    } catch (RuntimeException e) {
      log.warn("Could not release the leader Lease {}: {}", ProcessSettings.LEASE_NAME, e.getMessage());
    }
  }

  /** Stops reconciling (waiting for running reconciliations), then the HTTP endpoints. Idempotent. */
  @Override
  public synchronized void close() {
    if (closed) {
      return;
    }
    closed = true;
    log.info("Stopping Patchbay operator");
    boolean wasLeader = leader;
    try {
      operator.stop();
    } catch (RuntimeException e) {
      log.warn("Error while stopping the operator", e);
    }
    if (settings.operator().leaderElection() && wasLeader) {
      releaseLease();
    }
    http.close();
    jvmMeters.close();
    log.info("Patchbay operator stopped");
  }
}
